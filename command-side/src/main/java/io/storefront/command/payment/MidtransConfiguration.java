package io.storefront.command.payment;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.util.List;

/** Midtrans as the shop's payment provider ({@code storefront.payment.provider=midtrans}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "storefront.payment.provider", havingValue = "midtrans")
class MidtransConfiguration {

    @Bean
    MidtransPaymentGateway midtransPaymentGateway(PaymentSettings settings) {
        PaymentSettings.Midtrans midtrans = settings.midtrans();
        Assert.isTrue(midtrans != null && StripeConfiguration.hasText(midtrans.serverKey()),
                "storefront.payment.midtrans.server-key (MIDTRANS_SERVER_KEY) must be set when Midtrans is the provider");
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout()).build());
        requests.setReadTimeout(settings.timeout());
        RestClient client = RestClient.builder()
                .baseUrl(midtrans.apiBase())
                .requestFactory(requests)
                .defaultHeaders(headers -> {
                    headers.setBasicAuth(midtrans.serverKey(), ""); // the server key is the user, the password empty
                    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
                    headers.setContentType(MediaType.APPLICATION_JSON);
                })
                .build();
        return new MidtransPaymentGateway(client, settings.retry());
    }
}
