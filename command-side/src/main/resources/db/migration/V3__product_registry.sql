-- Set-based validation for the Product context: one product per SKU, checked in the command's transaction.
CREATE TABLE product_sku (
    sku        VARCHAR(64) PRIMARY KEY,
    product_id VARCHAR(64) NOT NULL
);
