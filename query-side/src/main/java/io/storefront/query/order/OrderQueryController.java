package io.storefront.query.order;

import io.storefront.api.order.OrderStatus;
import io.storefront.query.NotFound;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
class OrderQueryController {

    private final OrderQueries orders;

    OrderQueryController(OrderQueries orders) {
        this.orders = orders;
    }

    /** Orders, newest first; {@code customerId} gives one customer's own orders. */
    @GetMapping
    OrderQueries.Page<OrderQueries.OrderSummary> list(
            @RequestParam(required = false) String customerId,
            @RequestParam(required = false) OrderStatus status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return orders.list(customerId, status, page, size);
    }

    @GetMapping("/{orderId}")
    OrderQueries.OrderDetails get(@PathVariable String orderId) {
        return orders.details(orderId).orElseThrow(() -> new NotFound("order", orderId));
    }

    /** Where the order is and every status it went through. */
    @GetMapping("/{orderId}/tracking")
    OrderQueries.Tracking tracking(@PathVariable String orderId) {
        return orders.tracking(orderId).orElseThrow(() -> new NotFound("order", orderId));
    }
}
