package io.storefront.query.capture;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The change capture as {@code capture} in {@code /actuator/health}: DOWN from its first failure (Kafka or
 * PostgreSQL away) until it streams again, with how many failures in a row, since when and the last one's
 * error; UNKNOWN while it is stopped.
 */
@Component("captureHealthIndicator")
@ConditionalOnProperty("storefront.capture.enabled")
class CaptureHealth implements HealthIndicator {

    private final ReadModelCapture capture;

    CaptureHealth(ReadModelCapture capture) {
        this.capture = capture;
    }

    @Override
    public Health health() {
        if (!capture.isRunning()) {
            return Health.unknown().build();
        }
        ReadModelCapture.Outage outage = capture.outage();
        if (outage == null) {
            return Health.up().build();
        }
        return Health.down()
                .withDetail("failures", outage.failures())
                .withDetail("since", outage.since())
                .withDetail("error", outage.reason())
                .build();
    }
}
