package io.leadhandoff.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Thrown anywhere below the resources to answer with a problem; mapped in {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;
    private final String currentState;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), null);
    }

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors, String currentState) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.currentState = currentState;
    }

    public static ProblemException validation(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? describe(errors.get(0))
                : errors.size() + " inputs are not valid";
        return new ProblemException(ProblemType.VALIDATION, detail, errors, null);
    }

    public static ProblemException invalidParameter(String parameter, String message) {
        return validation(List.of(Problem.FieldError.atParameter(parameter, message)));
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " '" + id + "' does not exist");
    }

    public static ProblemException invalidTransition(String detail, String currentState) {
        return new ProblemException(ProblemType.INVALID_TRANSITION, detail, List.of(), currentState);
    }

    private static String describe(Problem.FieldError e) {
        String where = e.pointer() != null ? e.pointer() : e.parameter() != null ? e.parameter() : e.header();
        return (where == null || where.isEmpty() ? "body" : where) + ": " + e.message();
    }

    /** Adds a response header to the problem answer (WWW-Authenticate, Retry-After, RateLimit, ...). */
    public ProblemException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public String currentState() {
        return currentState;
    }
}
