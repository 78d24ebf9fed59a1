package io.storefront.api.product;

public record ProductDiscontinued(String productId) {
}
