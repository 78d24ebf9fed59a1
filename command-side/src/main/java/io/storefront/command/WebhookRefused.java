package io.storefront.command;

/**
 * A webhook whose signature does not verify: it may not come from whom it claims. Answered with 401;
 * logged with the sender's name only, never the signature, secret or body.
 */
public class WebhookRefused extends RuntimeException {

    public WebhookRefused(String sender) {
        super("The " + sender + " webhook's signature does not verify");
    }
}
