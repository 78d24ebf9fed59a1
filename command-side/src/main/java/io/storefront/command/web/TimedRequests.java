package io.storefront.command.web;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * HTTP requests to a party outside this process (a provider, a carrier's webhook) that give up in time:
 * a limit on connecting and one on waiting for the answer, over the JDK's client.
 */
public final class TimedRequests {

    private TimedRequests() {
    }

    public static ClientHttpRequestFactory within(Duration timeout) {
        return within(timeout, timeout);
    }

    public static ClientHttpRequestFactory within(Duration connect, Duration answer) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connect).build());
        requests.setReadTimeout(answer);
        return requests;
    }
}
