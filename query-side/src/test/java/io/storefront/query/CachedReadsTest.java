package io.storefront.query;

import io.storefront.api.payment.PaymentId;
import io.storefront.api.shipment.ShipmentId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payment status and shipment tracking served from Redis, forgotten as soon as they change: the
 * cache lives a minute, so a change seen within seconds was seen because the projection made the cache
 * forget it.
 */
@QuerySideTest
class CachedReadsTest {

    private static final Duration MUCH_SOONER_THAN_THE_TIME_TO_LIVE = Duration.ofSeconds(15);

    @Autowired
    RestTestClient query;

    @Autowired
    StringRedisTemplate redis;

    private final Shop shop = new Shop();

    @Test
    void a_payment_read_is_cached_with_a_time_to_live_and_forgotten_when_the_payment_is_refunded() {
        String orderId = shop.order(Shop.APPROVED_CARD, shop.product(5));
        String paymentId = PaymentId.forOrder(orderId);
        awaitBody("/api/payments/" + paymentId, "\"status\":\"CAPTURED\"", Duration.ofSeconds(60));
        String key = "query:payments::" + paymentId;
        awaitCachedByAnotherRead("/api/payments/" + paymentId, key, "\"status\":\"CAPTURED\"");
        assertThat(redis.getExpire(key, TimeUnit.SECONDS)).isBetween(1L, 60L);

        shop.commands().post().uri("/api/orders/{id}/cancellation", orderId).exchange().expectStatus().isAccepted();

        awaitBody("/api/payments/" + paymentId, "\"status\":\"REFUNDED\"", MUCH_SOONER_THAN_THE_TIME_TO_LIVE);
    }

    @Test
    void shipment_tracking_is_cached_and_a_new_scan_shows_at_once() {
        String orderId = shop.order(Shop.APPROVED_CARD, shop.product(5));
        String shipmentId = ShipmentId.forOrder(orderId);
        awaitBody("/api/shipments/" + shipmentId, "\"status\":\"LABEL_CREATED\"", Duration.ofSeconds(60));
        awaitCachedByAnotherRead("/api/shipments/" + shipmentId, "query:shipments::" + shipmentId, "LABEL_CREATED");

        shop.track(shipmentId, "IN_TRANSIT", Instant.now().plusSeconds(1).toString());

        awaitBody("/api/shipments/" + shipmentId, "IN_TRANSIT", MUCH_SOONER_THAN_THE_TIME_TO_LIVE);
    }

    @Test
    void a_cached_payment_is_still_only_its_customers() {
        String orderId = shop.order(Shop.APPROVED_CARD, shop.product(5));
        String paymentId = PaymentId.forOrder(orderId);
        awaitBody("/api/payments/" + paymentId, "\"status\":\"CAPTURED\"", Duration.ofSeconds(60));

        query.get().uri("/api/payments/{id}", paymentId)
                .headers(headers -> headers.setBearerAuth(CommandSideRunning.token("somebody-else", io.storefront.command.Actor.Role.CUSTOMER)))
                .exchange().expectStatus().isNotFound();
    }

    /**
     * A read caches its entry once the order it belongs to is in the orders view too (the views catch up
     * separately; an entry without its customer is not cached).
     */
    private void awaitCachedByAnotherRead(String path, String key, String expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            query.get().uri(path).exchange().expectStatus().isOk();
            assertThat(redis.opsForValue().get(key)).contains(expected);
        });
    }

    private void awaitBody(String path, String expected, Duration patience) {
        await().atMost(patience).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(query.get().uri(path).exchange().returnResult(String.class).getResponseBody()).contains(expected));
    }
}
