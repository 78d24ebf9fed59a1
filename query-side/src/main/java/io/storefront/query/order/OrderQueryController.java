package io.storefront.query.order;

import io.storefront.api.order.OrderPlaced;
import io.storefront.api.order.OrderStatus;
import io.storefront.api.order.OrderTracking;
import io.storefront.api.order.TrackOrder;
import io.storefront.api.shared.PlainText;
import io.storefront.query.NotFound;
import io.storefront.query.Page;
import io.storefront.query.Viewer;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;

@RestController
@RequestMapping("/api/orders")
class OrderQueryController {

    private static final Duration REREAD = Duration.ofSeconds(1);

    private final OrderQueries orders;
    private final QueryGateway queries;
    private final EventStore eventStore;

    OrderQueryController(OrderQueries orders, QueryGateway queries, EventStore eventStore) {
        this.orders = orders;
        this.queries = queries;
        this.eventStore = eventStore;
    }

    /** Orders, newest first; {@code customerId} gives one customer's orders. A customer sees only their own. */
    @GetMapping
    Page<OrderQueries.OrderSummary> list(
            Viewer viewer,
            @RequestParam(required = false) @PlainText String customerId,
            @RequestParam(required = false) OrderStatus status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        if (customerId != null && !viewer.mayRead(customerId)) {
            throw new NotFound("customer", customerId);
        }
        return orders.list(viewer.admin() ? customerId : viewer.userId(), status, page, size);
    }

    @GetMapping("/{orderId}")
    OrderQueries.OrderDetails get(Viewer viewer, @PathVariable String orderId) {
        return orders.details(orderId).filter(details -> viewer.mayRead(details.order().customerId()))
                .orElseThrow(() -> new NotFound("order", orderId));
    }

    /** Where the order is and every status it went through. */
    @GetMapping("/{orderId}/tracking")
    OrderTracking tracking(Viewer viewer, @PathVariable String orderId) {
        requireReadable(viewer, orderId);
        return orders.tracking(orderId).orElseThrow(() -> new NotFound("order", orderId));
    }

    /**
     * Live tracking as Server-Sent Events: every status the order went through, then each new one as
     * it happens; the stream ends when the order reaches a final status. An order placed a moment ago
     * may not be in the view yet: if the event store knows it, the stream waits for its statuses.
     * Updates are pushed by the orders projection of this instance; with several query-side instances
     * the order's events may be projected by another one, so the view is also read again every second.
     */
    @GetMapping(path = "/{orderId}/tracking/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ApiResponse(responseCode = "200", description = "Server-Sent Events, one per status: event `status`, id the status, "
            + "data a tracking step as JSON ({\"status\":..., \"at\":...}); the stream ends after a final status",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    Flux<ServerSentEvent<OrderTracking.Step>> follow(Viewer viewer, @PathVariable String orderId) {
        requireReadable(viewer, orderId);
        SubscriptionQueryResult<OrderTracking, OrderTracking.Step> subscription = queries.subscriptionQuery(
                new TrackOrder(orderId), ResponseTypes.instanceOf(OrderTracking.class),
                ResponseTypes.instanceOf(OrderTracking.Step.class));
        OrderTracking known = subscription.initialResult().block();
        if (known == null && eventStore.lastSequenceNumberFor(orderId).isEmpty()) {
            subscription.close();
            throw new NotFound("order", orderId);
        }
        Flux<OrderTracking.Step> projectedElsewhere = Flux.interval(REREAD)
                .concatMap(tick -> Mono.fromCallable(() -> orders.tracking(orderId))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMapIterable(tracking -> tracking.map(OrderTracking::timeline).orElse(List.of())));
        return Flux.fromIterable(known == null ? List.of() : known.timeline())
                .concatWith(Flux.merge(subscription.updates(), projectedElsewhere))
                .distinct(OrderTracking.Step::status)
                .takeUntil(step -> OrderTracking.FINAL.contains(step.status()))
                .map(step -> ServerSentEvent.builder(step).event("status").id(step.status().name()).build())
                .doFinally(signal -> subscription.close());
    }

    /** A customer follows only their own orders. The view may lag behind an order placed a moment ago: then its first event tells. */
    private void requireReadable(Viewer viewer, String orderId) {
        if (viewer.admin()) {
            return;
        }
        String owner = orders.ownerOf(orderId).orElseGet(() -> {
            DomainEventStream events = eventStore.readEvents(orderId);
            return events.hasNext() && events.peek().getPayload() instanceof OrderPlaced placed ? placed.customerId() : null;
        });
        if (owner == null || !viewer.mayRead(owner)) {
            throw new NotFound("order", orderId);
        }
    }
}
