package io.storefront.command.payment;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.Assert;

/** Midtrans as the shop's payment provider ({@code storefront.payment.provider=midtrans}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "storefront.payment.provider", havingValue = "midtrans")
class MidtransConfiguration {

    @Bean
    MidtransPaymentGateway midtransPaymentGateway(PaymentSettings settings, ObservationRegistry observations) {
        PaymentSettings.Midtrans midtrans = settings.midtrans();
        Assert.isTrue(midtrans != null && PaymentSettings.isSet(midtrans.serverKey()),
                "storefront.payment.midtrans.server-key (MIDTRANS_SERVER_KEY) must be set when Midtrans is the provider");
        return new MidtransPaymentGateway(ProviderHttp.client(observations, midtrans.apiBase(), settings.timeout(),
                // the server key is the user, the password empty
                headers -> headers.setBasicAuth(midtrans.serverKey(), "")), settings);
    }
}
