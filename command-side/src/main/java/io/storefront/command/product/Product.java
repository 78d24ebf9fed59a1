package io.storefront.command.product;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.storefront.api.product.ChangeProductPrice;
import io.storefront.api.product.CommitStock;
import io.storefront.api.product.CreateProduct;
import io.storefront.api.product.DiscontinueProduct;
import io.storefront.api.product.ProductCreated;
import io.storefront.api.product.ProductDetailsUpdated;
import io.storefront.api.product.ProductDiscontinued;
import io.storefront.api.product.ProductPriceChanged;
import io.storefront.api.product.ReceiveStock;
import io.storefront.api.product.ReleaseStock;
import io.storefront.api.product.ReserveStock;
import io.storefront.api.product.StockCommitted;
import io.storefront.api.product.StockReceived;
import io.storefront.api.product.StockReleased;
import io.storefront.api.product.StockReservationRejected;
import io.storefront.api.product.StockReserved;
import io.storefront.api.product.UpdateProductDetails;
import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;
import io.storefront.command.EventStoreConfiguration;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A product on sale and its stock. Available stock never goes negative: units are reserved for an
 * order only when that many are available, and each order's reservation is reserved, released or
 * committed at most once, so a repeated command changes nothing.
 */
@Aggregate(snapshotTriggerDefinition = "productSnapshotTrigger", cache = EventStoreConfiguration.AGGREGATE_CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Product {

    static final String NOT_ENOUGH_STOCK = "Not enough stock";
    static final String DISCONTINUED = "The product is discontinued";

    enum ReservationState { RESERVED, REJECTED, RELEASED, COMMITTED }

    record Reservation(int quantity, ReservationState state) {

        Reservation in(ReservationState newState) {
            return new Reservation(quantity, newState);
        }
    }

    @AggregateIdentifier
    private String productId;
    private String name;
    private String description;
    private String category;
    private Money price;
    private boolean discontinued;
    private int available;
    /** Every order this product has seen, by order id: what makes reserve, release and commit idempotent. */
    private final Map<String, Reservation> reservations = new HashMap<>();

    Product() {
    }

    @CommandHandler
    Product(CreateProduct command, SkuRegistry skus, ProductSettings settings) {
        settings.requireSellable(command.price());
        skus.claim(command.sku(), command.productId());
        apply(new ProductCreated(command.productId(), command.sku(), command.name().strip(),
                command.description(), command.category().strip(), command.price()));
    }

    @CommandHandler
    void handle(UpdateProductDetails command) {
        String newName = command.name().strip();
        String newCategory = command.category().strip();
        if (newName.equals(name) && Objects.equals(command.description(), description) && newCategory.equals(category)) {
            return;
        }
        apply(new ProductDetailsUpdated(productId, newName, command.description(), newCategory));
    }

    @CommandHandler
    void handle(ChangeProductPrice command, ProductSettings settings) {
        settings.requireSellable(command.price());
        if (command.price().isSameAs(price)) {
            return;
        }
        apply(new ProductPriceChanged(productId, command.price()));
    }

    @CommandHandler
    void handle(DiscontinueProduct command) {
        if (!discontinued) {
            apply(new ProductDiscontinued(productId));
        }
    }

    @CommandHandler
    void handle(ReceiveStock command) {
        if (discontinued) {
            throw new BusinessRuleViolation(DISCONTINUED + "; it takes no new stock");
        }
        apply(new StockReceived(productId, command.quantity(), available + command.quantity()));
    }

    /** Answers whether the units are reserved; a reservation that cannot be met is recorded as rejected. */
    @CommandHandler
    boolean handle(ReserveStock command) {
        Reservation earlier = reservations.get(command.orderId());
        if (earlier != null) {
            return switch (earlier.state()) {
                case RESERVED, COMMITTED -> true;
                case REJECTED -> false;
                case RELEASED -> throw new BusinessRuleViolation("The reservation for this order was released already");
            };
        }
        if (discontinued || command.quantity() > available) {
            apply(new StockReservationRejected(productId, command.orderId(), command.quantity(), available,
                    discontinued ? DISCONTINUED : NOT_ENOUGH_STOCK));
            return false;
        }
        apply(new StockReserved(productId, command.orderId(), command.quantity(), available - command.quantity(), price));
        return true;
    }

    /**
     * Gives reserved units back, and sold ones too: an order is cancelled after payment only once its
     * parcel is stopped, so its units are still on the shelf. Releasing what is not (or no longer) held changes nothing:
     * compensation may arrive twice.
     */
    @CommandHandler
    void handle(ReleaseStock command) {
        Reservation reservation = reservations.get(command.orderId());
        if (reservation == null
                || (reservation.state() != ReservationState.RESERVED && reservation.state() != ReservationState.COMMITTED)) {
            return;
        }
        apply(new StockReleased(productId, command.orderId(), reservation.quantity(),
                available + reservation.quantity()));
    }

    @CommandHandler
    void handle(CommitStock command) {
        Reservation reservation = reservations.get(command.orderId());
        if (reservation != null && reservation.state() == ReservationState.COMMITTED) {
            return;
        }
        if (reservation == null || reservation.state() != ReservationState.RESERVED) {
            throw new BusinessRuleViolation("There is no reservation for this order to commit");
        }
        apply(new StockCommitted(productId, command.orderId(), reservation.quantity()));
    }

    @EventSourcingHandler
    void on(ProductCreated event) {
        productId = event.productId();
        name = event.name();
        description = event.description();
        category = event.category();
        price = event.price();
    }

    @EventSourcingHandler
    void on(ProductDetailsUpdated event) {
        name = event.name();
        description = event.description();
        category = event.category();
    }

    @EventSourcingHandler
    void on(ProductPriceChanged event) {
        price = event.price();
    }

    @EventSourcingHandler
    void on(ProductDiscontinued event) {
        discontinued = true;
    }

    @EventSourcingHandler
    void on(StockReceived event) {
        available = event.availableAfter();
    }

    @EventSourcingHandler
    void on(StockReserved event) {
        available = event.availableAfter();
        reservations.put(event.orderId(), new Reservation(event.quantity(), ReservationState.RESERVED));
    }

    @EventSourcingHandler
    void on(StockReservationRejected event) {
        reservations.put(event.orderId(), new Reservation(event.requested(), ReservationState.REJECTED));
    }

    @EventSourcingHandler
    void on(StockReleased event) {
        available = event.availableAfter();
        reservations.computeIfPresent(event.orderId(), (order, reservation) -> reservation.in(ReservationState.RELEASED));
    }

    @EventSourcingHandler
    void on(StockCommitted event) {
        reservations.computeIfPresent(event.orderId(), (order, reservation) -> reservation.in(ReservationState.COMMITTED));
    }
}
