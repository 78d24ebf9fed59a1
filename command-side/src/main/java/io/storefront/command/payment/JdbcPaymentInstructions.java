package io.storefront.command.payment;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
class JdbcPaymentInstructions implements PaymentInstructions {

    private final JdbcClient jdbc;

    JdbcPaymentInstructions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void store(String orderId, Instruction instruction) {
        jdbc.sql("""
                        INSERT INTO payment_instruction (order_id, gateway_token, card_last4) VALUES (?, ?, ?)
                        ON CONFLICT (order_id) DO UPDATE
                        SET gateway_token = EXCLUDED.gateway_token, card_last4 = EXCLUDED.card_last4""")
                .params(orderId, instruction.gatewayToken(), instruction.cardLast4())
                .update();
    }

    @Override
    public Optional<Instruction> forOrder(String orderId) {
        return jdbc.sql("SELECT gateway_token, card_last4 FROM payment_instruction WHERE order_id = ?")
                .param(orderId)
                .query((row, index) -> new Instruction(row.getString("gateway_token"),
                        row.getString("card_last4")))
                .optional();
    }

    @Override
    public Optional<String> orderPaidWith(String gatewayToken) {
        return jdbc.sql("SELECT order_id FROM payment_instruction WHERE gateway_token = ?")
                .param(gatewayToken).query(String.class).optional();
    }
}
