package io.storefront.api.product;

public record ProductDetailsUpdated(String productId, String name, String description, String category) {
}
