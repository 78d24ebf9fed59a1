package io.storefront.api.product;

import io.storefront.api.shared.Money;

public record ProductPriceChanged(String productId, Money price) {
}
