package io.leadhandoff.contract;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * Builds a whole example body from the per-field examples the records declare, for request bodies and success
 * answers that have no hand-written example: every field that has an example, and every required field (from its
 * enumeration, default, minimum or type), so the example is valid against its schema.
 */
final class OpenApiExamples {

    private final Map<String, Schema> schemas;
    /** Schemas being expanded on the current path: a recursive schema (a condition's `all`) is not expanded again. */
    private final Set<String> expanding = new HashSet<>();

    OpenApiExamples(Components components) {
        this.schemas = components.getSchemas() == null ? Map.of() : components.getSchemas();
    }

    Object of(Schema schema) {
        return value(schema, true);
    }

    private Object value(Schema schema, boolean required) {
        if (schema == null) {
            return null;
        }
        if (schema.getRef() != null) {
            String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
            if (!expanding.add(name)) {
                return null;
            }
            try {
                return value(schemas.get(name), required);
            } finally {
                expanding.remove(name);
            }
        }
        List<SchemaType> types = schema.getType() == null ? List.of() : schema.getType();
        boolean structured = types.contains(SchemaType.OBJECT) || schema.getProperties() != null;
        if (!structured && schema.getExamples() != null && !schema.getExamples().isEmpty()) {
            return schema.getExamples().get(0);
        }
        if (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
            return schema.getEnumeration().stream().filter(e -> e != null).findFirst().orElse(null);
        }
        if (schema.getDefaultValue() != null) {
            return schema.getDefaultValue();
        }
        if (schema.getAllOf() != null && !schema.getAllOf().isEmpty()) {
            return value(schema.getAllOf().get(0), required);
        }
        if (schema.getOneOf() != null && !schema.getOneOf().isEmpty()) {
            return value(schema.getOneOf().get(0), required);
        }
        if (schema.getAnyOf() != null && !schema.getAnyOf().isEmpty()) {
            return value(schema.getAnyOf().get(0), required);
        }
        if (types.contains(SchemaType.OBJECT) || schema.getProperties() != null) {
            return object(schema);
        }
        if (types.contains(SchemaType.ARRAY)) {
            Object item = value(schema.getItems(), true);
            return item != null ? List.of(item) : required ? List.of() : null;
        }
        if (!required) {
            return null;
        }
        return scalar(schema, types);
    }

    private Map<String, Object> object(Schema schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        Set<String> required = schema.getRequired() == null ? Set.of() : Set.copyOf(schema.getRequired());
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> {
                Object v = value(property, required.contains(name));
                if (v != null) {
                    out.put(name, v);
                }
            });
        }
        return out;
    }

    private static Object scalar(Schema schema, List<SchemaType> types) {
        if (types.contains(SchemaType.INTEGER) || types.contains(SchemaType.NUMBER)) {
            BigDecimal minimum = schema.getMinimum() == null ? BigDecimal.ONE : schema.getMinimum();
            return types.contains(SchemaType.INTEGER) ? minimum.intValue() : minimum;
        }
        if (types.contains(SchemaType.BOOLEAN)) {
            return true;
        }
        if (types.contains(SchemaType.STRING)) {
            return "date-time".equals(schema.getFormat()) ? "2026-11-30T09:00:00Z" : "example";
        }
        return null;
    }
}
