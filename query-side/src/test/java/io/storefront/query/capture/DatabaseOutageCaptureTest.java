package io.storefront.query.capture;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.storefront.command.ActingAsAdmin;
import io.storefront.command.CommandSideApplication;
import io.storefront.command.EmbeddedPostgresInitializer;
import io.storefront.command.EmbeddedRedisInitializer;
import io.storefront.command.LocalSecretsInitializer;
import io.storefront.command.ProcessorsCaughtUp;
import io.storefront.command.ServersLast;
import io.storefront.command.auth.AccessTokens;
import io.storefront.query.QuerySideApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stopped under a running command side and a query side that streams its read models to
 * Kafka, and started again on its data: the capture fails while it is away (and says so), and once it
 * is back the projections and the capture go on by themselves, from their tokens and from the
 * replication slot, so that a change made after reaches its topic. Its own PostgreSQL, Kafka and
 * services, closed afterwards: the other specs' database is never stopped.
 */
class DatabaseOutageCaptureTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String STOCK_TOPIC = "storefront.public.stock_level";
    private static final JsonMapper JSON = JsonMapper.shared();

    @TempDir
    static Path data;

    private static int port;
    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;
    private static MongoServer mongo;
    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;
    private static RestTestClient commands;

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        postgres = startPostgres();
        String[] database = {"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password="};
        commandSide = new SpringApplicationBuilder(CommandSideApplication.class)
                .properties(CommandSideApplication.CONFIG_NAME)
                .initializers(new EmbeddedRedisInitializer(), new LocalSecretsInitializer(), ServersLast::uses)
                .run(with(database, "--server.port=0", "--management.server.port=0"));
        String commandsUrl = "http://localhost:" + commandSide.getEnvironment().getProperty("local.server.port");
        commands = RestTestClient.bindToServer().baseUrl(commandsUrl)
                .defaultHeader("Authorization", "Bearer " + ActingAsAdmin.adminToken(commandSide.getBean(AccessTokens.class)))
                .build();
        kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.afterPropertiesSet();
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("localhost", 0);
        querySide = new SpringApplicationBuilder(QuerySideApplication.class)
                .properties(QuerySideApplication.CONFIG_NAME)
                .initializers(new EmbeddedRedisInitializer(), ServersLast::uses)
                .run(with(database, "--server.port=0", "--management.server.port=0",
                        "--spring.mongodb.uri=mongodb://localhost:" + mongo.getLocalAddress().getPort() + "/storefront?serverSelectionTimeoutMS=2000",
                        "--storefront.auth.jwks-uri=" + commandsUrl + "/.well-known/jwks.json",
                        "--storefront.capture.enabled=true", "--storefront.capture.bootstrap-servers=" + kafka.getBrokersAsString()));
    }

    @AfterAll
    static void stop() throws IOException {
        querySide.close();
        commandSide.close();
        kafka.destroy();
        mongo.shutdownNow();
        postgres.close();
    }

    @Test
    void after_the_database_is_back_the_projections_and_the_capture_go_on_by_themselves() throws IOException {
        String before = product();
        awaitOnTopic(before);

        postgres.close();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(health("capture")).as("the capture says it failed").isEqualTo("DOWN"));
        postgres = startPostgres();

        String[] after = {null};
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> (after[0] = productOrNull()) != null);
        awaitOnTopic(after[0]);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(health("capture")).isEqualTo("UP"));
        ProcessorsCaughtUp.await(querySide, PATIENCE);
    }

    private static String product() {
        String id = productOrNull();
        assertThat(id).as("a product made").isNotNull();
        return id;
    }

    /** A product with stock, made on the command side; null while it refuses (the database away). */
    private static String productOrNull() {
        var created = commands.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("sku", "DB-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(), "name", "Kopi Kintamani",
                        "category", "Coffee", "price", Map.of("amount", "75000", "currency", "IDR")))
                .exchange().returnResult(Map.class);
        if (created.getStatus().value() != 201) {
            return null;
        }
        String id = (String) created.getResponseBody().get("id");
        commands.post().uri("/api/products/{id}/stock", id).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("quantity", 5)).exchange().expectStatus().isNoContent();
        return id;
    }

    /** The product's stock level, with what was received, on the stock topic. */
    private static void awaitOnTopic(String productId) {
        await().atMost(PATIENCE).until(() -> new Topics(kafka.getBrokersAsString()).records(STOCK_TOPIC).stream()
                .filter(record -> record.value() != null)
                .map(record -> JSON.readTree(record.value()).path("after"))
                .anyMatch(after -> productId.equals(after.path("product_id").asString()) && after.path("available").asInt() == 5));
    }

    private static String health(String component) {
        String body = RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + querySide.getEnvironment().getProperty("local.management.port")).build()
                .get().uri("/actuator/health").exchange().returnResult(String.class).getResponseBody();
        return JSON.readTree(body).path("components").path(component).path("status").asString();
    }

    private static String[] with(String[] database, String... more) {
        return Stream.concat(Arrays.stream(database), Arrays.stream(more)).toArray(String[]::new);
    }

    private static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgresInitializer.restartable(port, data.resolve("postgres"));
    }
}
