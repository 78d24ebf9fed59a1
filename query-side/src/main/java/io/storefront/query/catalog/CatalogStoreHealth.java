package io.storefront.query.catalog;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether the catalog's document store answers, as {@code mongo} in {@code /actuator/health}: by MongoDB's
 * {@code ping}, which every server of its wire protocol speaks. Spring Boot's own indicator (turned off)
 * asks {@code hello}, which the embedded default's MongoDB-wire server does not know: it called a store
 * that serves DOWN, and an operator could not tell that from an outage.
 */
@Component("mongoHealthIndicator")
class CatalogStoreHealth extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    CatalogStoreHealth(MongoTemplate mongo) {
        super("The catalog's document store does not answer");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        mongo.executeCommand(new Document("ping", 1));
        health.up().withDetail("database", mongo.getDb().getName());
    }
}
