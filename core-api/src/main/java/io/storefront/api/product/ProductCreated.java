package io.storefront.api.product;

import io.storefront.api.shared.Money;

public record ProductCreated(String productId, String sku, String name, String description, String category,
                             Money price) {
}
