package io.leadhandoff.lead;

import java.lang.reflect.Field;

/**
 * Tests' way into a lead's private fields: to set up a lead in a given state without the transitions that lead there,
 * and to check a field no accessor shows. Production code has no such way (LeadAggregateRulesTest).
 */
final class LeadFields {

    private LeadFields() {
    }

    @SuppressWarnings("unchecked")
    static <T> T read(Lead lead, String name) {
        try {
            return (T) field(name).get(lead);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static void set(Lead lead, String name, Object value) {
        try {
            field(name).set(lead, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field field(String name) {
        try {
            Field f = Lead.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException("Lead has no field " + name, e);
        }
    }
}
