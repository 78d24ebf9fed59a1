package io.storefront.command.notification;

import io.storefront.command.user.VerificationCodeSender;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** While notifications are off, verification codes only reach the demo outbox. */
@Component
@ConditionalOnProperty(name = "storefront.notifications.enabled", havingValue = "false", matchIfMissing = true)
class UnsentCodes implements VerificationCodeSender {

    private final DemoOutbox outbox;

    UnsentCodes(DemoOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void send(Code code) {
        outbox.keep(code.channel().name(), code.destination(), "Your Storefront verification code is " + code.code());
    }
}
