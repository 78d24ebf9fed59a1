package io.storefront.command.product;

import io.storefront.command.Conflict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcSkuRegistry implements SkuRegistry {

    private final JdbcClient jdbc;

    JdbcSkuRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void claim(String sku, String productId) {
        int claimed = jdbc.sql("INSERT INTO product_sku (sku, product_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(sku, productId)
                .update();
        if (claimed == 0) {
            throw new Conflict("The SKU " + sku + " belongs to another product");
        }
    }
}
