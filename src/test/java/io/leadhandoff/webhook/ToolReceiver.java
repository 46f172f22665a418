package io.leadhandoff.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of the marketing tools' APIs a write-back uses, on 127.0.0.1, with their paths, methods, authentication,
 * body shapes and error answers as the vendors document them:
 * <ul>
 * <li>HubSpot (developers.hubspot.com, CRM "Update a contact"; "Authentication": private app token as Bearer; error
 * body {@code {status: "error", message, category}}, 404 {@code OBJECT_NOT_FOUND}, 401 {@code INVALID_AUTHENTICATION});</li>
 * <li>Marketo (experienceleague.adobe.com, Marketo developer "Authentication", "Leads" sync with {@code updateOnly},
 * "Error Codes": HTTP 200 with {@code success: false} and 601/602, per-record {@code skipped} with 1004);</li>
 * <li>Mautic (developer.mautic.org, REST API "Edit Contact", basic auth; errors as {@code {errors: [{code, message}]}}).</li>
 * </ul>
 * A test can put an answer of its own before the tool's (by call number, from 1).
 */
final class ToolReceiver implements AutoCloseable {

    /** One request as received. */
    record Call(String method, String path, String query, String authorization, String body) {
    }

    /** An answer: status, headers, body. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), body);
        }
    }

    static final String HUBSPOT_TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";
    static final String MARKETO_CLIENT_ID = "a1b2c3d4-client";
    static final String MARKETO_CLIENT_SECRET = "marketo-client-secret-xyz";
    static final String MAUTIC_USER = "api-user";
    static final String MAUTIC_PASSWORD = "mautic-pass-123";

    private static final Pattern HUBSPOT = Pattern.compile("/crm/v3/objects/contacts/([^/]+)");
    private static final Pattern MAUTIC = Pattern.compile("/api/contacts/([^/]+)/edit");

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    /** Contacts the tool knows (by its id); any other is not found. */
    final Set<String> known = ConcurrentHashMap.newKeySet();
    /** Marketo access tokens handed out and still valid. */
    final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile BiFunction<Integer, Call, Answer> before = (n, c) -> null;

    ToolReceiver() throws IOException {
        this(0);
    }

    ToolReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** An answer that comes before the tool's own, when it gives one. */
    void before(BiFunction<Integer, Call, Answer> answer) {
        before = answer;
    }

    /** Marketo: every token handed out so far expires now. */
    void expireTokens() {
        validTokens.clear();
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** The calls to one path prefix, in arrival order. */
    List<Call> calls(String pathPrefix) {
        return calls.stream().filter(c -> c.path().startsWith(pathPrefix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"), body);
        calls.add(call);
        Answer answer = before.apply(count.incrementAndGet(), call);
        if (answer == null) {
            answer = tool(call);
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } finally {
            exchange.close();
        }
    }

    private Answer tool(Call c) {
        Matcher hubspot = HUBSPOT.matcher(c.path());
        if (hubspot.matches() && "PATCH".equals(c.method())) {
            if (!("Bearer " + HUBSPOT_TOKEN).equals(c.authorization())) {
                return Answer.json(401, "{\"status\":\"error\",\"message\":\"Authentication credentials not found.\","
                        + "\"category\":\"INVALID_AUTHENTICATION\"}");
            }
            String id = hubspot.group(1);
            if (!known.contains(id)) {
                return Answer.json(404, "{\"status\":\"error\",\"message\":\"resource not found\",\"category\":\"OBJECT_NOT_FOUND\"}");
            }
            return Answer.json(200, "{\"id\":\"" + id + "\",\"properties\":" + propertiesOf(c.body()) + ",\"archived\":false}");
        }
        if ("/identity/oauth/token".equals(c.path()) && "GET".equals(c.method())) {
            String q = c.query() == null ? "" : c.query();
            if (!q.contains("grant_type=client_credentials") || !q.contains("client_id=" + MARKETO_CLIENT_ID)
                    || !q.contains("client_secret=" + MARKETO_CLIENT_SECRET)) {
                return Answer.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Bad client credentials\"}");
            }
            String token = "mkto-token-" + tokensIssued.incrementAndGet();
            validTokens.add(token);
            return Answer.json(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":3599,\"scope\":\"api@example\"}");
        }
        if ("/rest/v1/leads.json".equals(c.path()) && "POST".equals(c.method())) {
            String auth = c.authorization() == null ? "" : c.authorization().replaceFirst("^Bearer ", "");
            if (auth.isEmpty()) {
                return marketoError("600", "Access token not specified");
            }
            if (!validTokens.contains(auth)) {
                return auth.startsWith("mkto-token-") && Integer.parseInt(auth.substring(11)) <= tokensIssued.get()
                        ? marketoError("602", "Access token expired") : marketoError("601", "Access token invalid");
            }
            Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"?(\\w+)").matcher(c.body());
            if (!c.body().contains("\"action\":\"updateOnly\"") || !c.body().contains("\"lookupField\":\"id\"") || !id.find()) {
                return marketoError("1003", "Invalid request body");
            }
            String lead = id.group(1);
            if (!known.contains(lead)) {
                return Answer.json(200, "{\"requestId\":\"e42b#1\",\"result\":[{\"status\":\"skipped\",\"reasons\":[{\"code\":\"1004\","
                        + "\"message\":\"Lead not found\"}]}],\"success\":true}");
            }
            return Answer.json(200, "{\"requestId\":\"e42b#2\",\"result\":[{\"id\":" + lead + ",\"status\":\"updated\"}],\"success\":true}");
        }
        Matcher mautic = MAUTIC.matcher(c.path());
        if (mautic.matches() && "PATCH".equals(c.method())) {
            String expected = "Basic " + java.util.Base64.getEncoder().encodeToString((MAUTIC_USER + ":" + MAUTIC_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(c.authorization())) {
                return Answer.json(401, "{\"errors\":[{\"code\":401,\"message\":\"API authorization denied.\",\"details\":[]}]}");
            }
            if (!known.contains(mautic.group(1))) {
                return Answer.json(404, "{\"errors\":[{\"code\":404,\"message\":\"Item was not found.\",\"details\":[]}]}");
            }
            return Answer.json(200, "{\"contact\":{\"id\":" + mautic.group(1) + ",\"fields\":{\"all\":" + c.body() + "}}}");
        }
        return Answer.json(404, "{\"message\":\"no such endpoint\"}");
    }

    static Answer marketoError(String code, String message) {
        return Answer.json(200, "{\"requestId\":\"e42b#0\",\"success\":false,\"errors\":[{\"code\":\"" + code + "\",\"message\":\""
                + message + "\"}]}");
    }

    private static String propertiesOf(String body) {
        int at = body.indexOf("{", 1);
        return at < 0 ? "{}" : body.substring(at, body.lastIndexOf('}'));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
