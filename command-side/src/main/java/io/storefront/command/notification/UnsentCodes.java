package io.storefront.command.notification;

import io.storefront.api.notification.Channel;
import io.storefront.command.user.AccountNotices;
import io.storefront.command.user.VerificationCodeSender;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** While notifications are off, verification codes and account notices only reach the demo outbox. */
@Component
@ConditionalOnProperty(name = "storefront.notifications.enabled", havingValue = "false", matchIfMissing = true)
class UnsentCodes implements VerificationCodeSender, AccountNotices {

    private final DemoOutbox outbox;

    UnsentCodes(DemoOutbox outbox) {
        this.outbox = outbox;
    }

    /** Kept once the request commits: the outbox shows no code of a request that failed. */
    @Override
    public void send(Code code) {
        CurrentUnitOfWork.get().afterCommit(unitOfWork -> outbox.keep(code.channel().name(), code.destination(),
                "Your Storefront verification code is " + code.code()));
    }

    @Override
    public void registrationAttempted(String userId, String email, String language) {
        CurrentUnitOfWork.get().afterCommit(unitOfWork -> outbox.keep(Channel.EMAIL.name(), email,
                "Somebody tried to register with your email address; you have an account already"));
    }
}
