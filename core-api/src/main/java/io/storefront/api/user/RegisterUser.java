package io.storefront.api.user;

import io.storefront.api.shared.E164;
import io.storefront.api.shared.PlainText;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a customer. The email must not belong to anybody else; the phone is optional. */
public record RegisterUser(
        @TargetAggregateIdentifier @NotBlank String userId,
        @NotBlank @Size(max = 100) @PlainText String name,
        @NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+") String email,
        @E164 String phone) {
}
