package io.storefront.command.payment;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** An HTTP client for a provider's JSON API: its address, a time limit on every call, and its own headers. */
final class ProviderHttp {

    private ProviderHttp() {
    }

    static RestClient client(String apiBase, Duration timeout, Consumer<HttpHeaders> headers) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        return RestClient.builder()
                .baseUrl(apiBase)
                .requestFactory(requests)
                .defaultHeaders(defaults -> {
                    defaults.setAccept(List.of(MediaType.APPLICATION_JSON));
                    defaults.setContentType(MediaType.APPLICATION_JSON);
                    headers.accept(defaults);
                })
                .build();
    }
}
