package io.leadhandoff.common;

import java.util.regex.Pattern;

/**
 * The shapes of the identifiers callers choose, checked the same way wherever they arrive: in a body
 * (Bean Validation {@code @Pattern} with these expressions) and in a path (the strict-input filter).
 */
public final class Identifiers {

    /** A rep id: a CRM user id or an email address. No spaces, quotes, slashes or control characters. */
    public static final String REP_ID = "[\\p{L}\\p{N}._:@+-]{1,128}";
    public static final String REP_ID_MESSAGE = "must be 1 to 128 letters, digits and . _ : @ + -";
    /** A queue or source id, as chosen when it is created. */
    public static final String SLUG = "[a-z0-9][a-z0-9-]{0,63}";
    public static final String SLUG_MESSAGE = "must be lower-case letters, digits and dashes";
    /** An id the service made (lead, key, ...) or a model version. */
    public static final String SERVICE_ID = "[A-Za-z0-9._-]{1,64}";

    private static final Pattern REP = Pattern.compile(REP_ID);
    private static final Pattern SLUG_PATTERN = Pattern.compile(SLUG);
    private static final Pattern SERVICE = Pattern.compile(SERVICE_ID);
    /** What no path segment may hold whatever its parameter: control and format characters, quotes, slashes, dot-segments. */
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\"'`<>\\\\/]|^\\.{1,2}$|\\.\\./?");

    private Identifiers() {
    }

    /** Why a path parameter's value is not acceptable, or null. */
    public static String pathProblem(String name, String value) {
        if (value == null || value.isEmpty()) {
            return "is required";
        }
        return switch (name) {
            case "repId" -> REP.matcher(value).matches() ? null : REP_ID_MESSAGE;
            case "queueId", "sourceId" -> SLUG_PATTERN.matcher(value).matches() ? null : SLUG_MESSAGE;
            case "id", "version" -> SERVICE.matcher(value).matches() ? null : "must be 1 to 64 letters, digits and . _ -";
            default -> value.length() > 253 || UNSAFE.matcher(value).find()
                    ? "must be at most 253 characters without control characters, quotes, slashes or dot-segments" : null;
        };
    }
}
