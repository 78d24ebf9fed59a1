package io.storefront.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The apps' container images as {@code -Pimages} writes them ({@code <module>/target/jib-image.tar},
 * packaged before this module): each starts its app's main class as a user other than root, exposes
 * its port, sizes the JVM's memory from the container's, and carries an executable
 * {@code /app/bin/healthcheck} that asks the actuator's port for readiness. The gateway's image, which
 * needs no other server to start, is started as a container would be, and must report ready.
 */
@EnabledIfSystemProperty(named = "storefront.images", matches = "true")
class ImagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
            "command-side, io.storefront.command.CommandSideApplication, 8081, 8091",
            "query-side,   io.storefront.query.QuerySideApplication,     8082, 8092",
            "sagas,        io.storefront.policy.SagasApplication,        8083, 8093",
            "gateway,      io.storefront.gateway.GatewayApplication,     8080, 8090"})
    void image_runs_its_app_as_a_non_root_user_with_a_health_check(String module, String mainClass, int port,
                                                                   int healthPort) throws IOException {
        Image image = Image.read(Path.of("..", module, "target", "jib-image.tar"));
        JsonNode config = image.config().path("config");

        assertThat(JSON.convertValue(config.path("Entrypoint"), List.class))
                .containsExactly("java", "-cp", "@/app/jib-classpath-file", mainClass);
        assertThat(image.files()).containsKey("app/classes/" + mainClass.replace('.', '/') + ".class");
        String user = config.path("User").asText();
        assertThat(user).isNotBlank();
        assertThat(user.split(":")[0]).isNotIn("0", "root");
        assertThat(config.path("ExposedPorts").has(port + "/tcp")).as("exposes %d", port).isTrue();
        assertThat(JSON.convertValue(config.path("Env"), List.class))
                .contains("HEALTH_PORT=" + healthPort)
                .anySatisfy(env -> assertThat((String) env).startsWith("JAVA_TOOL_OPTIONS=").contains("-XX:MaxRAMPercentage="));
        assertThat(image.files().get("app/bin/healthcheck")).as("/app/bin/healthcheck").isNotNull()
                .satisfies(healthcheck -> assertThat(healthcheck.getMode() & 0111).as("executable by all").isEqualTo(0111));
    }

    /**
     * The gateway's image unpacked and run as its config says (entrypoint, environment, user) in a
     * chroot with its own process and mount namespaces (root only, as CI runs), until its own
     * health check passes inside it.
     */
    @Test
    void the_gateway_image_starts_and_its_health_check_passes(@TempDir Path container) throws Exception {
        Path tar = Path.of("..", "gateway", "target", "jib-image.tar").toAbsolutePath();
        JsonNode config = Image.read(tar).config().path("config");
        Path root = Files.createDirectories(container.resolve("root"));
        run(container, "tar", "-xf", tar.toString());
        for (JsonNode layer : JSON.readTree(container.resolve("manifest.json").toFile()).get(0).path("Layers")) {
            run(container, "tar", "--warning=no-unknown-keyword", "-xzf", layer.asText(), "-C", root.toString());
        }
        Files.createDirectories(root.resolve("proc"));
        String user = "--userspec=" + config.path("User").asText();
        List<String> entrypoint = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--kill-child", "--", "sh", "-c",
                "mount -t proc proc \"$0/proc\" && exec chroot \"$@\"", root.toString(), user, root.toString()));
        config.path("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
        Process app = inImageEnvironment(new ProcessBuilder(entrypoint), config)
                .redirectErrorStream(true).redirectOutput(container.resolve("app.log").toFile()).start();
        try {
            ProcessBuilder healthcheck = inImageEnvironment(
                    new ProcessBuilder("chroot", user, root.toString(), "/app/bin/healthcheck"), config)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> app.isAlive() && healthcheck.start().waitFor() == 0);
        } finally {
            // unshare ignores SIGTERM while it waits, and the app, another user now, is not its --kill-child any more
            app.descendants().forEach(ProcessHandle::destroyForcibly);
            app.destroyForcibly();
            app.waitFor();
        }
    }

    /** Only the image's own environment, as a container runtime gives it. */
    private static ProcessBuilder inImageEnvironment(ProcessBuilder process, JsonNode config) {
        process.environment().clear();
        config.path("Env").forEach(variable -> {
            String[] nameAndValue = variable.asText().split("=", 2);
            process.environment().put(nameAndValue[0], nameAndValue[1]);
        });
        return process;
    }

    private static void run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    }

    /** An image as {@code docker save} lays it out: its config and the files of the layers its manifest names. */
    private record Image(JsonNode config, Map<String, TarArchiveEntry> files) {

        static Image read(Path tar) throws IOException {
            assertThat(tar).exists();
            Map<String, byte[]> documents = new HashMap<>();
            Map<String, Map<String, TarArchiveEntry>> layers = new HashMap<>();
            try (var archive = new TarArchiveInputStream(Files.newInputStream(tar))) {
                for (TarArchiveEntry entry; (entry = archive.getNextEntry()) != null; ) {
                    if (entry.getName().endsWith(".json")) {
                        documents.put(entry.getName(), archive.readAllBytes());
                    } else {
                        layers.put(entry.getName(), entries(entry.getName().endsWith(".gz") ? new GZIPInputStream(archive) : archive));
                    }
                }
            }
            JsonNode manifest = JSON.readTree(documents.get("manifest.json")).get(0);
            Map<String, TarArchiveEntry> files = new HashMap<>();
            List<String> names = new ArrayList<>();
            manifest.path("Layers").forEach(layer -> names.add(layer.asText()));
            names.forEach(layer -> files.putAll(layers.get(layer)));
            return new Image(JSON.readTree(documents.get(manifest.path("Config").asText())), files);
        }

        /** A layer's entries by path, without the leading "./" or "/". */
        private static Map<String, TarArchiveEntry> entries(InputStream layer) throws IOException {
            Map<String, TarArchiveEntry> entries = new HashMap<>();
            var archive = new TarArchiveInputStream(layer); // not closed: that would close the image's stream
            for (TarArchiveEntry entry; (entry = archive.getNextEntry()) != null; ) {
                entries.put(entry.getName().replaceFirst("^\\.?/", ""), entry);
            }
            return entries;
        }
    }
}
