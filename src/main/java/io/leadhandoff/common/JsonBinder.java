package io.leadhandoff.common;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a JSON body into a request record, reporting every offending field at once (unknown fields,
 * server-owned fields, wrong types, failed constraints), each with an RFC 6901 pointer. Jackson alone
 * stops at the first error, which makes clients fix their payloads one field per round trip. It stays one
 * class past 300 lines: pruning unknown fields, shape checks and constraint validation walk the same record
 * tree with the same pointers, and none of them is a complete answer alone.
 */
@ApplicationScoped
public class JsonBinder {

    /** Fields that belong to the server; a client that sends one is told so by name. */
    private static final Set<String> SERVER_OWNED = Set.of(
            "id", "status", "score", "fit", "engagement", "grade", "queue", "queueId", "owner", "ownerRepId",
            "createdAt", "updatedAt", "receivedAt", "domain", "freeEmail", "touches", "merged", "routing",
            "explanation", "leaseToken", "leaseExpiresAt", "erasedAt", "acceptanceProbability");

    private final ObjectMapper mapper;
    private final Validator validator;

    public JsonBinder(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** Binds {@code body} to {@code type} or throws a 422 {@link ProblemException} listing every error. */
    public <T> T bind(JsonNode body, Class<T> type) {
        Bound<T> bound = tryBind(body, type, "");
        if (!bound.ok()) {
            throw ProblemException.validation(bound.errors());
        }
        return bound.value();
    }

    /**
     * Binds without throwing: either a value or every error. Fields that cannot be bound are reported
     * and left out, and the rest is still validated, so one answer lists all that is wrong.
     */
    public <T> Bound<T> tryBind(JsonNode body, Class<T> type, String pointerPrefix) {
        if (body == null || body.isMissingNode() || body.isNull() || !body.isObject()) {
            String message = body == null || body.isMissingNode() || body.isNull()
                    ? "a JSON object is required" : "must be a JSON object, not " + describe(body);
            return new Bound<>(null, List.of(Problem.FieldError.atPointer(pointerPrefix, message)));
        }
        ObjectNode pruned = body.deepCopy();
        List<Problem.FieldError> errors = prune(pruned, type, pointerPrefix);
        T value = mapper.convertValue(pruned, type);
        Set<String> reported = new HashSet<>();
        errors.forEach(e -> reported.add(e.pointer()));
        for (Problem.FieldError violation : validate(value, pointerPrefix)) {
            if (!reported.contains(violation.pointer())) {
                errors.add(violation);
            }
        }
        return errors.isEmpty() ? new Bound<>(value, List.of()) : new Bound<>(null, errors);
    }

    /** The result of {@link #tryBind}: a value, or the reasons there is none. */
    public record Bound<T>(T value, List<Problem.FieldError> errors) {
        public boolean ok() {
            return value != null;
        }
    }

    public List<Problem.FieldError> validate(Object value, String pointerPrefix) {
        Set<? extends ConstraintViolation<?>> violations = validator.validate(value);
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : violations) {
            errors.add(Problem.FieldError.atPointer(pointerPrefix + toPointer(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::pointer).thenComparing(Problem.FieldError::message));
        return errors;
    }

    /** Removes from {@code node} every field that cannot be bound to {@code type}, saying why. */
    private List<Problem.FieldError> prune(ObjectNode node, Class<?> type, String pointer) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, RecordComponent> components = components(type);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPointer = pointer + "/" + escape(field.getKey());
            RecordComponent component = components.get(field.getKey());
            JsonNode value = field.getValue();
            if (component == null) {
                errors.add(Problem.FieldError.atPointer(fieldPointer, SERVER_OWNED.contains(field.getKey())
                        ? "is set by the server and cannot be sent"
                        : "is not a known field"));
                fields.remove();
            } else if (value.isNull()) {
                continue;
            } else if (component.getType().isRecord()) {
                if (value.isObject()) {
                    errors.addAll(prune((ObjectNode) value, component.getType(), fieldPointer));
                } else {
                    errors.add(Problem.FieldError.atPointer(fieldPointer, "must be a JSON object, not " + describe(value)));
                    fields.remove();
                }
            } else if (tooMany(component, value) != null) {
                errors.add(Problem.FieldError.atPointer(fieldPointer, tooMany(component, value)));
                fields.remove();
            } else if (recordElements(component) != null && value.isArray()) {
                errors.addAll(pruneElements((ArrayNode) value, recordElements(component), fieldPointer));
            } else {
                JavaType javaType = mapper.getTypeFactory().constructType(component.getGenericType());
                Problem.FieldError mistyped = shapeProblem(value, javaType, fieldPointer);
                // a string for a String is all a conversion could check
                String problem = mistyped != null || javaType.getRawClass() == String.class ? null
                        : conversionProblem(value, component.getGenericType());
                if (mistyped != null || problem != null) {
                    errors.add(mistyped != null ? mistyped : Problem.FieldError.atPointer(fieldPointer, problem));
                    fields.remove();
                }
            }
        }
        return errors;
    }

    /**
     * Why an array or object is longer than its component's {@code @Size} allows, or null. Checked before
     * any item is looked at, so an oversized list costs one comparison, not one error per item.
     */
    private static String tooMany(RecordComponent component, JsonNode value) {
        if (!value.isContainerNode()) {
            return null;
        }
        Size size = component.getAccessor().getAnnotation(Size.class);
        if (size == null || value.size() <= size.max()) {
            return null;
        }
        return "holds " + value.size() + (value.isArray() ? " items" : " entries") + "; at most " + size.max()
                + " are allowed (the items were not checked)";
    }

    /** The record type of a {@code List<SomeRecord>} component, or null. */
    private static Class<?> recordElements(RecordComponent component) {
        if (component.getType() == List.class
                && component.getGenericType() instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
            return element;
        }
        return null;
    }

    private List<Problem.FieldError> pruneElements(ArrayNode array, Class<?> type, String pointer) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            if (element.isObject()) {
                errors.addAll(prune((ObjectNode) element, type, pointer + "/" + i));
            } else {
                errors.add(Problem.FieldError.atPointer(pointer + "/" + i, "must be a JSON object, not " + describe(element)));
                array.set(i, mapper.createObjectNode());
            }
        }
        return errors;
    }

    /**
     * No type coercion on the JSON API: text fields take JSON strings, whole-number fields JSON integers,
     * decimal fields JSON numbers, flags JSON booleans, times and enums strings, lists arrays and maps
     * objects, element by element. Jackson would turn 12 into "12", "12" into 12 and an epoch number into
     * a time; a client that sends the wrong type hears of it instead. (The tools' native payloads are
     * converted explicitly by their mappings before they get here.)
     */
    private Problem.FieldError shapeProblem(JsonNode value, JavaType type, String pointer) {
        Class<?> raw = type.getRawClass();
        if (value.isNull() || JsonNode.class.isAssignableFrom(raw) || raw == Object.class) {
            return null;
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            if (!value.isArray()) {
                return Problem.FieldError.atPointer(pointer, "must be a JSON array, not " + describe(value));
            }
            for (int i = 0; i < value.size(); i++) {
                Problem.FieldError element = shapeProblem(value.get(i), type.getContentType(), pointer + "/" + i);
                if (element != null) {
                    return element;
                }
            }
            return null;
        }
        if (type.isMapLikeType()) {
            if (!value.isObject()) {
                return Problem.FieldError.atPointer(pointer, "must be a JSON object, not " + describe(value));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Problem.FieldError element = shapeProblem(entry.getValue(), type.getContentType(), pointer + "/" + escape(entry.getKey()));
                if (element != null) {
                    return element;
                }
            }
            return null;
        }
        boolean ok;
        if (raw == String.class || raw.isEnum() || Temporal.class.isAssignableFrom(raw)
                || raw == Duration.class || raw == UUID.class) {
            ok = value.isTextual();
        } else if (raw == Boolean.class || raw == boolean.class) {
            ok = value.isBoolean();
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class || raw == Short.class
                || raw == short.class || raw == BigInteger.class) {
            ok = value.isIntegralNumber();
        } else if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
            ok = value.isNumber();
        } else {
            return null;
        }
        return ok ? null : Problem.FieldError.atPointer(pointer, "must be " + expected(type) + ", not " + describe(value));
    }

    private String conversionProblem(JsonNode value, Type type) {
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        if (JsonNode.class.isAssignableFrom(javaType.getRawClass())) {
            return null;
        }
        if (javaType.isMapLikeType() && !value.isObject()) {
            return "must be a JSON object, not " + describe(value);
        }
        if (javaType.isCollectionLikeType() && !value.isArray()) {
            return "must be a JSON array, not " + describe(value);
        }
        if (!javaType.isContainerType() && (value.isObject() || value.isArray())) {
            return "must be " + expected(javaType) + ", not " + describe(value);
        }
        try {
            mapper.convertValue(value, javaType);
            return null;
        } catch (IllegalArgumentException e) {
            return "must be " + expected(javaType) + ", not " + describe(value);
        }
    }

    private static Map<String, RecordComponent> components(Class<?> type) {
        Map<String, RecordComponent> byName = new HashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            byName.put(c.getName(), c);
        }
        return byName;
    }

    private static String expected(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class) {
            return "a string";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "a boolean";
        }
        if (raw == Integer.class || raw == Long.class || raw == int.class || raw == long.class) {
            return "a whole number in range";
        }
        if (Number.class.isAssignableFrom(raw)) {
            return "a number";
        }
        if (raw == Instant.class) {
            return "an ISO-8601 UTC timestamp such as 2026-01-31T09:30:00Z";
        }
        if (raw.isEnum()) {
            return "one of " + Arrays.toString(raw.getEnumConstants());
        }
        return "a valid " + raw.getSimpleName();
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "a whole number" : "a decimal number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "this value";
        };
    }

    /** Bean Validation paths put a container element's index or key on the node after the container. */
    static String toPointer(Path path) {
        StringBuilder pointer = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                if (node.getKey() != null) {
                    pointer.append('/').append(escape(String.valueOf(node.getKey())));
                } else if (node.getIndex() != null) {
                    pointer.append('/').append(node.getIndex());
                }
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                pointer.append('/').append(escape(node.getName()));
            }
        }
        return pointer.toString();
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
