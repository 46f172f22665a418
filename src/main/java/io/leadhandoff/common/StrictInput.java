package io.leadhandoff.common;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * What every JSON API request must be before a resource sees it: a body sent as
 * {@code application/json} in UTF-8 (415 otherwise; a missing Content-Type is not guessed), and path
 * parameters of the same shape as the ids they name (422 otherwise), and no query parameter the operation does not
 * declare (422 naming each: a misspelt or unsupported filter must not silently answer an unfiltered page). Runs after
 * authentication, so an
 * unauthenticated caller learns nothing about the input rules. Source webhooks accept the tools' own
 * media types and are left to their adapters.
 */
public class StrictInput {

    private final Map<Method, Boolean> json = new ConcurrentHashMap<>();
    private final Map<Method, Set<String>> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 100)
    public void check(ContainerRequestContext request, ResourceInfo info) {
        Method method = info.getResourceMethod();
        if (method == null) {
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.getUriInfo().getPath().startsWith("/api/")) {
            Set<String> known = declared.computeIfAbsent(method, StrictInput::queryParameters);
            new TreeSet<>(request.getUriInfo().getQueryParameters().keySet()).stream()
                    .filter(name -> !known.contains(name))
                    .forEach(name -> errors.add(Problem.FieldError.atParameter(name, known.isEmpty()
                            ? "is not a parameter of this operation, which takes none"
                            : "is not a parameter of this operation; it takes " + String.join(", ", new TreeSet<>(known)))));
        }
        request.getUriInfo().getPathParameters().forEach((name, values) -> values.forEach(value -> {
            String problem = Identifiers.pathProblem(name, value);
            if (problem != null) {
                errors.add(Problem.FieldError.atParameter(name, problem));
            }
        }));
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        if (hasBody(request) && json.computeIfAbsent(method, m -> consumesJson(m, info.getResourceClass()))) {
            mediaType(request.getHeaderString("Content-Type"));
        }
    }

    /** The query parameters a resource method declares with {@code @QueryParam}. */
    static Set<String> queryParameters(Method method) {
        Set<String> names = new TreeSet<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof QueryParam query) {
                    names.add(query.value());
                }
            }
        }
        return Set.copyOf(names);
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        return request.getHeaderString("Transfer-Encoding") != null || length != null && !length.trim().equals("0");
    }

    private static void mediaType(String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "The request has a body but no Content-Type; send Content-Type: application/json");
        }
        MediaType type;
        try {
            type = MediaType.valueOf(header);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type cannot be read; send application/json");
        }
        if (!type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.isWildcardType() || type.isWildcardSubtype()) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Only application/json is accepted here");
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "JSON is read as UTF-8 only; send charset=utf-8 or no charset parameter");
        }
    }

    private static boolean consumesJson(Method method, Class<?> type) {
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = type.getAnnotation(Consumes.class);
        }
        return consumes != null && Arrays.asList(consumes.value()).contains(MediaType.APPLICATION_JSON);
    }
}
