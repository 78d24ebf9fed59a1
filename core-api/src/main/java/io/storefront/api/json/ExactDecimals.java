package io.storefront.api.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

import java.math.BigDecimal;

/**
 * Every decimal an app answers with (amounts of money above all) is a JSON string of its exact digits,
 * {@code "85000"} or {@code "12.5"}: a JSON number would be read as a binary float by most clients,
 * and {@code 0.1 + 0.2} of those is not {@code 0.3}. Decimals are still read from numbers or strings.
 * The apps' OpenAPI documents say so ({@code io.storefront.api.openapi.ApiDocument}). Events keep their own
 * format: this is the HTTP API's.
 */
@AutoConfiguration
@ConditionalOnClass(JacksonModule.class)
public class ExactDecimals {

    @Bean
    JacksonModule exactDecimals() {
        return new SimpleModule("exact-decimals").addSerializer(BigDecimal.class, new AsText());
    }

    /** Without trailing zeros, never in exponent notation: {@code 85000.0000} is {@code "85000"}. */
    private static final class AsText extends StdSerializer<BigDecimal> {

        AsText() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString());
        }
    }
}
