package io.storefront.command.notification;

import io.storefront.api.notification.Channel;
import io.storefront.api.notification.Message;
import io.storefront.api.notification.NotificationKind;
import io.storefront.api.notification.OrderFacts;
import io.storefront.api.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplatesTest {

    private static final String CODE = "482913";

    private final Templates templates = new Templates();

    private static OrderFacts dollarOrder(String detail) {
        return new OrderFacts("ORD-1001", List.of(
                new OrderFacts.Line("Coffee mug", 2, Money.of("12.50", "USD")),
                new OrderFacts.Line("Tea towel", 1, Money.of("4", "USD"))),
                Money.of("29.00", "USD"), detail);
    }

    private static OrderFacts rupiahOrder(String detail) {
        return new OrderFacts("ORD-2002", List.of(
                new OrderFacts.Line("Kopi Toraja", 2, Money.of("75000", "IDR")),
                new OrderFacts.Line("Batik tulis", 1, Money.of("350000", "IDR"))),
                Money.of("500000", "IDR"), detail);
    }

    private static Message message(Channel channel, NotificationKind kind, String language, OrderFacts order) {
        String to = switch (channel) {
            case EMAIL -> "ana@example.com";
            case SMS -> "+6281234567890";
            case PUSH -> "customer-42";
        };
        return new Message("customer-42", channel, kind, to, language, order);
    }

    private Rendered render(Channel channel, NotificationKind kind, String language, OrderFacts order) {
        String code = kind == NotificationKind.VERIFICATION_CODE ? CODE : null;
        return templates.render(message(channel, kind, language, kind == NotificationKind.VERIFICATION_CODE ? null : order), code);
    }

    @Test
    void anOrderPaidEmailInEnglishListsEachLineItsSubtotalAndTheTotal() {
        Rendered email = render(Channel.EMAIL, NotificationKind.ORDER_PAID, "en", dollarOrder(null));

        assertThat(email.subject()).isEqualTo("Payment received for order ORD-1001");
        assertThat(email.text())
                .contains("Hello,")
                .contains("We received your payment of $29.00 for order ORD-1001.")
                .contains("- Coffee mug: 2 x $12.50 = $25.00")
                .contains("- Tea towel: 1 x $4.00 = $4.00")
                .contains("Total: $29.00")
                .contains("Order ORD-1001");
        assertThat(email.html())
                .contains("<html lang=\"en\">")
                .contains("<td>Coffee mug</td>")
                .contains(">$12.50</td>")
                .contains(">$25.00</td>")
                .contains(">$4.00</td>")
                .contains(">$29.00</th>")
                .contains("Order ORD-1001")
                .contains("Unit price", "Subtotal", "Total");
    }

    @Test
    void theSameEmailInIndonesianIsInIndonesianAndWritesRupiahTheIndonesianWay() {
        Rendered email = render(Channel.EMAIL, NotificationKind.ORDER_PAID, "id", rupiahOrder(null));

        assertThat(email.subject()).isEqualTo("Pembayaran untuk pesanan ORD-2002 telah diterima");
        assertThat(email.text())
                .contains("Halo,")
                .contains("Pembayaran sebesar Rp500.000,00 untuk pesanan ORD-2002 telah kami terima.")
                .contains("- Kopi Toraja: 2 x Rp75.000,00 = Rp150.000,00")
                .contains("- Batik tulis: 1 x Rp350.000,00 = Rp350.000,00")
                .contains("Total: Rp500.000,00")
                .contains("Pesan ini dikirim kepada Anda oleh Storefront.");
        assertThat(email.html())
                .contains("<html lang=\"id\">")
                .contains("Harga satuan")
                .contains(">Rp75.000,00</td>")
                .contains(">Rp150.000,00</td>")
                .contains(">Rp500.000,00</th>");
    }

    @Test
    void amountsAreWrittenForTheLanguageInTheMoneysOwnCurrency() {
        // literals checked against what the JDK's CLDR data gives
        Rendered englishRupiah = render(Channel.EMAIL, NotificationKind.ORDER_PAID, "en", rupiahOrder(null));
        assertThat(englishRupiah.text()).contains("2 x IDR75,000.00 = IDR150,000.00").contains("Total: IDR500,000.00");

        Rendered indonesianDollars = render(Channel.EMAIL, NotificationKind.ORDER_PAID, "id", dollarOrder(null));
        assertThat(indonesianDollars.text()).contains("2 x US$12,50 = US$25,00").contains("Total: US$29,00");

        // the currency's own fraction digits: none for yen, rounded half up
        OrderFacts yen = new OrderFacts("ORD-3003", List.of(new OrderFacts.Line("Matcha", 3, Money.of("1500", "JPY"))),
                Money.of("4500.5", "JPY"), null);
        assertThat(render(Channel.EMAIL, NotificationKind.ORDER_PLACED, "en", yen).text())
                .contains("3 x \u00A51,500 = \u00A54,500").contains("Total: \u00A54,501");
    }

    @Test
    void aVerificationTextMessageHoldsTheCodeAndFitsOneSms() {
        for (String language : List.of("en", "id")) {
            Rendered sms = render(Channel.SMS, NotificationKind.VERIFICATION_CODE, language, null);

            assertThat(sms.text()).contains(CODE).hasSizeLessThanOrEqualTo(160);
            assertThat(sms.subject()).isNull();
            assertThat(sms.html()).isNull();
        }
        assertThat(render(Channel.SMS, NotificationKind.VERIFICATION_CODE, "en", null).text())
                .isEqualTo("Storefront: Your verification code is 482913. It is valid for 15 minutes. "
                        + "If this wasn't you, ignore this message.");
        assertThat(render(Channel.SMS, NotificationKind.VERIFICATION_CODE, "id", null).text())
                .contains("Kode verifikasi Anda adalah 482913").contains("15 menit");
    }

    @Test
    void aVerificationEmailHoldsTheCodeInTextAndHtml() {
        Rendered email = render(Channel.EMAIL, NotificationKind.VERIFICATION_CODE, "en", null);

        assertThat(email.subject()).isEqualTo("Your Storefront verification code");
        assertThat(email.text()).contains(CODE).contains("15 minutes").contains("If this wasn't you, ignore this message.");
        assertThat(email.html()).contains(">" + CODE + "</p>").contains("15 minutes").contains("wasn&#39;t you");
        assertThat(email.text()).doesNotContain("Total", "Order ");
    }

    @Test
    void aProductNameIsEscapedInTheHtml() {
        OrderFacts order = new OrderFacts("ORD-<b>", List.of(
                new OrderFacts.Line("<script>alert('x')</script> & co", 1, Money.of("5", "EUR"))),
                Money.of("5", "EUR"), "<img src=x onerror=alert(1)>");

        Rendered email = render(Channel.EMAIL, NotificationKind.ORDER_CANCELLED, "en", order);

        assertThat(email.html())
                .doesNotContain("<script>", "<img", "<b>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co")
                .contains("Reason: &lt;img src=x onerror=alert(1)&gt;")
                .contains("ORD-&lt;b&gt;");
        // the plain text is not HTML: it keeps the name as it is
        assertThat(email.text()).contains("<script>alert('x')</script> & co");
    }

    @Test
    void theDetailIsShownWithItsKindsWording() {
        Rendered english = render(Channel.EMAIL, NotificationKind.ORDER_REJECTED, "en", dollarOrder("Out of stock"));
        assertThat(english.text()).contains("Reason: Out of stock");
        assertThat(english.html()).contains("Reason: Out of stock");

        Rendered indonesian = render(Channel.SMS, NotificationKind.ORDER_SHIPPED, "id", rupiahOrder("JNE-123456789"));
        assertThat(indonesian.text())
                .isEqualTo("Storefront: Pesanan ORD-2002 (Rp500.000,00) telah dikirim. Nomor resi: JNE-123456789");

        Rendered push = render(Channel.PUSH, NotificationKind.PAYMENT_DECLINED, "en", dollarOrder("Card expired"));
        assertThat(push.subject()).isEqualTo("Payment for order ORD-1001 was declined");
        assertThat(push.text()).isEqualTo("Your payment of $29.00 for order ORD-1001 was declined. "
                + "Please try another payment method. Reason: Card expired");

        Rendered without = render(Channel.EMAIL, NotificationKind.ORDER_REJECTED, "en", dollarOrder(null));
        assertThat(without.text()).doesNotContain("Reason");
        assertThat(without.html()).doesNotContain("Reason");
    }

    @Test
    void aTextMessageHasNoOrderLinesJustTheOrderAndItsTotal() {
        Rendered sms = render(Channel.SMS, NotificationKind.ORDER_PLACED, "en", dollarOrder(null));

        assertThat(sms.text()).isEqualTo("Storefront: We received your order ORD-1001, total $29.00.");
        assertThat(sms.text()).doesNotContain("Coffee mug");
    }

    @Test
    void aTooLongTextMessageIsCutToOneSms() {
        String reason = "The payment provider reported that the card issuer refused the charge ".repeat(4);
        Rendered sms = render(Channel.SMS, NotificationKind.PAYMENT_DECLINED, "en", dollarOrder(reason));

        assertThat(sms.text()).hasSize(160).endsWith("...").startsWith("Storefront: Your payment of $29.00 for order ORD-1001");
    }

    @Test
    void anUnknownLanguageFallsBackToEnglish() {
        Rendered email = render(Channel.EMAIL, NotificationKind.ORDER_SHIPPED, "fr", dollarOrder("TRACK-1"));

        assertThat(email.subject()).isEqualTo("Your order ORD-1001 has shipped");
        assertThat(email.text()).contains("Tracking number: TRACK-1").contains("Total: $29.00");
    }

    static Stream<Arguments> everyKindOnEveryChannelInEveryLanguage() {
        return Arrays.stream(NotificationKind.values()).flatMap(kind -> Arrays.stream(Channel.values())
                .flatMap(channel -> Stream.of("en", "id").flatMap(language -> Stream.of(
                        Arguments.of(kind, channel, language, null),
                        Arguments.of(kind, channel, language, "a reason or tracking number")))));
    }

    @ParameterizedTest(name = "{0} by {1} in {2}, detail {3}")
    @MethodSource("everyKindOnEveryChannelInEveryLanguage")
    void everyKindRendersOnEveryChannelInEveryLanguage(NotificationKind kind, Channel channel, String language,
                                                       String detail) {
        // a long, UUID-like order id, as the order context makes them
        OrderFacts order = new OrderFacts("3f2b9c4e-8d1a-4e7b-9c2d-5a6f7e8b9c0d",
                List.of(new OrderFacts.Line("Coffee mug", 2, Money.of("12.50", "USD"))), Money.of("25.00", "USD"), detail);

        Rendered rendered = render(channel, kind, language, order);

        assertThat(rendered.text()).isNotBlank().doesNotContain("??", "null");
        switch (channel) {
            case EMAIL -> {
                assertThat(rendered.subject()).isNotBlank().doesNotContain("??", "null");
                assertThat(rendered.html()).isNotBlank().doesNotContain("??", "null").contains("lang=\"" + language + "\"");
            }
            case SMS -> {
                assertThat(rendered.subject()).isNull();
                assertThat(rendered.html()).isNull();
                assertThat(rendered.text()).hasSizeLessThanOrEqualTo(Templates.SMS_LIMIT).doesNotContain("Coffee mug");
            }
            case PUSH -> {
                assertThat(rendered.subject()).isNotBlank().doesNotContain("??", "null");
                assertThat(rendered.html()).isNull();
            }
        }
        if (kind == NotificationKind.VERIFICATION_CODE) {
            assertThat(rendered.text()).contains(CODE);
        } else if (kind.isAboutAnOrder()) {
            assertThat(rendered.text()).contains(order.orderId());
            if (channel != Channel.EMAIL) {
                assertThat(rendered.text()).contains("25"); // the total
            }
        }
    }

    @Test
    void bothLanguagesHaveTheSameMessages() throws IOException {
        Properties english = bundle("notifications/messages.properties");
        Properties indonesian = bundle("notifications/messages_id.properties");

        assertThat(indonesian.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        for (NotificationKind kind : NotificationKind.values()) {
            assertThat(english.stringPropertyNames()).contains(
                    kind + ".subject", kind + ".lead", kind + ".detail", kind + ".closing", kind + ".short");
        }
    }

    @Test
    void aVerificationMessageNeedsItsCodeAndAnOrderMessageItsOrder() {
        assertThatThrownBy(() -> templates.render(
                message(Channel.SMS, NotificationKind.VERIFICATION_CODE, "en", null), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> templates.render(
                message(Channel.EMAIL, NotificationKind.ORDER_PAID, "en", null), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Properties bundle(String path) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TemplatesTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
