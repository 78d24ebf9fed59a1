package io.storefront.command.notification;

import io.storefront.command.web.TimedRequests;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import java.time.Duration;

/**
 * HTTP for the SMS and push providers: a time limit on connecting and on every answer, and answers read
 * whatever their status. The payment package's ProviderHttp is not reused: it is private to that package
 * and speaks JSON only, while Twilio takes forms.
 */
final class SenderHttp {

    /** The status of an answer and its JSON (a missing node when it had none or sent something else). */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private SenderHttp() {
    }

    static RestClient client(Duration timeout) {
        return RestClient.builder().requestFactory(TimedRequests.within(timeout)).build();
    }

    /** Sends the request; 4xx and 5xx are answers too. I/O errors and timeouts are a ResourceAccessException. */
    static Answer exchange(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((sent, response) ->
                new Answer(response.getStatusCode().value(), json(response.bodyTo(String.class))));
    }

    private static JsonNode json(String body) {
        if (body == null) {
            return MissingNode.getInstance();
        }
        try {
            return JsonMapper.shared().readTree(body);
        } catch (JacksonException notJson) {
            // an error page of a proxy in between: the status says enough
            return MissingNode.getInstance();
        }
    }
}
