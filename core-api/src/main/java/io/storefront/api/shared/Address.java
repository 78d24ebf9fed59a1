package io.storefront.api.shared;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A postal address to ship to. The country is an ISO 3166-1 alpha-2 code. */
public record Address(
        @NotBlank @Size(max = 100) @PlainText String recipient,
        @NotBlank @Size(max = 200) @PlainText String line1,
        @Size(max = 200) @PlainText String line2,
        @NotBlank @Size(max = 100) @PlainText String city,
        @Size(max = 100) @PlainText String region,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9 -]{2,12}", message = "must be a postal code") String postalCode,
        @NotBlank @IsoCountry String country) {
}
