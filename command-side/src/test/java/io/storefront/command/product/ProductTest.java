package io.storefront.command.product;

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
import io.storefront.command.Conflict;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Currency;
import java.util.HashSet;
import java.util.Set;

class ProductTest {

    private static final String PRODUCT = "product-1";
    private static final Money PRICE = Money.of("149000", "IDR");

    private final Set<String> takenSkus = new HashSet<>();
    private FixtureConfiguration<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
        fixture.registerInjectableResource((SkuRegistry) (sku, productId) -> {
            if (!takenSkus.add(sku)) {
                throw new Conflict("The SKU " + sku + " belongs to another product");
            }
        });
        fixture.registerInjectableResource(new ProductSettings(50,
                Set.of(Currency.getInstance("IDR"), Currency.getInstance("USD"))));
    }

    private static ProductCreated created() {
        return new ProductCreated(PRODUCT, "BATIK-01", "Batik shirt", "Hand-stamped cotton", "Clothing", PRICE);
    }

    private static StockReceived received(int quantity) {
        return new StockReceived(PRODUCT, quantity, quantity);
    }

    @Test
    void a_product_is_created_without_stock() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct(PRODUCT, "BATIK-01", " Batik shirt ", "Hand-stamped cotton", "Clothing", PRICE))
                .expectEvents(created());
    }

    @Test
    void a_sku_belongs_to_one_product() {
        takenSkus.add("BATIK-01");
        fixture.givenNoPriorActivity()
                .when(new CreateProduct(PRODUCT, "BATIK-01", "Batik shirt", null, "Clothing", PRICE))
                .expectException(Conflict.class)
                .expectNoEvents();
    }

    @Test
    void details_are_updated() {
        fixture.given(created())
                .when(new UpdateProductDetails(PRODUCT, "Batik shirt, long sleeves", "Hand-stamped cotton", "Clothing", null))
                .expectEvents(new ProductDetailsUpdated(PRODUCT, "Batik shirt, long sleeves", "Hand-stamped cotton", "Clothing"));
    }

    @Test
    void unchanged_details_record_nothing() {
        fixture.given(created())
                .when(new UpdateProductDetails(PRODUCT, "Batik shirt", "Hand-stamped cotton", "Clothing", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void the_price_changes_even_to_another_currency() {
        fixture.given(created())
                .when(new ChangeProductPrice(PRODUCT, Money.of("9.90", "USD"), null))
                .expectEvents(new ProductPriceChanged(PRODUCT, Money.of("9.90", "USD")));
    }

    @Test
    void a_price_is_more_than_nothing_in_a_currency_the_shop_sells_in() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct(PRODUCT, "BATIK-01", "Batik shirt", null, "Clothing", Money.of("0", "IDR")))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("A price must be more than nothing");
        fixture.given(created())
                .when(new ChangeProductPrice(PRODUCT, Money.of("9.90", "EUR"), null))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("The shop sells in IDR, USD, not in EUR")
                .expectNoEvents();
    }

    @Test
    void stock_is_reserved_at_the_price_of_the_moment() {
        fixture.given(created(), received(5), new ProductPriceChanged(PRODUCT, Money.of("159000", "IDR")))
                .when(new ReserveStock(PRODUCT, "order-1", 2))
                .expectEvents(new StockReserved(PRODUCT, "order-1", 2, 3, Money.of("159000", "IDR")));
    }

    @Test
    void the_same_price_written_differently_records_nothing() {
        fixture.given(created())
                .when(new ChangeProductPrice(PRODUCT, Money.of("149000.00", "IDR"), null))
                .expectNoEvents();
    }

    @Test
    void a_discontinued_product_is_discontinued_once() {
        fixture.given(created())
                .when(new DiscontinueProduct(PRODUCT))
                .expectEvents(new ProductDiscontinued(PRODUCT));
        fixture.given(created(), new ProductDiscontinued(PRODUCT))
                .when(new DiscontinueProduct(PRODUCT))
                .expectNoEvents();
    }

    @Test
    void received_stock_adds_to_what_is_available() {
        fixture.given(created(), received(5))
                .when(new ReceiveStock(PRODUCT, 3))
                .expectEvents(new StockReceived(PRODUCT, 3, 8));
    }

    @Test
    void a_discontinued_product_takes_no_new_stock() {
        fixture.given(created(), new ProductDiscontinued(PRODUCT))
                .when(new ReceiveStock(PRODUCT, 3))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void stock_is_reserved_for_an_order_when_available() {
        fixture.given(created(), received(5))
                .when(new ReserveStock(PRODUCT, "order-1", 5))
                .expectResultMessagePayload(true)
                .expectEvents(new StockReserved(PRODUCT, "order-1", 5, 0, PRICE));
    }

    @Test
    void stock_is_not_reserved_beyond_what_is_available_and_the_rejection_is_recorded() {
        fixture.given(created(), received(5), new StockReserved(PRODUCT, "order-1", 4, 1, PRICE))
                .when(new ReserveStock(PRODUCT, "order-2", 2))
                .expectResultMessagePayload(false)
                .expectEvents(new StockReservationRejected(PRODUCT, "order-2", 2, 1, Product.NOT_ENOUGH_STOCK));
    }

    @Test
    void a_discontinued_product_takes_no_new_reservations() {
        fixture.given(created(), received(5), new ProductDiscontinued(PRODUCT))
                .when(new ReserveStock(PRODUCT, "order-1", 1))
                .expectResultMessagePayload(false)
                .expectEvents(new StockReservationRejected(PRODUCT, "order-1", 1, 5, Product.DISCONTINUED));
    }

    @Test
    void reserving_again_for_the_same_order_changes_nothing() {
        fixture.given(created(), received(5), new StockReserved(PRODUCT, "order-1", 2, 3, PRICE))
                .when(new ReserveStock(PRODUCT, "order-1", 2))
                .expectResultMessagePayload(true)
                .expectNoEvents();
        fixture.given(created(), received(1), new StockReservationRejected(PRODUCT, "order-1", 2, 1, Product.NOT_ENOUGH_STOCK))
                .when(new ReserveStock(PRODUCT, "order-1", 2))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void a_released_order_cannot_reserve_again() {
        fixture.given(created(), received(5), new StockReserved(PRODUCT, "order-1", 2, 3, PRICE),
                        new StockReleased(PRODUCT, "order-1", 2, 5))
                .when(new ReserveStock(PRODUCT, "order-1", 2))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_release_gives_the_reserved_units_back() {
        fixture.given(created(), received(5), new StockReserved(PRODUCT, "order-1", 2, 3, PRICE))
                .when(new ReleaseStock(PRODUCT, "order-1"))
                .expectEvents(new StockReleased(PRODUCT, "order-1", 2, 5));
    }

    @Test
    void releasing_what_is_not_reserved_changes_nothing() {
        fixture.given(created(), received(5), new StockReserved(PRODUCT, "order-1", 2, 3, PRICE),
                        new StockReleased(PRODUCT, "order-1", 2, 5))
                .when(new ReleaseStock(PRODUCT, "order-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created(), received(5))
                .when(new ReleaseStock(PRODUCT, "order-never-seen"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void sold_units_of_a_cancelled_order_go_back_on_the_shelf() {
        fixture.given(created(), received(5), new StockReserved(PRODUCT, "order-1", 2, 3, PRICE),
                        new StockCommitted(PRODUCT, "order-1", 2))
                .when(new ReleaseStock(PRODUCT, "order-1"))
                .expectEvents(new StockReleased(PRODUCT, "order-1", 2, 5));
    }

    @Test
    void a_reservation_is_committed_once() {
        fixture.given(created(), received(5), new StockReserved(PRODUCT, "order-1", 2, 3, PRICE))
                .when(new CommitStock(PRODUCT, "order-1"))
                .expectEvents(new StockCommitted(PRODUCT, "order-1", 2));
        fixture.given(created(), received(5), new StockReserved(PRODUCT, "order-1", 2, 3, PRICE),
                        new StockCommitted(PRODUCT, "order-1", 2))
                .when(new CommitStock(PRODUCT, "order-1"))
                .expectNoEvents();
    }

    @Test
    void there_is_nothing_to_commit_without_a_reservation() {
        fixture.given(created(), received(5))
                .when(new CommitStock(PRODUCT, "order-1"))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
        fixture.given(created(), received(5), new StockReserved(PRODUCT, "order-1", 2, 3, PRICE),
                        new StockReleased(PRODUCT, "order-1", 2, 5))
                .when(new CommitStock(PRODUCT, "order-1"))
                .expectException(BusinessRuleViolation.class);
    }

    @Test
    void released_units_can_be_reserved_by_another_order() {
        fixture.given(created(), received(2), new StockReserved(PRODUCT, "order-1", 2, 0, PRICE),
                        new StockReleased(PRODUCT, "order-1", 2, 2))
                .when(new ReserveStock(PRODUCT, "order-2", 2))
                .expectEvents(new StockReserved(PRODUCT, "order-2", 2, 0, PRICE));
    }
}
