package io.leadhandoff.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * REST Assured filter, installed for every test by {@link ContractInstaller}: each request the suite sends and each
 * answer it receives is checked against openapi/openapi.yaml ({@link Contract}). A departing answer fails the test
 * with the operation, the status and the JSON pointer of each departure.
 *
 * <p>Requests: a request the document refuses must be refused by the service (4xx) — a test sending bad input on
 * purpose needs nothing more. One the service accepts although the document refuses it fails the test, unless the
 * test opts out with {@link #UNCHECKED_REQUEST} (a header this filter removes before sending), saying why.
 */
public final class ContractFilter implements OrderedFilter {

    /** Request header (never sent): the test knowingly sends a request outside the document; its value says why. */
    public static final String UNCHECKED_REQUEST = "X-Test-Unchecked-Request";

    /**
     * Statuses the HTTP server answers before any route sees the request (an over-long request line or headers):
     * the same for every URL, so outside any operation of the document.
     */
    private static final Set<Integer> TRANSPORT_REFUSALS = Set.of(414, 431);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile Contract contract;

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE; // last: sees the request as it goes out, after every other filter
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec, FilterContext ctx) {
        boolean unchecked = request.getHeaders().hasHeaderWithName(UNCHECKED_REQUEST);
        if (unchecked) {
            request.removeHeader(UNCHECKED_REQUEST);
        }
        Response response = ctx.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        String path = URLDecoder.decode(uri.getRawPath().replace("+", "%2B"), StandardCharsets.UTF_8);
        if (!path.startsWith("/api/")) {
            return response;
        }
        Contract document = contract();
        Optional<Contract.Operation> operation = document.operation(request.getMethod(), path);
        String exchange = request.getMethod() + " " + uri.getRawPath();
        if (operation.isEmpty()) {
            if (response.getStatusCode() < 300) {
                fail(exchange, "an operation openapi/openapi.yaml does not have", response.getStatusCode(),
                        List.of("answered " + response.getStatusCode() + " to an undocumented operation"));
            }
            return response;
        }
        if (TRANSPORT_REFUSALS.contains(response.getStatusCode())) {
            return response;
        }
        Contract.Operation op = operation.get();
        List<String> violations = new ArrayList<>(document.response(op, response.getStatusCode(), headers(response.getHeaders().asList()),
                response.getContentType(), response.asString()));
        if (!unchecked && response.getStatusCode() < 400) {
            document.request(op, query(uri.getRawQuery()), headers(request.getHeaders().asList()), request.getContentType(), body(request))
                    .forEach(v -> violations.add("request: " + v + " (yet the service accepted it)"));
        }
        if (!violations.isEmpty()) {
            fail(exchange, op.toString(), response.getStatusCode(), violations);
        }
        return response;
    }

    private static void fail(String exchange, String operation, int status, List<String> violations) {
        throw new AssertionError("openapi/openapi.yaml violated: " + exchange + " is " + operation + ", answered " + status
                + "\n  - " + String.join("\n  - ", violations));
    }

    private static Contract contract() {
        if (contract == null) {
            synchronized (ContractFilter.class) {
                if (contract == null) {
                    contract = Contract.load();
                }
            }
        }
        return contract;
    }

    private static Map<String, List<String>> headers(List<Header> headers) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        headers.forEach(h -> byName.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue()));
        return byName;
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String body(FilterableRequestSpecification request) {
        Object body = request.getBody();
        if (body == null && !request.getFormParams().isEmpty()) { // a form: its fields are the body
            return request.getFormParams().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        }
        if (body == null || body instanceof String) {
            return (String) body;
        }
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
