package io.storefront.gateway;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * @param requestTimeout     a service that has not answered by then gets a 504
 * @param maxRequestSize     larger bodies are refused with 413 before they reach a service
 * @param requestsPerSecond  each caller's sustained rate (per user, or per address when anonymous)
 * @param burst              how many requests a caller may send at once
 * @param allowedOrigins     the browser origins allowed to call the API (CORS)
 * @param concurrentCalls    requests in flight to one service at once; one more is answered 503 at once
 */
@Validated
@ConfigurationProperties("storefront.gateway")
record GatewaySettings(@NotNull Duration requestTimeout,
                       @NotNull DataSize maxRequestSize,
                       @Min(1) int requestsPerSecond,
                       @Min(1) int burst,
                       List<String> allowedOrigins,
                       @Min(1) int concurrentCalls) {
}
