package io.storefront.command.product;

/** The set of SKUs in use: claimed in the transaction that creates the product, so no two products share one. */
interface SkuRegistry {

    /** @throws io.storefront.command.Conflict when another product has the SKU already */
    void claim(String sku, String productId);
}
