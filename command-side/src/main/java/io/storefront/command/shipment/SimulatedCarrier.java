package io.storefront.command.shipment;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.storefront.api.shared.Address;
import io.storefront.api.shipment.TrackingStatus;
import io.storefront.command.web.TimedRequests;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A carrier that exists only here, for the embedded default ({@code storefront.carrier.provider=simulated}):
 * booked, it takes the parcel from its sorting centre to the customer's door, one scan every
 * {@code storefront.carrier.simulated.step}, and reports each to the shop's carrier webhook over HTTP,
 * signed, as a real carrier would. Its scans wait as db-scheduler tasks in PostgreSQL, so a delivery
 * under way goes on after a restart.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "storefront.carrier.provider", havingValue = "simulated")
class SimulatedCarrier {

    private static final String TASK = "simulated-carrier-scan";
    private static final List<TrackingStatus> ROUTE =
            List.of(TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED);

    /** The parcel's next scan: which of the route's steps, and where it is going. */
    record NextScan(String shipmentId, String city, int step) implements Serializable {
    }

    @Bean
    OneTimeTask<NextScan> simulatedCarrierScans(Environment environment, Clock clock, CarrierSecret secret,
                                               @Value("${storefront.carrier.simulated.step}") Duration step) {
        // a scan that hangs fails and is posted again a step later
        RestClient http = RestClient.builder()
                .requestFactory(TimedRequests.within(Duration.ofSeconds(5), Duration.ofSeconds(10))).build();
        return Tasks.oneTime(TASK, NextScan.class)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(step))
                .execute((instance, execution) -> {
                    NextScan next = instance.getData();
                    Instant at = clock.instant();
                    String scan = JsonMapper.shared().writeValueAsString(new CarrierWebhook.Scan(next.shipmentId(),
                            ROUTE.get(next.step()), at, next.step() == 0 ? "Jakarta sorting centre" : next.city(), null));
                    http.post().uri(webhookUrl(environment))
                            .contentType(MediaType.APPLICATION_JSON)
                            .header(CarrierSignature.HEADER, CarrierSignature.sign(scan, at, secret.value()))
                            .body(scan)
                            .retrieve()
                            .toBodilessEntity();
                    if (next.step() + 1 < ROUTE.size()) {
                        schedule(execution.getSchedulerClient(), new NextScan(next.shipmentId(), next.city(), next.step() + 1),
                                at.plus(step));
                    }
                });
    }

    @Bean
    Carrier carrier(@Lazy SchedulerClient scheduler, Clock clock,
                             @Value("${storefront.carrier.simulated.step}") Duration step) {
        return new Carrier() {
            @Override
            public void book(String shipmentId, Address destination) {
                schedule(scheduler, new NextScan(shipmentId, destination.city(), 0), clock.instant().plus(step));
            }

            /** Its scans still to come are dropped; one under way is refused by the cancelled shipment. */
            @Override
            public void cancel(String shipmentId) {
                for (int leg = 0; leg < ROUTE.size(); leg++) {
                    TaskInstanceId scan = TaskInstanceId.of(TASK, shipmentId + ":" + leg);
                    if (scheduler.getScheduledExecution(scan).isPresent()) {
                        scheduler.cancel(scan);
                    }
                }
            }
        };
    }

    /** Once per shipment and step, however often the booking or the scan before runs. */
    private static void schedule(SchedulerClient scheduler, NextScan scan, Instant at) {
        scheduler.scheduleIfNotExists(new TaskInstance<>(TASK, scan.shipmentId() + ":" + scan.step(), scan), at);
    }

    /** The shop's own carrier webhook unless another address is set; the port is known once the server runs. */
    private static String webhookUrl(Environment environment) {
        return environment.getProperty("storefront.carrier.simulated.webhook-url",
                "http://localhost:" + environment.getProperty("local.server.port") + CarrierWebhook.PATH);
    }
}
