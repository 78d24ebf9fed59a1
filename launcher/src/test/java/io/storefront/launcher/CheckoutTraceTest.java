package io.storefront.launcher;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One checkout, one trace: the gateway's request span, the command it becomes, the events it stores,
 * every policy, projection and notification that reacts, across the event store and RabbitMQ, and the
 * projection's change as the change capture sends it to Kafka and the sales analytics read it, every
 * span with its parent in the same trace. The spans and the log lines of the trace also reach a
 * collector by OTLP (here a stand-in that keeps what it is sent).
 */
@ExtendWith(OutputCaptureExtension.class)
class CheckoutTraceTest {

    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void an_order_placed_through_the_gateway_is_one_trace_to_its_projection_and_its_notification(CapturedOutput output)
            throws Exception {
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Map<String, ByteArrayOutputStream> received = new ConcurrentHashMap<>();
        collector.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new ByteArrayOutputStream()).writeBytes(body);
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        String otlp = "http://127.0.0.1:" + collector.getAddress().getPort();
        String[] args = {"--server.port=0", "--storefront.command-port=0", "--storefront.query-port=0",
                "--storefront.management-port=0",
                "--management.opentelemetry.tracing.export.schedule-delay=200ms",
                "--OTEL_EXPORTER_OTLP_ENDPOINT=" + otlp};
        try (StorefrontLauncher launcher = StorefrontLauncher.start(args)) {
            int port = launcher.port();
            String admin = post(port, "/api/auth/login", "{\"email\":\"" + StorefrontLauncher.DEMO_ADMIN_EMAIL
                    + "\",\"password\":\"" + StorefrontLauncher.DEMO_ADMIN_PASSWORD + "\"}", null)
                    .body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> registered = post(port, "/api/auth/register",
                    "{\"name\":\"Ayu\",\"email\":\"ayu@example.com\",\"password\":\"correct horse battery\"}", null);
            assertThat(registered.statusCode()).isEqualTo(201);
            String customerId = registered.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

            HttpResponse<String> placed = post(port, "/api/orders", "{\"customerId\":\"" + customerId + "\",\"lines\":[{"
                    + "\"productId\":\"" + DemoCatalog.productId("TEH-MELATI-100") + "\",\"quantity\":1,"
                    + "\"unitPrice\":{\"amount\":35000,\"currency\":\"IDR\"}}],"
                    + "\"shippingAddress\":{\"recipient\":\"Ayu\",\"line1\":\"Jl. Malioboro 5\","
                    + "\"city\":\"Yogyakarta\",\"postalCode\":\"55271\",\"country\":\"ID\"}}", admin);
            assertThat(placed.statusCode()).isEqualTo(201);

            // the trace of the request that placed the order: the one its PlaceOrder command was handled in
            String traceId = await().atMost(Duration.ofSeconds(30)).until(() -> RecordedSpans.all().stream()
                    .filter(span -> span.getName().equals("CommandBus.handleCommand(PlaceOrder)"))
                    .map(SpanData::getTraceId).findFirst(), Optional::isPresent).orElseThrow();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<SpanData> trace = RecordedSpans.all().stream()
                        .filter(span -> span.getTraceId().equals(traceId)).toList();
                Set<String> ids = trace.stream().map(SpanData::getSpanId).collect(Collectors.toSet());

                assertThat(trace).as("one root: the gateway's request")
                        .filteredOn(span -> !span.getParentSpanContext().isValid()).singleElement()
                        .satisfies(root -> {
                            assertThat(service(root)).isEqualTo("gateway");
                            assertThat(root.getKind()).isEqualTo(SpanKind.SERVER);
                            assertThat(root.getName()).isEqualTo("http post");
                        });
                assertThat(trace).as("every other span's parent is in the trace")
                        .filteredOn(span -> span.getParentSpanContext().isValid())
                        .allSatisfy(span -> assertThat(ids).as(span.getName()).contains(span.getParentSpanId()));

                assertThat(trace).as("the command side's request, the command and the policies' commands it causes")
                        .anySatisfy(span -> assertThat(service(span) + " " + span.getKind())
                                .isEqualTo("command-side SERVER"))
                        .anySatisfy(span -> assertThat(span.getName()).contains("PlaceOrder"))
                        .anySatisfy(span -> assertThat(span.getName()).startsWith("StockPolicy.on(OrderPlaced"))
                        .anySatisfy(span -> assertThat(span.getName()).contains("ReserveStock"));
                assertThat(trace).as("the query side's projection of the order")
                        .anySatisfy(span -> {
                            assertThat(service(span)).isEqualTo("query-side");
                            assertThat(span.getName()).startsWith("OrderProjection.on(OrderPlaced");
                        });
                assertThat(trace).as("the notification, published to RabbitMQ, taken by the courier and sent")
                        .anySatisfy(span -> assertThat(span.getKind() + " " + span.getName())
                                .isEqualTo("PRODUCER notifications/email send"))
                        .anySatisfy(span -> assertThat(span.getKind() + " " + span.getName())
                                .isEqualTo("CONSUMER notifications.email receive"))
                        .anySatisfy(span -> assertThat(span.getName()).contains("RecordNotificationSent"));
                assertThat(trace).as("the order's row changed, captured to Kafka and read by the sales analytics")
                        .anySatisfy(span -> assertThat(service(span) + " " + span.getKind() + " " + span.getName())
                                .isEqualTo("query-side PRODUCER storefront.public.order_view publish"))
                        .anySatisfy(span -> assertThat(service(span) + " " + span.getKind() + " " + span.getName())
                                .isEqualTo("query-side CONSUMER storefront.public.order_view process"));
            });

            // the courier logs after its RecordNotificationSent, whose span ended the wait above
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(output.getOut().lines().filter(line -> line.contains("Sent notification")))
                            .as("the courier's log line carries the trace of the checkout")
                            .anySatisfy(line -> assertThat(line).contains(traceId)));

            // OTLP/protobuf carries the trace id as its 16 bytes
            String traceIdBytes = new String(HexFormat.of().parseHex(traceId), StandardCharsets.ISO_8859_1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(otlpBody(received, "/v1/traces")).as("spans sent to the collector").contains(traceIdBytes)
                        .contains("CommandBus.handleCommand(PlaceOrder)");
                assertThat(otlpBody(received, "/v1/logs")).as("log records sent to the collector")
                        .contains("Sent notification").contains(traceIdBytes);
            });
        } finally {
            collector.stop(0);
        }
    }

    private static String otlpBody(Map<String, ByteArrayOutputStream> received, String path) {
        ByteArrayOutputStream body = received.get(path);
        return body == null ? "" : body.toString(StandardCharsets.ISO_8859_1);
    }

    private static String service(SpanData span) {
        return span.getResource().getAttribute(SERVICE);
    }

    private HttpResponse<String> post(int port, String path, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
