package io.leadhandoff.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.OpenApi31;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * openapi/openapi.yaml as a checker of HTTP exchanges: finds the operation a request addresses and lists where the
 * request or its answer departs from the document (status, media type, headers, body against the operation's
 * JSON Schema, by JSON pointer). The schemas are OpenAPI 3.1 (JSON Schema 2020-12), checked by networknt's
 * json-schema-validator with the OpenAPI 3.1 dialect; every {@code $ref} resolves inside the one document.
 */
public final class Contract {

    /** The committed document, relative to the module (where Surefire runs). */
    public static final Path DOCUMENT = Path.of("openapi", "openapi.yaml");
    private static final String IRI = "https://lead-handoff.invalid/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Response headers any HTTP server may add, outside the API's contract. Every other header an answer carries
     * must be documented for its operation and status.
     */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("content-type", "content-length", "transfer-encoding",
            "connection", "date", "vary", "cache-control", "pragma", "expires", "keep-alive", "content-encoding",
            "x-content-type-options", "x-frame-options", "referrer-policy", "content-security-policy",
            "strict-transport-security", "permissions-policy", "traceparent", "tracestate");

    /** A path of the document: its template, the regular expression it matches and its parameters' names. */
    private record Template(String path, Pattern pattern, List<String> names, long literals, JsonNode item) {
    }

    /** An operation of the document and the path parameter values a request gave it. */
    public record Operation(String method, String path, String id, JsonNode node, String pointer, Map<String, String> pathValues) {
        @Override
        public String toString() {
            return id + " (" + method + " " + path + ")";
        }
    }

    private final JsonNode document;
    private final List<Template> templates = new ArrayList<>();
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    public Contract(JsonNode document) {
        this.document = document;
        document.path("paths").properties().forEach(e -> {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^/}]+)}").matcher(e.getKey());
            StringBuilder regex = new StringBuilder();
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(e.getKey().substring(last, m.start()))).append("([^/]+)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(e.getKey().substring(last)));
            templates.add(new Template(e.getKey(), Pattern.compile(regex.toString()), names,
                    e.getKey().split("/").length - names.size(), e.getValue()));
        });
        String text;
        try {
            text = JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.registry = SchemaRegistry.withDefaultDialect(OpenApi31.getInstance(), b -> b
                .schemas(Map.of(IRI, text))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));
    }

    /** The committed document. */
    public static Contract load() {
        try {
            return new Contract(new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operation this method and (decoded) path address, if the document has it. */
    public Optional<Operation> operation(String method, String path) {
        String verb = method.toLowerCase(Locale.ROOT);
        return templates.stream().filter(t -> t.pattern().matcher(path).matches())
                .max(Comparator.comparingLong(Template::literals))
                .filter(t -> t.item().has(verb))
                .map(t -> {
                    Matcher m = t.pattern().matcher(path);
                    m.matches();
                    Map<String, String> values = new LinkedHashMap<>();
                    for (int i = 0; i < t.names().size(); i++) {
                        values.put(t.names().get(i), m.group(i + 1));
                    }
                    JsonNode node = t.item().get(verb);
                    return new Operation(method.toUpperCase(Locale.ROOT), t.path(), node.path("operationId").asText(verb),
                            node, "/paths/" + escape(t.path()) + "/" + verb, values);
                });
    }

    /** Whether some path of the document matches, whatever the method. */
    public boolean knowsPath(String path) {
        return templates.stream().anyMatch(t -> t.pattern().matcher(path).matches());
    }

    /**
     * Where a request departs from its operation: path, query and header parameters, the body's media type and
     * schema. Header names in {@code headers} are lower case.
     */
    public List<String> request(Operation op, Map<String, List<String>> query, Map<String, List<String>> headers,
            String contentType, String body) {
        List<String> violations = new ArrayList<>();
        List<String> declaredQuery = new ArrayList<>();
        forEachParameter(op, (parameter, pointer) -> {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            List<String> values = switch (in) {
                case "path" -> op.pathValues().containsKey(name) ? List.of(op.pathValues().get(name)) : List.of();
                case "query" -> query.getOrDefault(name, List.of());
                case "header" -> headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
                default -> List.of();
            };
            if ("query".equals(in)) {
                declaredQuery.add(name);
            }
            if (values.isEmpty()) {
                if (parameter.path("required").asBoolean(false)) {
                    violations.add(in + " parameter " + name + " is required but absent");
                }
                return;
            }
            JsonNode schema = parameter.path("schema");
            if (!schema.isMissingNode()) {
                JsonNode value = "array".equals(type(schema)) ? arrayOf(values, schema.path("items")) : scalar(values.get(0), schema);
                check(pointer + "/schema", value, in + " parameter " + name, violations);
            }
        });
        query.keySet().stream().filter(q -> !declaredQuery.contains(q))
                .forEach(q -> violations.add("query parameter " + q + " is not documented"));
        Resolved declared = deref(op.node().path("requestBody"), op.pointer() + "/requestBody");
        JsonNode requestBody = declared.node();
        boolean hasBody = body != null && !body.isEmpty();
        if (requestBody.isMissingNode()) {
            if (hasBody) {
                violations.add("sent a body, but the operation takes none");
            }
            return violations;
        }
        if (!hasBody) {
            if (requestBody.path("required").asBoolean(false)) {
                violations.add("the request body is required but absent");
            }
            return violations;
        }
        content(requestBody.path("content"), declared.pointer() + "/content", contentType, body, "request", violations);
        return violations;
    }

    /**
     * Where an answer departs from its operation: an undocumented status, a media type or body the status does not
     * document, a documented header missing or out of its schema, a header the status does not document. Header
     * names in {@code headers} are lower case.
     */
    public List<String> response(Operation op, int status, Map<String, List<String>> headers, String contentType, String body) {
        List<String> violations = new ArrayList<>();
        JsonNode responses = op.node().path("responses");
        String key = responses.has(String.valueOf(status)) ? String.valueOf(status)
                : responses.has(status / 100 + "XX") ? status / 100 + "XX" : responses.has("default") ? "default" : null;
        if (key == null) {
            List<String> documented = new ArrayList<>();
            responses.fieldNames().forEachRemaining(documented::add);
            violations.add("status " + status + " is not documented (documented: " + String.join(", ", documented) + ")");
            return violations;
        }
        Resolved response = deref(responses.get(key), op.pointer() + "/responses/" + escape(key));
        Set<String> documentedHeaders = new HashSet<>();
        response.node().path("headers").properties().forEach(e -> {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            documentedHeaders.add(name);
            Resolved header = deref(e.getValue(), response.pointer() + "/headers/" + escape(e.getKey()));
            List<String> values = headers.getOrDefault(name, List.of());
            if (values.isEmpty()) {
                if (header.node().path("required").asBoolean(false)) {
                    violations.add("header " + e.getKey() + " is required but absent");
                }
                return;
            }
            if (header.node().has("schema")) {
                Resolved schema = deref(header.node().get("schema"), header.pointer() + "/schema");
                check(header.pointer() + "/schema", scalar(values.get(0), schema.node()), "header " + e.getKey(), violations);
            }
        });
        headers.keySet().stream().filter(h -> !TRANSPORT_HEADERS.contains(h) && !documentedHeaders.contains(h)).sorted()
                .forEach(h -> violations.add("header " + h + " is not documented for this status"));
        boolean hasBody = body != null && !body.isEmpty();
        JsonNode content = response.node().path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (hasBody) {
                violations.add("answered a body (" + contentType + "), but the status documents none");
            }
            return violations;
        }
        if (!hasBody) {
            if (!"HEAD".equals(op.method())) {
                violations.add("answered no body, but the status documents " + names(content));
            }
            return violations;
        }
        content(content, response.pointer() + "/content", contentType, body, "body", violations);
        return violations;
    }

    private void content(JsonNode content, String pointer, String contentType, String body, String what, List<String> violations) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        String documented = null;
        for (var it = content.fieldNames(); it.hasNext();) {
            String candidate = it.next();
            if (matches(candidate, type)) {
                documented = candidate;
                break;
            }
        }
        if (documented == null) {
            violations.add(what + " media type " + (type.isEmpty() ? "(none)" : type) + " is not documented (documented: " + names(content) + ")");
            return;
        }
        if (!(type.equals("application/json") || type.endsWith("+json")) || !content.get(documented).has("schema")) {
            return;
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (IOException e) {
            violations.add(what + " is not JSON although its media type is " + type);
            return;
        }
        check(pointer + "/" + escape(documented) + "/schema", value, what, violations);
    }

    private void check(String schemaPointer, JsonNode value, String what, List<String> violations) {
        Schema schema = schemas.computeIfAbsent(schemaPointer, p -> registry.getSchema(SchemaLocation.of(IRI + "#" + p)));
        for (Error error : schema.validate(value)) {
            String at = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
            violations.add(what + " " + (at.isEmpty() ? "/" : at) + ": " + error.getMessage()
                    + " (schema " + error.getEvaluationPath() + ")");
        }
    }

    private record Resolved(JsonNode node, String pointer) {
    }

    /** Follows a local {@code $ref} (components/responses, headers, requestBodies, parameters). */
    private Resolved deref(JsonNode node, String pointer) {
        JsonNode current = node;
        String at = pointer;
        for (int i = 0; i < 10 && current.has("$ref") && current.get("$ref").asText().startsWith("#/"); i++) {
            at = current.get("$ref").asText().substring(1);
            current = document.at(at);
        }
        return new Resolved(current, at);
    }

    private void forEachParameter(Operation op, BiConsumer<JsonNode, String> action) {
        Map<String, Resolved> byKey = new LinkedHashMap<>();
        String itemPointer = op.pointer().substring(0, op.pointer().lastIndexOf('/'));
        JsonNode item = document.at(itemPointer);
        collect(item.path("parameters"), itemPointer + "/parameters", byKey);
        collect(op.node().path("parameters"), op.pointer() + "/parameters", byKey);
        byKey.values().forEach(r -> action.accept(r.node(), r.pointer()));
    }

    private void collect(JsonNode parameters, String pointer, Map<String, Resolved> byKey) {
        for (int i = 0; i < parameters.size(); i++) {
            Resolved p = deref(parameters.get(i), pointer + "/" + i);
            byKey.put(p.node().path("in").asText() + ":" + p.node().path("name").asText(), p);
        }
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        return type.asText("string");
    }

    /** A parameter's text as the JSON value its schema's type reads it as (text when it does not parse). */
    private static JsonNode scalar(String text, JsonNode schema) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        try {
            return switch (type(schema)) {
                case "integer" -> f.numberNode(new BigInteger(text));
                case "number" -> f.numberNode(new BigDecimal(text));
                case "boolean" -> "true".equals(text) || "false".equals(text) ? f.booleanNode(Boolean.parseBoolean(text)) : f.textNode(text);
                default -> f.textNode(text);
            };
        } catch (NumberFormatException e) {
            return f.textNode(text);
        }
    }

    private static JsonNode arrayOf(List<String> values, JsonNode items) {
        var array = JsonNodeFactory.instance.arrayNode();
        values.stream().flatMap(v -> Arrays.stream(v.split(","))).forEach(v -> array.add(scalar(v, items)));
        return array;
    }

    private static boolean matches(String documented, String actual) {
        if (documented.equals(actual) || documented.equals("*/*")) {
            return true;
        }
        return documented.endsWith("/*") && actual.startsWith(documented.substring(0, documented.length() - 1));
    }

    private static String names(JsonNode content) {
        List<String> names = new ArrayList<>();
        content.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    /** A JSON pointer token (RFC 6901). */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
