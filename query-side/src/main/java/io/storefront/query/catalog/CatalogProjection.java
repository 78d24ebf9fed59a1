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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessResourceFailureException;
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

    private static final Logger log = LoggerFactory.getLogger(CatalogProjection.class);

    private final MongoTemplate mongo;
    private volatile boolean indexed;

    CatalogProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Indexes the catalog as soon as the query side is up; a document store that is away then does not
     * hold the start (the other views serve meanwhile): the first product added indexes it.
     */
    @EventListener(ApplicationReadyEvent.class)
    void index() {
        try {
            ensureIndexed();
        } catch (DataAccessResourceFailureException away) {
            log.warn("The catalog's document store does not answer; it is indexed when it does: {}", away.getMessage());
        }
    }

    /** One product per SKU, and the fields shoppers filter and sort by, indexed. */
    private void ensureIndexed() {
        if (!indexed) {
            var indexes = mongo.indexOps(CatalogProduct.class);
            indexes.createIndex(new Index("sku", Sort.Direction.ASC).unique());
            indexes.createIndex(new Index("category", Sort.Direction.ASC).on("priceMinor", Sort.Direction.ASC));
            indexed = true;
        }
    }

    @EventHandler
    void on(ProductCreated event) {
        ensureIndexed();
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
