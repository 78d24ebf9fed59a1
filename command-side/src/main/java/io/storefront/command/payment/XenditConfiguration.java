package io.storefront.command.payment;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.Assert;

/** Xendit as the shop's payment provider ({@code storefront.payment.provider=xendit}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "storefront.payment.provider", havingValue = "xendit")
class XenditConfiguration {

    @Bean
    XenditPaymentGateway xenditPaymentGateway(PaymentSettings settings, ObservationRegistry observations) {
        PaymentSettings.Xendit xendit = settings.xendit();
        Assert.isTrue(xendit != null && PaymentSettings.isSet(xendit.secretKey()) && PaymentSettings.isSet(xendit.callbackToken()),
                "storefront.payment.xendit.secret-key and callback-token (XENDIT_SECRET_KEY, XENDIT_CALLBACK_TOKEN) must be set "
                        + "when Xendit is the provider");
        return new XenditPaymentGateway(ProviderHttp.client(observations, xendit.apiBase(), settings.timeout(),
                // the secret key is the user, the password empty
                headers -> headers.setBasicAuth(xendit.secretKey(), "")), settings);
    }
}
