package io.leadhandoff.contract;

import static org.eclipse.microprofile.openapi.OASFactory.createAPIResponse;
import static org.eclipse.microprofile.openapi.OASFactory.createContent;
import static org.eclipse.microprofile.openapi.OASFactory.createExample;
import static org.eclipse.microprofile.openapi.OASFactory.createHeader;
import static org.eclipse.microprofile.openapi.OASFactory.createMediaType;
import static org.eclipse.microprofile.openapi.OASFactory.createParameter;
import static org.eclipse.microprofile.openapi.OASFactory.createSchema;
import static org.eclipse.microprofile.openapi.OASFactory.createSecurityRequirement;
import static org.eclipse.microprofile.openapi.OASFactory.createSecurityScheme;

import io.leadhandoff.common.HttpEdge;
import io.leadhandoff.common.Ids;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.idempotency.IdempotencyStore;
import io.leadhandoff.security.ApiKeyFilter;
import io.leadhandoff.security.RateLimits;
import io.leadhandoff.security.Scope;
import io.leadhandoff.source.SourceSettings;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What every operation shares, added to the document in one place: the error answers each kind of operation can
 * give (authentication, scope, rate limit, body reading, negotiation, outage), each as problem+json with an example,
 * and the response headers the HTTP edge, the key filter and idempotency add. Statuses an operation documents itself
 * keep their description; they only gain the problem body and headers.
 */
public class OpenApiContract implements OASFilter {

    private static final String REQUEST_ID = HttpEdge.REQUEST_ID;
    private static final String RETRY_AFTER = "Retry-After";
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    private static final String LOCATION = "Location";
    private static final String JSON = "application/json";
    private static final String UNKNOWN_PARAMETER = "a query parameter the operation does not take";

    /** A shared answer: status, the problem type it shows in its example, what it means. */
    private record Common(String status, ProblemType type, String description, String detail) {
        /** Name of the shared answer under components/responses, e.g. Problem429. */
        String component() {
            return "Problem" + status;
        }
    }

    private static final List<Common> COMMON = List.of(
            new Common("400", ProblemType.MALFORMED_JSON, "The body is not well-formed JSON or could not be read",
                    "The body is not well-formed UTF-8 JSON (line 1, column 12)"),
            new Common("401", ProblemType.UNAUTHORIZED, "No valid credentials: the API key (or the tool's signature) is missing, wrong or revoked",
                    "Send an API key as `Authorization: Bearer <key>`"),
            new Common("403", ProblemType.FORBIDDEN, "The API key lacks the scope this operation needs",
                    "This API key lacks the scope this operation needs: admin"),
            new Common("404", ProblemType.NOT_FOUND, "Not found, or not visible to this API key", "Lead 01JD3Q8W8T3V6Y1M0N2P4R6S8T does not exist"),
            new Common("406", ProblemType.NOT_ACCEPTABLE, "None of the media types in Accept can be produced",
                    "None of the media types in Accept can be produced"),
            new Common("409", ProblemType.IDEMPOTENCY_IN_FLIGHT, "A request with this Idempotency-Key is still being processed",
                    "A request with this Idempotency-Key is still being processed; retry shortly"),
            new Common("413", ProblemType.PAYLOAD_TOO_LARGE, "The body is larger than this endpoint allows",
                    "Request body is larger than the 2 MiB allowed for this endpoint"),
            new Common("415", ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type is not one this operation reads",
                    "Content-Type text/plain is not accepted here; send application/json"),
            new Common("422", ProblemType.VALIDATION, "Invalid body or parameters, or a query parameter the operation does not take; "
                    + "`errors` lists every offending field and names every unknown parameter",
                    "1 field is not valid"),
            new Common("429", ProblemType.RATE_LIMITED, "Over the rate limit; retry after `Retry-After`",
                    "Rate limit of 20 requests per second (burst 40) exceeded; retry after 1 s"),
            new Common("503", ProblemType.SERVICE_UNAVAILABLE, "The database is unreachable or contended; nothing was done, retry after `Retry-After`",
                    "The database is not reachable right now; retry shortly"));

    /**
     * The signature or secret header of each source kind, besides HubSpot's v3 ({@link ApiKeyFilter#SOURCE_SIGNATURE}):
     * alternatives, so a validating proxy forwards whichever the tool sends. The service checks the one its source's kind uses.
     */
    private static final Map<String, SecurityScheme> SOURCE_SCHEMES = sourceSchemes();

    private static Map<String, SecurityScheme> sourceSchemes() {
        Map<String, SecurityScheme> schemes = new LinkedHashMap<>();
        schemes.put("hubspotSignatureV2", sourceScheme("X-HubSpot-Signature", "HubSpot v1/v2 signature (with "
                + "`X-HubSpot-Signature-Version`), accepted only by HubSpot sources that allow v2-only signatures"));
        schemes.put("mauticSignature", sourceScheme("Webhook-Signature", "Mautic: base64 HMAC-SHA256 of the raw body"));
        schemes.put("standardWebhooksSignature", sourceScheme("webhook-signature", "Standard Webhooks: `v1,<base64 HMAC>` of "
                + "`webhook-id.webhook-timestamp.body`, with the `webhook-id` and `webhook-timestamp` headers"));
        schemes.put("sharedSecret", sourceScheme(SourceSettings.DEFAULT_SECRET_HEADER, "Marketo, Pardot and generic sources: the "
                + "shared secret in this header, or in the header the source configures (`secretHeader`)"));
        return schemes;
    }

    private static SecurityScheme sourceScheme(String header, String description) {
        return createSecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(header).description(description);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        headers().forEach(components::addHeader);
        SOURCE_SCHEMES.forEach(components::addSecurityScheme);
        if (openAPI.getPaths() == null) {
            return;
        }
        OpenApiExamples examples = new OpenApiExamples(components);
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (path.startsWith("/api/")) {
                keyed(method, operation);
                complete(operation, components);
                exemplify(operation, examples);
            }
        }));
        if (components.getResponses() != null) {
            components.setResponses(new TreeMap<>(components.getResponses()));
        }
    }

    /** Request bodies and success answers without a hand-written example get one built from their fields' examples. */
    private static void exemplify(Operation operation, OpenApiExamples examples) {
        if (operation.getRequestBody() != null) {
            exemplify(operation.getRequestBody().getContent(), examples);
        }
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                exemplify(response.getContent(), examples);
            }
        });
    }

    private static void exemplify(Content content, OpenApiExamples examples) {
        if (content == null || content.getMediaType(JSON) == null) {
            return;
        }
        MediaType json = content.getMediaType(JSON);
        boolean has = json.getExample() != null || json.getExamples() != null && !json.getExamples().isEmpty();
        Object example = has ? null : examples.of(json.getSchema());
        if (example instanceof Map<?, ?> map && !map.isEmpty()) {
            json.addExample("example", createExample().value(example));
        }
    }

    /**
     * Path parameters by name: what the service's ids look like (ULIDs from {@link Ids}; queue and source ids as
     * their create requests allow), so generated clients and readers see the shape.
     */
    private static final Map<String, Supplier<Schema>> PATH_PARAMETERS = Map.of(
            "id", () -> createSchema().addType(SchemaType.STRING).pattern("^[0-9A-HJKMNP-TV-Z]{26}$")
                    .description("A ULID (26 characters, Crockford base32)").addExample("01JD3Q8W8T3V6Y1M0N2P4R6S8T"),
            "queueId", () -> createSchema().addType(SchemaType.STRING).pattern("^[a-z0-9][a-z0-9-]*$").maxLength(64)
                    .addExample("enterprise-emea"),
            "sourceId", () -> createSchema().addType(SchemaType.STRING).pattern("^[a-z0-9][a-z0-9-]*$").maxLength(64)
                    .addExample("hubspot-main"),
            "repId", () -> createSchema().addType(SchemaType.STRING).pattern("\\S").maxLength(128).addExample("rep-042"),
            "version", () -> createSchema().addType(SchemaType.INTEGER).format("int32").minimum(BigDecimal.ONE).addExample(3),
            "domain", () -> createSchema().addType(SchemaType.STRING).maxLength(253).addExample("analytical-engines.example"),
            "campaign", () -> createSchema().addType(SchemaType.STRING).maxLength(200).addExample("webinar-2026-q4"));

    /** Operations that are POSTs but store nothing (a preview, a simulation, a test event): they take no Idempotency-Key. */
    private static final Set<String> READ_ONLY = Set.of("previewScore", "simulateRouting", "testWebhook");

    /**
     * Every write goes through the write path, which honours {@code Idempotency-Key}: the header is documented once,
     * here, for every operation that changes something (a signed tool event is deduplicated by its event id instead).
     */
    private static void keyed(PathItem.HttpMethod method, Operation operation) {
        if (method == PathItem.HttpMethod.GET || READ_ONLY.contains(operation.getOperationId())
                || requires(operation, ApiKeyFilter.SOURCE_SIGNATURE)) {
            return;
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        if (parameters.stream().noneMatch(p -> IdempotencyStore.HEADER.equals(p.getName()))) {
            operation.addParameter(createParameter().name(IdempotencyStore.HEADER).in(Parameter.In.HEADER)
                    .description("Client-chosen key (1–255 visible ASCII characters) that makes a retry safe: a retry with the "
                            + "same key and body within 24 h replays the first answer (with `Idempotent-Replayed: true`); the same "
                            + "key with another body is a 422")
                    .schema(createSchema().addType(SchemaType.STRING).minLength(1).maxLength(255)));
        }
    }

    private static void complete(Operation operation, Components components) {
        (operation.getParameters() == null ? List.<Parameter>of() : operation.getParameters()).stream()
                .filter(p -> p.getIn() == Parameter.In.PATH && PATH_PARAMETERS.containsKey(p.getName()))
                .forEach(p -> p.setSchema(PATH_PARAMETERS.get(p.getName()).get()));
        boolean keyed = requires(operation, Scope.SCHEME);
        boolean signed = requires(operation, ApiKeyFilter.SOURCE_SIGNATURE);
        if (signed) {
            SOURCE_SCHEMES.keySet().forEach(scheme -> operation.addSecurityRequirement(createSecurityRequirement().addScheme(scheme)));
            // Pardot may send its shared secret as a form field instead of a header: the body is checked, no header is needed
            operation.addSecurityRequirement(createSecurityRequirement());
        }
        boolean body = operation.getRequestBody() != null;
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean pathParameters = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
        boolean idempotent = parameters.stream().anyMatch(p -> IdempotencyStore.HEADER.equals(p.getName()));
        Map<String, APIResponse> responses = operation.getResponses().getAPIResponses();
        boolean content = responses.entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith("2") && e.getValue().getContent() != null);

        Map<String, Boolean> applies = new LinkedHashMap<>();
        applies.put("400", body);
        applies.put("401", keyed || signed);
        applies.put("403", keyed);
        applies.put("404", pathParameters);
        applies.put("406", content);
        applies.put("409", idempotent);
        applies.put("413", body);
        applies.put("415", body);
        applies.put("422", true); // every operation refuses query parameters it does not declare
        applies.put("429", keyed || signed);
        applies.put("503", true);
        for (Common common : COMMON) {
            if (applies.get(common.status()) && !responses.containsKey(common.status())) {
                operation.getResponses().addAPIResponse(common.status(), createAPIResponse().ref(common.component()));
                if (components.getResponses() == null || !components.getResponses().containsKey(common.component())) {
                    APIResponse response = createAPIResponse().description(common.description());
                    problem(common.status(), response);
                    response.addHeader(REQUEST_ID, ref(REQUEST_ID));
                    if (!"401".equals(common.status())) {
                        response.addHeader(RateLimits.STATE, ref(RateLimits.STATE));
                        response.addHeader(RateLimits.POLICY, ref(RateLimits.POLICY));
                    }
                    components.addResponse(common.component(), response);
                }
            }
        }
        APIResponse invalid = responses.get("422");
        if (invalid != null && invalid.getRef() == null && invalid.getDescription() != null
                && !invalid.getDescription().contains(UNKNOWN_PARAMETER)) {
            invalid.setDescription(invalid.getDescription() + "; or " + UNKNOWN_PARAMETER + " (named in `errors`)");
        }
        Map<String, APIResponse> sorted = new TreeMap<>(operation.getResponses().getAPIResponses());
        sorted.forEach((status, response) -> {
            if (response.getRef() != null) {
                return;
            }
            if (status.startsWith("4") || status.startsWith("5")) {
                problem(status, response);
            }
            response.addHeader(REQUEST_ID, ref(REQUEST_ID));
            if ((keyed || signed) && !"401".equals(status)) { // once the key (or source) is known, every answer carries them
                response.addHeader(RateLimits.STATE, ref(RateLimits.STATE));
                response.addHeader(RateLimits.POLICY, ref(RateLimits.POLICY));
            }
            if ("201".equals(status)) {
                response.addHeader(LOCATION, ref(LOCATION));
            }
            if (idempotent && status.startsWith("2")) {
                response.addHeader(IdempotencyStore.REPLAYED_HEADER, ref(IdempotencyStore.REPLAYED_HEADER));
            }
        });
        operation.getResponses().setAPIResponses(sorted);
    }

    /** A problem answer: problem+json body with an example, and the headers its status carries. */
    private static void problem(String status, APIResponse response) {
        Content content = response.getContent();
        MediaType existing = content == null ? null : content.getMediaType(ProblemMappers.PROBLEM_JSON);
        MediaType problem = existing == null ? createMediaType() : existing;
        if (existing == null) {
            response.setContent(createContent().addMediaType(ProblemMappers.PROBLEM_JSON, problem));
        }
        problem.setSchema(createSchema().ref("Problem"));
        if ("Bad Request".equals(response.getDescription())) {
            response.setDescription(COMMON.get(0).description());
        }
        if ((problem.getExamples() == null || problem.getExamples().isEmpty()) && problem.getExample() == null) {
            COMMON.stream().filter(c -> c.status().equals(status)).findFirst()
                    .map(c -> "409".equals(status) && response.getDescription() != null ? conflict(response.getDescription()) : c)
                    .or(() -> "410".equals(status) ? Optional.of(new Common(status, ProblemType.CURSOR_EXPIRED, response.getDescription(),
                            "The cursor is older than the feed's retention; resync from GET /api/v1/leads?updatedSince=")) : Optional.empty())
                    .ifPresent(c -> addExample(c, problem));
        }
        if ("401".equals(status)) {
            response.addHeader(WWW_AUTHENTICATE, ref(WWW_AUTHENTICATE));
        }
        if ("409".equals(status) || "429".equals(status) || "503".equals(status)) { // a 409 for a key still in flight says when to retry
            response.addHeader(RETRY_AFTER, ref(RETRY_AFTER));
        }
        if ("429".equals(status)) {
            response.addHeader(RateLimits.STATE, ref(RateLimits.STATE));
            response.addHeader(RateLimits.POLICY, ref(RateLimits.POLICY));
        }
    }

    /** A 409 an operation documents itself: its example shows the conflict its description names. */
    private static Common conflict(String description) {
        ProblemType type = description.contains("invalid-transition") ? ProblemType.INVALID_TRANSITION
                : description.contains("lease-lost") ? ProblemType.LEASE_LOST
                : description.contains("Idempotency-Key") ? ProblemType.IDEMPOTENCY_IN_FLIGHT : ProblemType.CONFLICT;
        return new Common("409", type, description, description);
    }

    private static void addExample(Common c, MediaType problem) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", c.type().uri().toString());
        example.put("title", c.type().title());
        example.put("status", c.type().status());
        example.put("detail", c.detail());
        example.put("instance", "/api/v1/leads");
        example.put("requestId", "01JD3Q8W8T3V6Y1M0N2P4R6S8T");
        if (c.type() == ProblemType.VALIDATION) {
            Map<String, Object> error = new LinkedHashMap<>(); // insertion order: the document must be the same on every run
            error.put("pointer", "/email");
            error.put("message", "must be a well-formed email address");
            example.put("errors", List.of(error));
        }
        problem.addExample(c.type().uri().toString().substring(ProblemType.BASE.length()), createExample().value(example));
    }

    private static boolean requires(Operation operation, String scheme) {
        List<SecurityRequirement> security = operation.getSecurity();
        return security != null && security.stream().anyMatch(r -> r.hasScheme(scheme));
    }

    private static Header ref(String name) {
        return createHeader().ref(name);
    }

    private static Map<String, Header> headers() {
        Map<String, Header> headers = new LinkedHashMap<>();
        headers.put(REQUEST_ID, header("The request id: the client's `X-Request-Id` when it is 1–128 of `A-Za-z0-9._:-`, otherwise a "
                + "generated one. Quoted as `requestId` in problem bodies and in the server log.", SchemaType.STRING, "01JD3Q8W8T3V6Y1M0N2P4R6S8T")
                .schema(createSchema().addType(SchemaType.STRING).pattern("^[A-Za-z0-9._:-]{1,128}$")));
        headers.put(RateLimits.STATE, header("What is left of the key's rate limit: `r` requests, refilled in `t` seconds "
                + "(IETF RateLimit header fields)", SchemaType.STRING, "\"default\";r=39;t=1"));
        headers.put(RateLimits.POLICY, header("The key's rate limit: burst `q` per window `w` seconds", SchemaType.STRING,
                "\"default\";q=40;w=1"));
        headers.put(RETRY_AFTER, header("Seconds to wait before retrying (milliseconds on HubSpot source events, as HubSpot reads it)",
                SchemaType.INTEGER, 1));
        headers.put(WWW_AUTHENTICATE, header("The authentication scheme to use: `Bearer` for API keys, `Signature` for source events",
                SchemaType.STRING, "Bearer realm=\"lead-handoff\", error=\"invalid_token\""));
        headers.put(LOCATION, header("Path of the created resource", SchemaType.STRING, "/api/v1/leads/01JD3Q8W8T3V6Y1M0N2P4R6S8T"));
        headers.put(IdempotencyStore.REPLAYED_HEADER, header("`true` when this is the stored answer to an earlier request with the same "
                + "Idempotency-Key and body; absent otherwise", SchemaType.STRING, "true")
                .schema(createSchema().addType(SchemaType.STRING).addEnumeration("true")));
        return headers;
    }

    private static Header header(String description, SchemaType type, Object example) {
        return createHeader().description(description).schema(createSchema().addType(type)).example(example);
    }
}
