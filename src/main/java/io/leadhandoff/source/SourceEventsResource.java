package io.leadhandoff.source;

import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.security.ApiKeyFilter;
import io.leadhandoff.security.Caller;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.RateLimiter;
import io.leadhandoff.security.RateLimits;
import io.leadhandoff.config.LeadHandoffConfig;
import io.leadhandoff.security.SecurityConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sources/{sourceId}/events")
@Tag(name = "Sources", description = "Inbound integrations: each marketing tool's own payload and signature")
@SecurityRequirement(name = ApiKeyFilter.SOURCE_SIGNATURE)
public class SourceEventsResource {

    private final SourceService sources;
    private final SourceIntake intake;
    private final RateLimiter limiter;
    private final SecurityConfig security;
    private final CurrentCaller caller;
    private final Optional<String> publicBaseUrl;

    public SourceEventsResource(SourceService sources, SourceIntake intake, RateLimiter limiter, SecurityConfig security,
                                CurrentCaller caller,
                                LeadHandoffConfig config) {
        this.sources = sources;
        this.intake = intake;
        this.limiter = limiter;
        this.security = security;
        this.caller = caller;
        this.publicBaseUrl = config.publicBaseUrl();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveSourceEvents", summary = "Receive a marketing tool's webhook",
            description = "No API key: the tool's own signature (HubSpot v3/v2, Mautic Webhook-Signature, Standard Webhooks) or shared "
                    + "secret (Marketo, Pardot, generic) is verified on the raw body first (401 otherwise; stale timestamps over 5 minutes "
                    + "are refused). The payload is mapped to leads, which go through normal intake. An event id already processed is "
                    + "acknowledged as `duplicate` and changes nothing. HubSpot `contact.privacyDeletion` events erase the contact's lead. "
                    + "A payload that verifies but cannot be mapped is a 422 naming the tool's field. Verified deliveries are rate-limited per "
                    + "source (429 with Retry-After, in milliseconds for HubSpot as HubSpot reads it), except Marketo, which never retries; "
                    + "deliveries that do not verify never count against the source: they are limited per client address "
                    + "(2/s, bursts of 20 by default), and past that answered 429 before their signature is checked.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(description = "The tool's JSON payload"), examples = {
                    @ExampleObject(name = "hubspot-workflow-contact", summary = "HubSpot workflow webhook (chosen properties)",
                            value = "{\"email\": \"ada.lovelace@analytical-engines.example\", \"firstname\": \"Ada\", \"lastname\": \"Lovelace\", "
                                    + "\"company\": \"Analytical Engines Ltd\", \"jobtitle\": \"VP Engineering\", \"hs_object_id\": \"90211\"}"),
                    @ExampleObject(name = "hubspot-privacy-deletion", summary = "HubSpot Webhooks API batch",
                            value = "[{\"eventId\": 100, \"subscriptionType\": \"contact.privacyDeletion\", \"objectId\": 90211, "
                                    + "\"portalId\": 62515, \"occurredAt\": 1764324000000, \"attemptNumber\": 0}]"),
                    @ExampleObject(name = "standard-webhooks", summary = "Standard Webhooks envelope",
                            value = "{\"type\": \"lead.created\", \"timestamp\": \"2026-11-30T09:00:00Z\", "
                                    + "\"data\": {\"email\": \"grace@navy.example\", \"company\": \"US Navy\"}}")}),
            @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(description = "Pardot form-handler fields"),
                    examples = @ExampleObject(name = "pardot-form", summary = "Pardot form-handler data forwarding",
                            value = "email=katherine%40naca.example&first_name=Katherine&last_name=Johnson&company=NACA&lh_secret=3c7e1f0a-5b2d-4d8e"))})
    @APIResponse(responseCode = "200", description = "One result per event", content = @Content(schema = @Schema(implementation = SourceViews.Delivery.class)))
    @APIResponse(responseCode = "400", description = "The body cannot be read", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Signature or secret missing, wrong or stale", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than 2 MiB", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Verified but not mappable: the errors point at the tool's fields", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Over the source's rate limit (verified deliveries), or too many deliveries that did not verify from this client address", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response receive(@PathParam("sourceId") String sourceId, @Context HttpServerRequest request, @Context HttpHeaders headers,
                            byte[] body) {
        SourceService.Configured source = sources.configured(sourceId).orElseThrow(() -> ProblemException.notFound("Source", sourceId));
        caller.set(new Caller("source:" + source.id(), "source " + source.id(), Set.of(), null, null));
        boolean hubspot = source.kind() == SourceKind.HUBSPOT;
        // an address that keeps sending deliveries that do not verify is turned away before any signature is computed
        String unverifiedBucket = "source-unverified:" + clientAddress(request);
        RateLimiter.Limit unverified = new RateLimiter.Limit(security.unverifiedWebhooksPerSecond(), security.unverifiedWebhookBurst());
        RateLimiter.Decision spent = limiter.peek(unverifiedBucket, unverified);
        if (!spent.allowed()) {
            throw RateLimits.tooMany(unverified, spent, hubspot);
        }
        String uri = publicBaseUrl.map(base -> base.replaceAll("/+$", "") + request.uri()).orElse(request.absoluteURI());
        MediaType type = headers.getMediaType();
        boolean form = type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        SourceIntake.Delivery delivery = new SourceIntake.Delivery(request.method().name(), uri, request::getHeader,
                body == null ? new byte[0] : body, form);
        try {
            intake.verify(source, delivery);
        } catch (ProblemException e) {
            limiter.take(unverifiedBucket, unverified);
            throw e;
        }
        // only a verified delivery spends the source's budget: nobody without its secret can throttle the tool
        SourceSettings settings = source.settings();
        int rate = settings.ratePerSecond() == null ? security.defaultRatePerSecond() : settings.ratePerSecond();
        RateLimiter.Limit limit = new RateLimiter.Limit(rate, settings.burst() == null ? Math.max(rate, security.defaultBurst()) : settings.burst());
        RateLimiter.Decision decision = null;
        if (source.kind() != SourceKind.MARKETO) {
            decision = limiter.take("source:" + source.id(), limit);
            if (!decision.allowed()) {
                throw RateLimits.tooMany(limit, decision, hubspot);
            }
        }
        Response.ResponseBuilder answer = Response.ok(intake.process(source, delivery)).type(MediaType.APPLICATION_JSON);
        if (decision != null) {
            answer.header(RateLimits.POLICY, RateLimits.policy(limit)).header(RateLimits.STATE, RateLimits.state(decision));
        }
        return answer.build();
    }

    /** The client's address as the HTTP layer resolved it (behind a trusted proxy: the forwarded one). */
    private static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
