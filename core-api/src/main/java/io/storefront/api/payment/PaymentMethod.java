package io.storefront.api.payment;

public enum PaymentMethod {
    CARD, E_WALLET, BANK_TRANSFER, VIRTUAL_ACCOUNT
}
