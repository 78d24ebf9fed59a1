package io.storefront.api.openapi;

import io.storefront.api.shared.PlainText;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.core.MethodParameter;
import org.springframework.util.AntPathMatcher;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Completes a side's OpenAPI document with what springdoc cannot see: who needs a token (every operation
 * but the public ones), the refusals each operation can answer as RFC 9457 problems, and that a property
 * which is not required may be {@code null} (records are written with their empty fields as {@code null}).
 */
public final class ApiDocument implements OpenApiCustomizer, ParameterCustomizer {

    private static final String BEARER = "bearer";
    private static final String PROBLEM = "ProblemDetail";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    /** A currency is written as its ISO 4217 code, and only a code Java knows is read. */
    private static final List<String> CURRENCIES =
            Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode).sorted().toList();

    /** What {@link PlainText} refuses, as a JSON Schema pattern (surrogate halves aside, which no pattern names). */
    private static final String PLAIN_TEXT = "^[^\\x00-\\x1F\\x7F-\\x9F]*$";

    static {
        SpringDocUtils.getConfig().replaceWithSchema(Currency.class, currency());
        // the apps answer decimals as exact strings (io.storefront.api.json.ExactDecimals)
        SpringDocUtils.getConfig().replaceWithSchema(BigDecimal.class,
                new StringSchema().format("decimal").pattern("^-?\\d+(\\.\\d+)?$").example("85000"));
    }

    private final List<String> publicOperations;

    /** @param publicOperations "METHOD /path/pattern" of the operations that need no token, as the side's security has them */
    public ApiDocument(List<String> publicOperations) {
        this.publicOperations = List.copyOf(publicOperations);
    }

    @Override
    public void customise(OpenAPI api) {
        api.getComponents()
                .addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("The access token of POST /api/auth/login"))
                .addSchemas(PROBLEM, problemSchema());
        api.setSecurity(null);
        api.getComponents().getSchemas().values().forEach(schema -> {
            nullableUnlessRequired(schema);
            walk(schema, ApiDocument::anchored);
        });
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(ApiDocument::parameter);
            }
            boolean open = isPublic(method, path);
            operation.setSecurity(open ? List.of() : List.of(new SecurityRequirement().addList(BEARER)));
            refusals(operation, method, path, open);
        }));
    }

    /**
     * Every id in a path is a UUID, any other path segment unreserved characters (the gateway refuses encoded
     * slashes, percents and the like); a query parameter that is not plain text, or has a default, is left out when it comes empty.
     */
    private static void parameter(Parameter parameter) {
        Schema<?> schema = parameter.getSchema();
        walk(schema, ApiDocument::anchored);
        if ("path".equals(parameter.getIn()) && schema != null && schema.getPattern() == null && schema.getFormat() == null) {
            if (parameter.getName().endsWith("Id")) {
                schema.setFormat("uuid");
            } else {
                schema.setPattern("^[A-Za-z0-9._~-]+$");
            }
        }
        if ("query".equals(parameter.getIn()) && schema != null && (schema.getFormat() != null || schema.getDefault() != null
                || schema.getTypes() != null && !schema.getTypes().contains("string"))) {
            parameter.setAllowEmptyValue(true);     // converted from text, or defaulted: empty text is no value
        }
    }

    /** A currency among a request's parameters, which springdoc takes for any text, and plain text, which it does not know. */
    @Override
    public Parameter customize(Parameter parameter, MethodParameter method) {
        if (parameter != null && method.getParameterType() == Currency.class) {
            parameter.setSchema(currency());
        }
        if (parameter != null && parameter.getSchema() != null && method.hasParameterAnnotation(PlainText.class)
                && parameter.getSchema().getPattern() == null) {
            parameter.getSchema().setPattern(PLAIN_TEXT);
        }
        return parameter;
    }

    private static Schema<String> currency() {
        return new Schema<String>().types(Set.of("string"))._enum(CURRENCIES);
    }

    private boolean isPublic(PathItem.HttpMethod method, String path) {
        return publicOperations.stream().anyMatch(operation -> {
            String[] parts = operation.split(" ", 2);
            return parts[0].equals(method.name()) && PATHS.match(parts[1], path);
        });
    }

    /** The problems an operation may answer, besides the success springdoc found. */
    private static void refusals(Operation operation, PathItem.HttpMethod method, String path, boolean open) {
        boolean hasBody = operation.getRequestBody() != null;
        boolean command = method != PathItem.HttpMethod.GET;
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("400", "Malformed input: the problem's errors name each bad field or parameter");
        // an invalid token is refused even where none is needed; public operations refuse their own credentials
        refusals.put("401", "No valid access token of a live session, or wrong credentials");
        if (!open) {
            refusals.put("403", "The caller's role may not do this");
        }
        if (path.contains("{") || takesAnId(operation)) {
            refusals.put("404", "Nothing with this id, or somebody else's");
        }
        if (command) {
            refusals.put("409", "A conflict, or a concurrent change: read again and retry");
        }
        if (hasBody) {
            refusals.put("413", "The body is over the gateway's size limit");
            refusals.put("415", "The body is not JSON");
        }
        if (command) {
            refusals.put("422", "Refused by a business rule");
        }
        refusals.put("429", "Over the caller's rate limit, or too soon: retry after Retry-After seconds");
        ApiResponses responses = Objects.requireNonNullElseGet(operation.getResponses(), ApiResponses::new);
        refusals.forEach((status, description) -> responses.putIfAbsent(status, new ApiResponse()
                .description(description)
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))));
        operation.setResponses(responses);
    }

    private static boolean takesAnId(Operation operation) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(parameter -> parameter.getName().endsWith("Id"));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Schema fieldError = new Schema<>().types(Set.of("object"))
                .addProperty("field", new Schema<>().types(Set.of("string")))
                .addProperty("message", new Schema<>().types(Set.of("string")))
                .required(List.of("field", "message"));
        return new Schema<>().types(Set.of("object"))
                .description("An RFC 9457 problem: a stable type, a title, the reason, and for malformed input the bad fields")
                .addProperty("type", new Schema<>().types(Set.of("string")).format("uri")
                        .description("A URN naming the kind of refusal; left out for a plain HTTP refusal"))
                .addProperty("title", new Schema<>().types(Set.of("string")))
                .addProperty("status", new Schema<>().types(Set.of("integer")).format("int32"))
                .addProperty("detail", new Schema<>().types(Set.of("string", "null")))
                .addProperty("instance", new Schema<>().types(Set.of("string", "null")))
                .addProperty("errors", new Schema<>().types(Set.of("array")).items(fieldError))
                .required(List.of("title", "status"));
    }

    /** Bean Validation's {@code @Pattern} matches the whole value, a JSON Schema pattern any part of it. */
    private static void anchored(Schema<?> schema) {
        String pattern = schema.getPattern();
        if (pattern != null && !(pattern.startsWith("^") && pattern.endsWith("$"))) {
            schema.setPattern("^(?:" + pattern + ")$");
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void walk(Schema<?> schema, Consumer<Schema<?>> visit) {
        if (schema == null) {
            return;
        }
        visit.accept(schema);
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) (Map) schema.getProperties()).values().forEach(property -> walk(property, visit));
        }
        walk(schema.getItems(), visit);
        Stream.of(schema.getAnyOf(), schema.getOneOf(), schema.getAllOf()).filter(Objects::nonNull)
                .flatMap(List::stream).forEach(choice -> walk(choice, visit));
    }

    /** A property left out of {@code required} is written as {@code null} when it has no value. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void nullableUnlessRequired(Schema<?> schema) {
        Map<String, Schema> properties = (Map) schema.getProperties();
        if (properties == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        properties.replaceAll((name, property) -> {
            if (property.getProperties() != null) {
                nullableUnlessRequired(property);
            }
            return required.contains(name) ? property : nullable(property);
        });
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema nullable(Schema property) {
        if (property.get$ref() != null) {
            return new Schema<>().anyOf(List.of(property, new Schema<>().types(Set.of("null"))));
        }
        if (property.getTypes() == null || property.getTypes().isEmpty()) {
            return property;     // any value, null included
        }
        Set<String> types = new LinkedHashSet<>(property.getTypes());
        types.add("null");
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            List values = new ArrayList<>(property.getEnum());
            values.add(null);
            property.setEnum(values);
        }
        return property;
    }
}
