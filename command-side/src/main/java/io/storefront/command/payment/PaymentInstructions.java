package io.storefront.command.payment;

import java.util.Optional;

/** How the customer wants to pay for an order: the gateway's token for their card, never the card itself. */
interface PaymentInstructions {

    record Instruction(String gatewayToken, String cardLast4) {
    }

    void store(String orderId, Instruction instruction);

    Optional<Instruction> forOrder(String orderId);

    /** The order whose customer gave this token, for a provider that names the token, not the payment, in its webhooks. */
    Optional<String> orderPaidWith(String gatewayToken);
}
