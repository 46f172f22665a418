package io.leadhandoff.http;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The route of the matched resource method: its path template (class and method {@code @Path}) with the matched
 * path parameters filled in, e.g. {@code /api/v1/queues/inbound/claims}. Two requests to the same resource with the
 * same parameters have the same route however the client spelled the URL (encoding, a trailing slash).
 */
public final class MatchedRoute {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*(?::[^}]*)?}");

    private MatchedRoute() {
    }

    public static String of(ResourceInfo resource, MultivaluedMap<String, String> parameters) {
        return fill(template(resource.getResourceClass(), resource.getResourceMethod()), parameters);
    }

    static String template(AnnotatedElement type, AnnotatedElement method) {
        return ("/" + path(type) + "/" + path(method)).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }

    static String fill(String template, MultivaluedMap<String, String> parameters) {
        Matcher m = PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<String> values = parameters == null ? null : parameters.get(m.group(1));
            String value = values == null || values.isEmpty() ? m.group() : values.get(0);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String path(AnnotatedElement element) {
        Path path = element == null ? null : element.getAnnotation(Path.class);
        return path == null ? "" : path.value();
    }
}
