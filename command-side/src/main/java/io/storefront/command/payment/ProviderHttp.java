package io.storefront.command.payment;

import io.micrometer.observation.ObservationRegistry;
import io.storefront.command.web.TimedRequests;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** An HTTP client for a provider's JSON API: its address, a time limit on every call, and its own headers. */
final class ProviderHttp {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    /** What the provider answered: its status, and its JSON body (empty when it sent none). */
    record Answer(HttpStatusCode status, Map<String, Object> body) {

        boolean ok() {
            return status.is2xxSuccessful();
        }
    }

    private ProviderHttp() {
    }

    /** Every call is observed: a span of the trace that makes it (its traceparent sent along), and a timer. */
    static RestClient client(ObservationRegistry observations, String apiBase, Duration timeout, Consumer<HttpHeaders> headers) {
        return RestClient.builder()
                .observationRegistry(observations)
                .baseUrl(apiBase)
                .requestFactory(TimedRequests.within(timeout))
                .defaultHeaders(defaults -> {
                    defaults.setAccept(List.of(MediaType.APPLICATION_JSON));
                    defaults.setContentType(MediaType.APPLICATION_JSON);
                    headers.accept(defaults);
                })
                .build();
    }

    /** The provider's answer; a fault on its side (5xx) or too many requests is a {@link ProviderCalls.Fault}, worth asking again. */
    static Answer answer(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response) throws IOException {
        HttpStatusCode status = response.getStatusCode();
        if (status.is5xxServerError() || status.value() == 429) {
            throw new ProviderCalls.Fault("HTTP " + status.value());
        }
        Map<String, Object> body = response.bodyTo(JSON);
        return new Answer(status, body == null ? Map.of() : body);
    }
}
