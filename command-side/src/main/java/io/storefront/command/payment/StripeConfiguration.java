package io.storefront.command.payment;

import com.stripe.StripeClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.Assert;

/** Stripe as the shop's payment provider ({@code storefront.payment.provider=stripe}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "storefront.payment.provider", havingValue = "stripe")
class StripeConfiguration {

    @Bean
    StripePaymentGateway stripePaymentGateway(PaymentSettings settings) {
        Assert.isTrue(settings.stripe() != null && PaymentSettings.isSet(settings.stripe().apiKey()),
                "storefront.payment.stripe.api-key (STRIPE_API_KEY) must be set when Stripe is the provider");
        int timeout = (int) settings.timeout().toMillis();
        StripeClient stripe = StripeClient.builder()
                .setApiKey(settings.stripe().apiKey())
                .setApiBase(settings.stripe().apiBase())
                .setConnectTimeout(timeout)
                .setReadTimeout(timeout)
                .setMaxNetworkRetries(0) // retried by ProviderCalls, alike for every provider
                .build();
        return new StripePaymentGateway(stripe, settings);
    }
}
