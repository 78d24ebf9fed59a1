package io.storefront.query.capture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capture embedded in the query side and the one registered with Kafka Connect
 * ({@code query-side/connect/read-models.json}) write the same topics in the same format: every
 * setting of the Connect configuration but the database's address and the converters' class names
 * is the embedded one's, from the query side's own configuration. Connect leaves each table's
 * {@code trace_parent} out as well, which the embedded capture reads and then takes out itself.
 */
class ReadModelCaptureConfigTest {

    @Test
    void the_kafka_connect_configuration_captures_as_the_embedded_engine_does() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("query-side.yml"));
        Properties configured = yaml.getObject();
        configured.put("storefront.capture.enabled", "true");
        configured.put("storefront.capture.bootstrap-servers", "kafka:9092");
        CaptureSettings settings = new Binder(new MapConfigurationPropertySource(configured))
                .bind("storefront.capture", CaptureSettings.class).get();
        DataSourceProperties database = new DataSourceProperties();
        database.setUrl("jdbc:postgresql://db:5432/storefront");
        database.setUsername("storefront");
        Properties embedded = new ReadModelCapture(settings, database, new SimpleMeterRegistry(),
                OpenTelemetry.noop()).connector();

        Map<String, Object> connect = JsonMapper.shared().readValue(Path.of("connect/read-models.json").toFile(), Map.class);
        String traceParents = settings.tables().stream().map(table -> ",public." + table + ".trace_parent")
                .collect(Collectors.joining());
        assertThat(connect.get("column.exclude.list")).isEqualTo(embedded.getProperty("column.exclude.list") + traceParents);
        connect.forEach((key, value) -> {
            if (!key.startsWith("database.") && !key.endsWith(".converter") && !key.equals("column.exclude.list")) {
                assertThat(embedded.getProperty(key)).as(key).isEqualTo(value);
            }
        });
        assertThat(connect).containsKeys("table.include.list", "column.exclude.list", "topic.prefix",
                "decimal.handling.mode", "key.converter.schemas.enable", "value.converter.schemas.enable");
    }
}
