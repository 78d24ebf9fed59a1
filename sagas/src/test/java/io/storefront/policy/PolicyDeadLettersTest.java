package io.storefront.policy;

import io.storefront.api.order.OrderPlaced;
import io.storefront.api.shared.Address;
import io.storefront.api.shared.Money;
import io.storefront.command.StoredEvents;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.storefront.policy.Shop.APPROVED_CARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A policy given an event it fails on for good sets it aside and goes on with the other orders. */
@CheckoutTest
class PolicyDeadLettersTest {

    private static final String LETTERS = "/api/admin/policies/product-stock-policy/dead-letters";

    @Autowired
    Shop shop;

    @Autowired
    StoredEvents stored;

    @Autowired
    EventStore events;

    @Autowired
    RestTestClient http;

    @Test
    void an_order_the_stock_policy_cannot_read_is_set_aside_and_later_orders_are_still_reserved() {
        String poison = UUID.randomUUID().toString();
        // stored as no command would store it: an order without lines
        events.publish(new GenericDomainEventMessage<>("Order", poison, 0, new OrderPlaced(poison, "customer-1", null,
                new Address("Siti Rahma", "Jl. Sudirman 1", null, "Jakarta", null, "10220", "ID"),
                Money.of("85000", "IDR"), Instant.now())));
        String later = shop.order(1, APPROVED_CARD, shop.productWithStock(5));

        await().atMost(Duration.ofSeconds(30)).until(() -> stored.types(later).contains("OrderPaid"));
        await().atMost(Duration.ofSeconds(30)).until(() -> letters().get("total").equals(1));
        http.get().uri(LETTERS).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.letters[0].aggregateId").isEqualTo(poison)
                .jsonPath("$.letters[0].eventType").isEqualTo("OrderPlaced")
                .jsonPath("$.letters[0].causeType").isEqualTo(NullPointerException.class.getName())
                .jsonPath("$.letters[0].attempts").isEqualTo(1);

        // nothing mended: the retry fails again and the letter stays, one attempt more
        http.post().uri(LETTERS + "/retry").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.aggregatesHandled").isEqualTo(0)
                .jsonPath("$.stillSetAside").isEqualTo(1);
        http.get().uri(LETTERS).exchange().expectBody()
                .jsonPath("$.letters[*].aggregateId").isEqualTo(List.of(poison))
                .jsonPath("$.letters[0].attempts").isEqualTo(2);
        http.get().uri("/api/admin/policies/no-such-policy/dead-letters").exchange().expectStatus().isNotFound();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> letters() {
        return http.get().uri(LETTERS).exchange().expectBody(Map.class).returnResult().getResponseBody();
    }
}
