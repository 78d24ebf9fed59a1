package io.storefront.api.user;

import io.storefront.api.shared.E164;
import io.storefront.api.shared.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes the name and phone of a user. A new phone number has to be verified again. */
public record UpdateUserProfile(
        @TargetAggregateIdentifier @NotBlank String userId,
        @NotBlank @Size(max = 100) @PlainText String name,
        @E164 String phone) {
}
