package io.storefront.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StorefrontLauncherTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_platform_keeps_its_data_across_a_restart_in_a_configured_data_directory(@TempDir Path dataDir) throws Exception {
        String email = "restart-" + UUID.randomUUID() + "@example.com";
        String[] args = {"--storefront.data-dir=" + dataDir, "--server.port=0"};

        try (StorefrontLauncher first = StorefrontLauncher.start(args)) {
            assertThat(register(first.port(), email).statusCode()).isEqualTo(201);
        }
        try (StorefrontLauncher second = StorefrontLauncher.start(args)) {
            assertThat(register(second.port(), email).statusCode())
                    .as("the email registered before the restart is still taken")
                    .isEqualTo(409);
        }
    }

    private HttpResponse<String> register(int port, String email) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/users"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"Dewi\",\"email\":\"" + email + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
