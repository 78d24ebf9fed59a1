package io.storefront.command.user;

import io.storefront.api.notification.Channel;
import io.storefront.api.user.ChangeNotificationPreferences;
import io.storefront.api.user.ConfirmVerification;
import io.storefront.api.user.RequestVerification;
import io.storefront.api.user.UpdateUserProfile;
import io.storefront.api.user.VerificationChannel;
import io.storefront.command.BusinessRuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;

/** A user's own profile, verifications and notification preferences; registering goes through the auth context, which keeps the password. */
@RestController
@RequestMapping("/api/users")
class UserController {

    record Profile(String name, String phone) {
    }

    record VerificationRequest(VerificationChannel channel) {
    }

    record Confirmation(VerificationChannel channel, String code) {
    }

    record NotificationPreferences(String language, Set<Channel> optedOut) {
    }

    private final CommandGateway commands;

    UserController(CommandGateway commands) {
        this.commands = commands;
    }

    @PutMapping("/{userId}/profile")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void updateProfile(@PathVariable String userId, @RequestBody Profile body) {
        commands.sendAndWait(new UpdateUserProfile(userId, body.name(), body.phone()));
    }

    @PostMapping("/{userId}/verifications")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestVerification(@PathVariable String userId, @RequestBody VerificationRequest body) {
        commands.sendAndWait(new RequestVerification(userId, body.channel()));
    }

    @PostMapping("/{userId}/verifications/confirmation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void confirmVerification(@PathVariable String userId, @RequestBody Confirmation body) {
        boolean verified = commands.sendAndWait(new ConfirmVerification(userId, body.channel(), body.code()));
        if (!verified) {
            throw new BusinessRuleViolation("The code is not right");
        }
    }

    @PutMapping("/{userId}/notification-preferences")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changeNotificationPreferences(@PathVariable String userId, @RequestBody NotificationPreferences body) {
        commands.sendAndWait(new ChangeNotificationPreferences(userId, body.language(), body.optedOut()));
    }
}
