package io.storefront.command.notification;

import io.storefront.api.notification.Channel;
import io.storefront.api.notification.Message;
import io.storefront.api.notification.NotificationKind;
import io.storefront.api.notification.OrderFacts;
import io.storefront.api.shared.Money;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a message out for its channel and language. Three generic templates under
 * {@code notifications/} ({@code email.html}, {@code email.txt}, {@code short.txt}) take each kind's
 * wording from the bundle {@code notifications/messages} (English, and {@code _id} for Bahasa
 * Indonesia); keys are {@code KIND.subject}, {@code KIND.lead}, {@code KIND.detail}, {@code KIND.closing}
 * and {@code KIND.short}, all taking the same arguments: {0} order id, {1} total, {2} verification code,
 * {3} the order's detail. Amounts are formatted for the language in the money's own currency.
 */
@Component
class Templates {

    /** Longest text message that still fits one GSM-7 SMS. */
    static final int SMS_LIMIT = 160;

    private static final String ELLIPSIS = "...";
    private static final Locale ENGLISH = Locale.forLanguageTag("en-US");
    private static final Locale INDONESIAN = Locale.forLanguageTag("id-ID");

    private final MessageSource messages;
    private final TemplateEngine engine;

    Templates() {
        ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
        bundle.setBasename("notifications/messages");
        bundle.setDefaultEncoding(StandardCharsets.UTF_8.name());
        // an unknown language gets the base bundle (English), never the server's own locale
        bundle.setFallbackToSystemLocale(false);
        // apostrophes are always written doubled in the bundles, whether a message has arguments or not
        bundle.setAlwaysUseMessageFormat(true);
        this.messages = bundle;

        TemplateEngine templates = new TemplateEngine();
        templates.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        templates.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
        templates.setMessageResolver(new BundleMessages(bundle));
        this.engine = templates;
    }

    /**
     * @param code the verification code, for {@link NotificationKind#VERIFICATION_CODE} only; null otherwise
     * @throws IllegalArgumentException when a verification message has no code, or a message about an
     *                                  order no order facts
     */
    Rendered render(Message message, String code) {
        Objects.requireNonNull(message, "message");
        NotificationKind kind = message.kind();
        if (kind == NotificationKind.VERIFICATION_CODE && (code == null || code.isBlank())) {
            throw new IllegalArgumentException("a verification message needs its code");
        }
        if (kind.isAboutAnOrder() && message.order() == null) {
            throw new IllegalArgumentException(kind + " needs the order's facts");
        }
        Locale locale = "id".equals(message.language()) ? INDONESIAN : ENGLISH;
        Context context = context(message, code, locale, messages);
        Object[] arguments = (Object[]) context.getVariable("args");
        String subject = messages.getMessage(kind.name() + ".subject", arguments, locale);

        return switch (message.channel()) {
            case EMAIL -> new Rendered(subject,
                    engine.process("email.txt", context).strip() + "\n",
                    engine.process("email.html", context));
            case SMS -> new Rendered(null, fitSms(engine.process("short.txt", context).strip()), null);
            case PUSH -> new Rendered(subject, engine.process("short.txt", context).strip(), null);
        };
    }

    private static Context context(Message message, String code, Locale locale, MessageSource messages) {
        OrderFacts order = message.order();
        Map<String, Object> variables = new HashMap<>();
        variables.put("kind", message.kind().name());
        variables.put("channel", message.channel().name());
        variables.put("lang", locale.getLanguage());
        variables.put("code", code);
        String orderId = order == null ? "" : order.orderId();
        String total = order == null || order.total() == null ? "" : format(order.total(), locale);
        // a reason the bundle knows (a cancellation's, a decline's) is said in words; any other is shown as it came
        String detail = order == null || order.detail() == null || order.detail().isBlank() ? null
                : messages.getMessage("reason." + order.detail().strip(), null, order.detail().strip(), locale);
        variables.put("orderId", order == null ? null : orderId);
        variables.put("total", order == null || order.total() == null ? null : total);
        variables.put("detail", detail);
        variables.put("lines", order == null || order.lines() == null ? List.of() : order.lines().stream()
                .map(line -> new LineView(line.productName(), line.quantity(),
                        format(line.unitPrice(), locale), format(line.unitPrice().times(line.quantity()), locale)))
                .toList());
        variables.put("args", new Object[]{orderId, total, code == null ? "" : code, detail == null ? "" : detail});
        return new Context(locale, variables);
    }

    /** An order line as the templates show it, its amounts already formatted. */
    record LineView(String productName, int quantity, String unitPrice, String subtotal) {
    }

    /** The amount in its own currency, written the way the language writes amounts. */
    static String format(Money money, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(money.currency());
        int digits = Math.max(0, money.currency().getDefaultFractionDigits());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(money.amount());
    }

    /** A text message longer than one SMS loses its end (the free-text detail comes last). */
    private static String fitSms(String text) {
        return text.length() <= SMS_LIMIT ? text : text.substring(0, SMS_LIMIT - ELLIPSIS.length()).stripTrailing() + ELLIPSIS;
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Templates.class.getClassLoader());
        resolver.setPrefix("notifications/");
        resolver.setTemplateMode(mode);
        resolver.getResolvablePatternSpec().addPattern(pattern);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }

    /** Resolves the templates' {@code #{...}} from the notification bundle, in the context's language. */
    private record BundleMessages(MessageSource source) implements IMessageResolver {

        @Override
        public String getName() {
            return "notification-bundle";
        }

        @Override
        public Integer getOrder() {
            return 0;
        }

        @Override
        public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
            return source.getMessage(key, parameters, null, context.getLocale());
        }

        @Override
        public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
                                                        Object[] parameters) {
            // what Thymeleaf itself shows for a missing key, so that a test can look for "??"
            return "??" + key + "_" + context.getLocale() + "??";
        }
    }
}
