package io.storefront.command.outage;

import io.storefront.command.CommandSideApplication;
import io.storefront.command.EmbeddedPostgresInitializer;
import io.storefront.command.EmbeddedRedisInitializer;
import io.storefront.command.LocalSecretsInitializer;
import io.storefront.command.ProcessorsCaughtUp;
import io.storefront.command.ServersLast;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The command side's database goes away and comes back, the real server stopped and started again on its
 * data: meanwhile commands are a 503 to retry after a few seconds, with nothing half-written; after, they
 * succeed again without a restart of the service, what was stored before is still there, and the event
 * processors go on from their tokens to the last event.
 */
class DatabaseOutageTest {

    @TempDir
    static Path data;

    private static int port;
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext commandSide;
    private static RestTestClient http;

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        postgres = startPostgres();
        commandSide = new SpringApplicationBuilder(CommandSideApplication.class)
                .properties(CommandSideApplication.CONFIG_NAME)
                .initializers(new EmbeddedRedisInitializer(), new LocalSecretsInitializer(), ServersLast::uses)
                .run("--server.port=0", "--management.server.port=0",
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres", "--spring.datasource.password=");
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + commandSide.getEnvironment().getProperty("local.server.port"))
                .build();
    }

    @AfterAll
    static void stop() throws IOException {
        commandSide.close();
        postgres.close();
    }

    @Test
    void while_the_database_is_away_commands_are_503_to_retry_and_after_it_is_back_they_succeed() throws IOException {
        String before = "before-" + UUID.randomUUID() + "@example.com";
        register(before).expectStatus().isCreated();

        postgres.close();
        String during = "during-" + UUID.randomUUID() + "@example.com";
        register(during).expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:storefront:problem:store-unavailable");

        postgres = startPostgres();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> register(during).expectStatus().isCreated());
        // what was stored before is still there; the refused registration, made again, is whole
        login(before).expectStatus().isOk();
        login(during).expectStatus().isOk();
        // and the processors, which failed while it was away, went on by themselves to the store's last event
        ProcessorsCaughtUp.await(commandSide, Duration.ofSeconds(60));
    }

    private static RestTestClient.ResponseSpec register(String email) {
        return http.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Dewi Lestari", "email", email, "password", "correct horse battery"))
                .exchange();
    }

    private static RestTestClient.ResponseSpec login(String email) {
        return http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "password", "correct horse battery"))
                .exchange();
    }

    private static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgresInitializer.restartable(port, data.resolve("postgres"));
    }
}
