package io.leadhandoff.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.write.WritePath;
import io.leadhandoff.lead.ErasureService;
import io.leadhandoff.lead.LeadRequest;
import io.leadhandoff.lead.LeadService;
import io.leadhandoff.lead.Normalizer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A tool's delivery: signature checked on the raw bytes before anything is parsed, payload mapped
 * to leads, each event processed once (its id is recorded in the same transaction as the lead), then
 * the normal intake: de-duplication, scoring, routing.
 */
@ApplicationScoped
public class SourceIntake {

    static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);
    static final Duration REPLAY_MEMORY = Duration.ofDays(30);

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final JsonBinder binder;
    private final WritePath writes;
    private final LeadService leads;
    private final ErasureService erasure;
    private final Clock clock;

    public SourceIntake(EntityManager em, ObjectMapper mapper, JsonBinder binder, LeadService leads, ErasureService erasure, Clock clock,
                        WritePath writes) {
        this.writes = writes;
        this.em = em;
        this.mapper = mapper;
        this.binder = binder;
        this.leads = leads;
        this.erasure = erasure;
        this.clock = clock;
    }

    /** The parts of the HTTP request a signature covers. {@code header} looks a header up case-insensitively. */
    public record Delivery(String method, String uri, Function<String, String> header, byte[] body, boolean form) {
    }

    /** Checks the tool's signature or shared secret; a 401 problem when it does not hold. */
    public void verify(SourceService.Configured source, Delivery d) {
        SourceSettings s = source.settings();
        List<String> secrets = s.secrets();
        switch (source.kind()) {
            case HUBSPOT -> verifyHubSpot(source, d);
            case MAUTIC -> require(source, d.header().apply("Webhook-Signature") != null, "Webhook-Signature header is missing");
            default -> { }
        }
        boolean ok = switch (source.kind()) {
            case HUBSPOT -> true;
            case MAUTIC -> Signatures.anySecret(secrets, secret -> Signatures.mautic(secret, d.body(), d.header().apply("Webhook-Signature")));
            case PARDOT -> {
                String given = d.header().apply(s.secretHeaderOrDefault());
                if (given == null && d.form()) {
                    given = PayloadMapper.parseForm(d.body()).get(s.secretFieldOrDefault());
                }
                String sent = given;
                require(source, sent != null, "the shared secret is missing: send it in " + s.secretHeaderOrDefault()
                        + " or the form field " + s.secretFieldOrDefault());
                yield Signatures.anySecret(secrets, secret -> Signatures.sharedSecret(secret, sent));
            }
            default -> s.standardWebhooksAuth(source.kind()) ? standardWebhooks(source, d) : sharedSecretHeader(source, d);
        };
        require(source, ok, "the signature does not match any of this source's secrets");
    }

    private void verifyHubSpot(SourceService.Configured source, Delivery d) {
        List<String> secrets = source.settings().secrets();
        String v3 = d.header().apply("X-HubSpot-Signature-v3");
        if (v3 != null) {
            String timestamp = d.header().apply("X-HubSpot-Request-Timestamp");
            require(source, timestamp != null, "X-HubSpot-Request-Timestamp header is missing");
            requireFresh(source, timestamp, true);
            require(source, Signatures.anySecret(secrets, secret -> Signatures.hubspotV3(secret, d.method(), d.uri(), d.body(), timestamp, v3)),
                    "X-HubSpot-Signature-v3 does not match any of this source's secrets");
            return;
        }
        String v2 = d.header().apply("X-HubSpot-Signature");
        String version = d.header().apply("X-HubSpot-Signature-Version");
        // v2 signs no timestamp: a captured request would stay valid forever, so it is accepted only where the source allows it
        require(source, source.settings().acceptsV2Signatures(), v2 == null ? "X-HubSpot-Signature-v3 header is missing"
                : "X-HubSpot-Signature-v3 header is missing (this source does not accept v2-only signatures)");
        require(source, v2 != null, "X-HubSpot-Signature-v3 (or v2 X-HubSpot-Signature) header is missing");
        require(source, version == null || version.equalsIgnoreCase("v2"), "only v3 and v2 HubSpot signatures are accepted");
        require(source, Signatures.anySecret(secrets, secret -> Signatures.hubspotV2(secret, d.method(), d.uri(), d.body(), v2)),
                "X-HubSpot-Signature does not match any of this source's secrets");
    }

    private boolean standardWebhooks(SourceService.Configured source, Delivery d) {
        String id = d.header().apply("webhook-id");
        String timestamp = d.header().apply("webhook-timestamp");
        String signature = d.header().apply("webhook-signature");
        require(source, id != null && timestamp != null && signature != null,
                "webhook-id, webhook-timestamp and webhook-signature headers are required");
        requireFresh(source, timestamp, false);
        return Signatures.anySecret(source.settings().secrets(), secret -> Signatures.standardWebhooks(secret, id, timestamp, d.body(), signature));
    }

    private boolean sharedSecretHeader(SourceService.Configured source, Delivery d) {
        String header = source.settings().secretHeaderOrDefault();
        String given = d.header().apply(header);
        require(source, given != null, header + " header is missing");
        return Signatures.anySecret(source.settings().secrets(), secret -> Signatures.sharedSecret(secret, given));
    }

    private void requireFresh(SourceService.Configured source, String timestamp, boolean millis) {
        long sent;
        try {
            sent = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw unauthorized(source, "the request timestamp is not a number");
        }
        Instant at = millis ? Instant.ofEpochMilli(sent) : Instant.ofEpochSecond(Math.max(-31_000_000_000L, Math.min(31_000_000_000L, sent)));
        Duration age = Duration.between(at, Instant.now(clock)).abs();
        require(source, age.compareTo(TIMESTAMP_TOLERANCE.plusSeconds(1)) <= 0,
                "the request timestamp is more than 5 minutes away from now (stale or replayed)");
    }

    private static void require(SourceService.Configured source, boolean ok, String detail) {
        if (!ok) {
            throw unauthorized(source, detail);
        }
    }

    private static ProblemException unauthorized(SourceService.Configured source, String detail) {
        return new ProblemException(ProblemType.UNAUTHORIZED, "Source '" + source.id() + "': " + detail)
                .withHeader("WWW-Authenticate", "Signature realm=\"source:" + source.id() + "\"");
    }

    /** Maps and processes every event of a verified delivery. */
    public SourceViews.Delivery process(SourceService.Configured source, Delivery d) {
        List<PayloadMapper.Inbound> events = map(source, d);
        List<SourceViews.EventResult> results = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        String leadSource = source.settings().leadSource() == null ? source.id() : source.settings().leadSource();
        for (PayloadMapper.Inbound event : events) {
            if (event.failed()) {
                errors.addAll(event.errors());
                results.add(new SourceViews.EventResult(event.eventId(), "rejected", null, null));
                continue;
            }
            LeadRequest request = null;
            if (event.action() == PayloadMapper.Action.UPSERT) {
                ObjectNode lead = event.lead();
                lead.put("source", leadSource);
                JsonBinder.Bound<LeadRequest> bound = binder.tryBind(lead, LeadRequest.class, "");
                if (!bound.ok()) {
                    bound.errors().forEach(e -> errors.add(FieldError.atPointer(event.origin().getOrDefault(e.pointer(), e.pointer()), e.message())));
                    results.add(new SourceViews.EventResult(event.eventId(), "rejected", null, null));
                    continue;
                }
                request = bound.value();
            }
            LeadRequest valid = request;
            results.add(writes.transaction(() -> once(source.id(), leadSource, event, valid)));
        }
        if (!errors.isEmpty()) {
            String detail = events.size() == 1 ? "The " + source.kind().wire() + " payload could not be mapped to a lead"
                    : errors.size() + " problem(s) in " + events.size() + " events; the other events were processed and will be "
                    + "acknowledged as duplicates when the tool retries";
            throw new ProblemException(ProblemType.VALIDATION, detail, errors, null);
        }
        return new SourceViews.Delivery(results);
    }

    private List<PayloadMapper.Inbound> map(SourceService.Configured source, Delivery d) {
        SourceSettings s = source.settings();
        if (source.kind() == SourceKind.PARDOT) {
            if (!d.form()) {
                throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Pardot form forwarding is application/x-www-form-urlencoded");
            }
            Map<String, String> form;
            try {
                form = PayloadMapper.parseForm(d.body());
            } catch (IllegalArgumentException e) {
                throw new ProblemException(ProblemType.BAD_REQUEST, "The body " + e.getMessage());
            }
            form.remove(s.secretFieldOrDefault());
            return PayloadMapper.pardot(form, d.body(), s);
        }
        if (d.body().length == 0) {
            throw ProblemException.validation(List.of(FieldError.atPointer("", "a JSON body is required")));
        }
        JsonNode body;
        try {
            body = mapper.readTree(d.body());
        } catch (java.io.IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body is not well-formed UTF-8 JSON");
        }
        return switch (source.kind()) {
            case HUBSPOT -> HubSpotPayloads.map(body, d.body(), s);
            case MAUTIC -> MauticPayloads.map(body, d.body(), s);
            default -> PayloadMapper.json(body, d.body(), s,
                    s.standardWebhooksAuth(source.kind()) ? "webhook:" + d.header().apply("webhook-id") : null);
        };
    }

    /** Processes one event unless this source already delivered it; the event id and the lead commit together. */
    private SourceViews.EventResult once(String sourceId, String leadSource, PayloadMapper.Inbound event, LeadRequest request) {
        String hashed = PayloadMapper.bodyHash(event.eventId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String eventId = event.eventId().length() > 200 ? hashed : event.eventId();
        // only the hash is stored: tools' event ids embed contact ids and emails, which must not outlive an erasure
        SourceEvent.Key key = new SourceEvent.Key(sourceId, hashed);
        SourceEvent seen = em.find(SourceEvent.class, key);
        if (seen != null) {
            return new SourceViews.EventResult(eventId, "duplicate", seen.leadId, "already processed as " + seen.outcome);
        }
        SourceEvent row = new SourceEvent();
        row.id = key;
        row.receivedAt = Instant.now(clock);
        row.outcome = "processing";
        em.persist(row);
        em.flush();
        String note = event.note();
        switch (event.action()) {
            case UPSERT -> {
                LeadService.Ingested ingested = leads.ingest(List.of(Normalizer.normalize(request))).get(0);
                row.outcome = ingested.outcome().name().toLowerCase();
                row.leadId = ingested.lead().id();
            }
            case ERASE -> {
                List<String> erased = erasure.eraseByExternalId(leadSource, event.externalId(), "source:" + sourceId);
                row.outcome = erased.isEmpty() ? "not-found" : "erased";
                row.leadId = erased.isEmpty() ? null : erased.get(0);
                note = erased.isEmpty() ? "no lead from this source has contact id " + event.externalId() : null;
            }
            case IGNORE -> row.outcome = "ignored";
        }
        return new SourceViews.EventResult(eventId, row.outcome, row.leadId, note);
    }

    /** Replay keys are kept 30 days: far beyond every tool's retry schedule and the 5-minute signature window. */
    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetOldEvents() {
        writes.job(Duration.ofMinutes(5), () -> em.createQuery("delete from SourceEvent e where e.receivedAt < :before")
                .setParameter("before", Instant.now(clock).minus(REPLAY_MEMORY)).executeUpdate());
    }
}
