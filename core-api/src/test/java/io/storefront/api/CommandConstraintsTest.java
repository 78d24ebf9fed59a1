package io.storefront.api;

import io.storefront.api.order.OrderLine;
import io.storefront.api.order.PlaceOrder;
import io.storefront.api.product.CreateProduct;
import io.storefront.api.shared.Address;
import io.storefront.api.shared.Money;
import io.storefront.api.user.ConfirmVerification;
import io.storefront.api.user.RegisterUser;
import io.storefront.api.user.VerificationChannel;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The input rules every context's commands carry, checked wherever a command is sent from. */
class CommandConstraintsTest {

    private static jakarta.validation.ValidatorFactory factory;
    private static Validator validator;

    private static final Address ADDRESS = new Address("Siti Rahma", "Jl. Sudirman 1", null, "Jakarta", null, "10220", "ID");
    private static final Money PRICE = Money.of("85000", "IDR");

    @BeforeAll
    static void startValidator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    private static List<String> invalidFields(Object command) {
        return validator.validate(command).stream()
                .map(ConstraintViolation::getPropertyPath).map(Object::toString).sorted().toList();
    }

    private static PlaceOrder order(List<OrderLine> lines) {
        return new PlaceOrder("order-1", "customer-1", lines, ADDRESS);
    }

    private static List<OrderLine> lines(int count) {
        return IntStream.range(0, count).mapToObj(i -> new OrderLine("product-" + i, 1, PRICE)).toList();
    }

    @Test
    void an_order_has_one_to_fifty_lines() {
        assertThat(invalidFields(order(lines(1)))).isEmpty();
        assertThat(invalidFields(order(lines(50)))).isEmpty();
        assertThat(invalidFields(order(lines(51)))).containsExactly("lines");
        assertThat(invalidFields(order(List.of()))).containsExactly("lines");
    }

    @Test
    void a_line_orders_one_to_ninety_nine_units() {
        assertThat(invalidFields(order(List.of(new OrderLine("p", 99, PRICE))))).isEmpty();
        assertThat(invalidFields(order(List.of(new OrderLine("p", 100, PRICE))))).containsExactly("lines[0].quantity");
        assertThat(invalidFields(order(List.of(new OrderLine("p", 0, PRICE))))).containsExactly("lines[0].quantity");
        assertThat(invalidFields(order(Collections.singletonList(null)))).containsExactly("lines[0].<list element>");
    }

    @Test
    void an_address_needs_a_recipient_a_street_a_city_a_postal_code_and_a_real_country() {
        Address bad = new Address("", "", null, "", null, "?", "XX");
        assertThat(invalidFields(new PlaceOrder("order-1", "customer-1", lines(1), bad))).containsExactly(
                "shippingAddress.city", "shippingAddress.country", "shippingAddress.line1",
                "shippingAddress.postalCode", "shippingAddress.recipient");
    }

    @Test
    void money_is_never_negative_and_has_a_currency() {
        var free = new CreateProduct("p", "FREE-1", "Sample", null, "Samples", Money.of("0", "IDR"));
        var negative = new CreateProduct("p", "NEG-1", "Sample", null, "Samples", Money.of("-1", "IDR"));
        var noCurrency = new CreateProduct("p", "NONE-1", "Sample", null, "Samples", new Money(BigDecimal.ONE, null));
        assertThat(invalidFields(free)).isEmpty();
        assertThat(invalidFields(negative)).containsExactly("price.amount");
        assertThat(invalidFields(noCurrency)).containsExactly("price.currency");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kopi-1", "K", "KOPI_1", "-KOPI"})
    void a_sku_is_upper_case_letters_digits_and_dashes(String sku) {
        assertThat(invalidFields(new CreateProduct("p", sku, "Kopi", null, "Coffee", PRICE))).containsExactly("sku");
    }

    @Test
    void an_email_must_look_like_one_and_a_phone_must_be_e164() {
        assertThat(invalidFields(new RegisterUser("u", "Siti", "siti@example.co.id", "+6281234567890"))).isEmpty();
        assertThat(invalidFields(new RegisterUser("u", "Siti", "siti@localhost", "081234567890")))
                .containsExactly("email", "phone");
        assertThat(invalidFields(new RegisterUser("u", "Siti", "siti@example.com", "+0812345678"))).containsExactly("phone");
    }

    @Test
    void a_verification_code_is_six_digits_and_never_printed() {
        var confirmation = new ConfirmVerification("u", VerificationChannel.EMAIL, "12345");
        assertThat(invalidFields(confirmation)).containsExactly("code");
        assertThat(new ConfirmVerification("u", VerificationChannel.EMAIL, "123456").toString()).doesNotContain("123456");
    }

    @Test
    void names_and_addresses_refuse_control_characters_but_take_any_script() {
        assertThat(invalidFields(new RegisterUser("u", "Siti\u0000", "siti@example.com", null))).containsExactly("name");
        assertThat(invalidFields(new RegisterUser("u", "Siti", "siti\u0000@example.com", null))).containsExactly("email");
        assertThat(invalidFields(new RegisterUser("u", "Ahmad\u0085", "ahmad@example.com", null))).containsExactly("name");
        assertThat(invalidFields(new RegisterUser("u", "李小龍 \uD83D\uDE00 Дмитрий", "li@example.com", null))).isEmpty();
        assertThat(invalidFields(new RegisterUser("u", "half \uD83D", "li@example.com", null))).containsExactly("name");
        Address address = new Address("Siti\u001b[31m", "Jl. Sudirman 1\n", "\t", "Jakarta\u007f", "Jawa\u0000", "10220", "ID");
        assertThat(invalidFields(new PlaceOrder("order-1", "customer-1", lines(1), address))).containsExactly(
                "shippingAddress.city", "shippingAddress.line1", "shippingAddress.line2", "shippingAddress.recipient",
                "shippingAddress.region");
    }

    @Test
    void a_description_may_have_lines_and_tabs_but_no_other_control_character() {
        assertThat(invalidFields(new CreateProduct("p", "KOPI-1", "Kopi", "Arabica.\r\n\tRoasted dark.", "Coffee", PRICE)))
                .isEmpty();
        assertThat(invalidFields(new CreateProduct("p", "KOPI-1", "Kopi\n", "Arabica\u0000", "Coffee\t", PRICE)))
                .containsExactly("category", "description", "name");
    }

    @Test
    void money_adds_up_only_in_one_currency() {
        assertThat(Money.of("1.50", "EUR").plus(Money.of("2", "EUR")).isSameAs(Money.of("3.5", "EUR"))).isTrue();
        assertThat(Money.of("1", "EUR").sameCurrencyAs(new Money(BigDecimal.ONE, Currency.getInstance("USD")))).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.5 IDR", "85000.1234 IDR", "9.999 USD", "1 XXX", "1 XAU"})
    void a_price_finer_than_its_currency_or_in_no_currency_of_money_is_refused(String price) {
        String[] amountAndCurrency = price.split(" ");
        Money money = Money.of(amountAndCurrency[0], amountAndCurrency[1]);
        assertThat(invalidFields(order(List.of(new OrderLine("product-1", 1, money))))).containsExactly("lines[0].unitPrice");
        assertThat(invalidFields(new CreateProduct("product-1", "KOPI-1", "Kopi", null, "Coffee", money)))
                .containsExactly("price");
    }

    @ParameterizedTest
    @ValueSource(strings = {"85000 IDR", "85000.00 IDR", "9.90 USD", "10 USD", "1500 JPY"})
    void a_price_at_its_currency_precision_is_taken(String price) {
        String[] amountAndCurrency = price.split(" ");
        Money money = Money.of(amountAndCurrency[0], amountAndCurrency[1]);
        assertThat(invalidFields(order(List.of(new OrderLine("product-1", 1, money))))).isEmpty();
    }
}
