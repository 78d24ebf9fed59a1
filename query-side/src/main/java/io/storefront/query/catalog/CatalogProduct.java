package io.storefront.query.catalog;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.math.BigDecimal;

/**
 * A product as shoppers find it. The price is kept twice: as the exact amount to show, and in minor
 * units of its currency (cents, or whole rupiah) for range filters and sorting, without a double.
 */
@Document("catalog")
record CatalogProduct(@Id String productId, String sku, String name, String description, String category,
                      BigDecimal price, String currency, long priceMinor, int available, boolean discontinued) {
}
