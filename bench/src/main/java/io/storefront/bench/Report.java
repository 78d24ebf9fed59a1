package io.storefront.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a benchmark measured: its settings, one row per thing measured, and the ratios that compare the
 * platform with its baseline; with the machine it ran on.
 */
record Report(String benchmark, String description, Map<String, Object> parameters,
              List<Map<String, Object>> rows, Map<String, Double> ratios) {

    String table() {
        List<String> columns = List.copyOf(rows.getFirst().keySet());
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (String column : columns) {
            int width = column.length();
            for (Map<String, Object> row : rows) {
                width = Math.max(width, format(row.get(column)).length());
            }
            widths.put(column, width);
        }
        StringBuilder table = new StringBuilder(benchmark + ": " + description + "\n" + parameters + "\n\n");
        table.append(columns.stream().map(column -> pad(column, widths.get(column))).collect(Collectors.joining("  "))).append('\n');
        for (Map<String, Object> row : rows) {
            table.append(columns.stream().map(column -> pad(format(row.get(column)), widths.get(column)))
                    .collect(Collectors.joining("  "))).append('\n');
        }
        ratios.forEach((name, ratio) -> table.append('\n').append(name).append(": ").append(String.format("%.3f", ratio)));
        return table.append('\n').toString();
    }

    Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("benchmark", benchmark);
        document.put("description", description);
        document.put("ranAt", Instant.now().toString());
        document.put("machine", machine());
        document.put("parameters", parameters);
        document.put("rows", rows);
        document.put("ratios", ratios);
        Path file = directory.resolve(benchmark + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
        return file;
    }

    static Map<String, Object> machine() {
        Runtime runtime = Runtime.getRuntime();
        return Map.of("cores", runtime.availableProcessors(),
                "maxHeapMiB", runtime.maxMemory() / (1024 * 1024),
                "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    private static String format(Object value) {
        return value instanceof Double number ? String.format("%.2f", number) : String.valueOf(value);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
