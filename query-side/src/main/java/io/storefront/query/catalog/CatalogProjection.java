package io.storefront.query.catalog;

import io.storefront.api.product.ProductCreated;
import io.storefront.api.product.ProductDetailsUpdated;
import io.storefront.api.product.ProductDiscontinued;
import io.storefront.api.product.ProductPriceChanged;
import io.storefront.api.product.StockReceived;
import io.storefront.api.product.StockReleased;
import io.storefront.api.product.StockReserved;
import io.storefront.api.shared.Money;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The catalog in MongoDB. MongoDB is not in the transaction of the processor's token, so every write
 * sets what its event says (an upsert or a plain set): an event handled again writes the same again.
 */
@Component
@ProcessingGroup("catalog-view")
class CatalogProjection {

    private final MongoTemplate mongo;

    CatalogProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One product per SKU, and the fields shoppers filter and sort by, indexed. */
    @EventListener(ApplicationReadyEvent.class)
    void index() {
        var indexes = mongo.indexOps(CatalogProduct.class);
        indexes.createIndex(new Index("sku", Sort.Direction.ASC).unique());
        indexes.createIndex(new Index("category", Sort.Direction.ASC).on("priceMinor", Sort.Direction.ASC));
    }

    @EventHandler
    void on(ProductCreated event) {
        Money price = event.price();
        mongo.save(new CatalogProduct(event.productId(), event.sku(), event.name(), event.description(),
                event.category(), price.amount(), price.currency().getCurrencyCode(), minorUnits(price), 0, false));
    }

    @EventHandler
    void on(ProductDetailsUpdated event) {
        set(event.productId(), new Update().set("name", event.name()).set("description", event.description())
                .set("category", event.category()));
    }

    @EventHandler
    void on(ProductPriceChanged event) {
        Money price = event.price();
        set(event.productId(), new Update().set("price", price.amount())
                .set("currency", price.currency().getCurrencyCode()).set("priceMinor", minorUnits(price)));
    }

    @EventHandler
    void on(ProductDiscontinued event) {
        set(event.productId(), new Update().set("discontinued", true));
    }

    @EventHandler
    void on(StockReceived event) {
        set(event.productId(), new Update().set("available", event.availableAfter()));
    }

    @EventHandler
    void on(StockReserved event) {
        set(event.productId(), new Update().set("available", event.availableAfter()));
    }

    @EventHandler
    void on(StockReleased event) {
        set(event.productId(), new Update().set("available", event.availableAfter()));
    }

    @ResetHandler
    void clearForReplay() {
        mongo.remove(new Query(), CatalogProduct.class);
    }

    private void set(String productId, Update update) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(productId)), update, CatalogProduct.class);
    }

    static long minorUnits(Money price) {
        return price.amount().movePointRight(Math.max(0, price.currency().getDefaultFractionDigits())).longValue();
    }
}
