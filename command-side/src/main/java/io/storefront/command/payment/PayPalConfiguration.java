package io.storefront.command.payment;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.Assert;

import java.time.Clock;

/** PayPal as the shop's payment provider ({@code storefront.payment.provider=paypal}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "storefront.payment.provider", havingValue = "paypal")
class PayPalConfiguration {

    @Bean
    PayPalPaymentGateway payPalPaymentGateway(PaymentSettings settings, ObservationRegistry observations, Clock clock) {
        PaymentSettings.PayPal paypal = settings.paypal();
        Assert.isTrue(paypal != null && PaymentSettings.isSet(paypal.clientId())
                        && PaymentSettings.isSet(paypal.clientSecret()) && PaymentSettings.isSet(paypal.webhookId()),
                "storefront.payment.paypal.client-id, client-secret and webhook-id (PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET, "
                        + "PAYPAL_WEBHOOK_ID) must be set when PayPal is the provider");
        return new PayPalPaymentGateway(ProviderHttp.client(observations, paypal.apiBase(), settings.timeout(), headers -> { }),
                paypal.clientId(), paypal.clientSecret(), clock, settings);
    }
}
