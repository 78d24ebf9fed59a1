package io.storefront.command.notification;

/**
 * A message written out for its channel: an email has a subject, a plain text and an HTML body; a push
 * notification a title (the subject) and a text; a text message only its text.
 */
record Rendered(String subject, String text, String html) {

    @Override
    public String toString() {
        // the text may hold a verification code
        return "Rendered[subject=" + subject + "]";
    }
}
