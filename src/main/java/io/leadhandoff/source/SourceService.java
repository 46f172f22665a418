package io.leadhandoff.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.audit.AuditService;
import io.leadhandoff.common.Cursor;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Configuration of sources; every change is audited (with secret hints, never secrets). */
@ApplicationScoped
public class SourceService {

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final AuditService audit;

    public SourceService(EntityManager em, ObjectMapper mapper, Clock clock, AuditService audit) {
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.audit = audit;
    }

    /** A source with its settings, for the webhook endpoint. */
    public record Configured(String id, SourceKind kind, SourceSettings settings) {
    }

    public Optional<Configured> configured(String id) {
        Source s = id == null || id.length() > 64 ? null : em.find(Source.class, id);
        return s == null ? Optional.empty() : Optional.of(new Configured(s.id, SourceKind.fromWire(s.kind), settings(s)));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public SourceViews.SourceView create(SourceViews.SourceRequest request) {
        if (request.id() == null) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/id", "is required")));
        }
        if (em.find(Source.class, request.id()) != null) {
            throw new ProblemException(ProblemType.CONFLICT, "Source '" + request.id() + "' already exists");
        }
        Source s = new Source();
        s.id = request.id();
        s.createdAt = Instant.now(clock);
        apply(s, request);
        em.persist(s);
        SourceViews.SourceView view = view(s);
        audit.record("source.created", "source:" + s.id, null, view);
        return view;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public SourceViews.SourceView update(String id, SourceViews.SourceRequest request) {
        Source s = find(id);
        if (request.id() != null && !request.id().equals(id)) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/id", "cannot change; it is " + id)));
        }
        SourceViews.SourceView before = view(s);
        apply(s, request);
        SourceViews.SourceView after = view(s);
        audit.record("source.updated", "source:" + id, before, after);
        return after;
    }

    public SourceViews.SourceView get(String id) {
        return view(find(id));
    }

    public Page<SourceViews.SourceView> list(String cursor, int limit) {
        String after = Cursor.decode(cursor);
        List<Source> rows = em.createQuery("from Source s where (:after is null or s.id > :after) order by s.id", Source.class)
                .setParameter("after", after).setMaxResults(limit + 1).getResultList();
        return Page.of(rows, limit, s -> s.id, this::view);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(String id) {
        Source s = find(id);
        audit.record("source.deleted", "source:" + id, view(s), null);
        em.remove(s);
    }

    private void apply(Source s, SourceViews.SourceRequest r) {
        if (r.acceptV2Signatures() != null && r.kind() != SourceKind.HUBSPOT) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/acceptV2Signatures", "is only used by hubspot sources")));
        }
        if (r.auth() != null && r.kind() != SourceKind.GENERIC) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/auth", "is only used by generic sources")));
        }
        if (r.kind() == SourceKind.GENERIC && (r.mapping() == null || !r.mapping().containsKey("email"))) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/mapping/email", "a generic source needs a JSON pointer for email")));
        }
        boolean pointers = r.kind() == SourceKind.GENERIC || r.kind() == SourceKind.MARKETO || r.kind() == SourceKind.STANDARD_WEBHOOKS;
        if (pointers && r.mapping() != null) {
            r.mapping().forEach((field, pointer) -> {
                if (!pointer.startsWith("/")) {
                    throw ProblemException.validation(List.of(FieldError.atPointer("/mapping/" + field, "must be a JSON pointer, e.g. /contact/email")));
                }
            });
        }
        if (r.kind() == SourceKind.STANDARD_WEBHOOKS || "standard-webhooks".equals(r.auth())) {
            for (int i = 0; i < r.secrets().size(); i++) {
                String secret = r.secrets().get(i);
                byte[] key = Signatures.base64(secret.startsWith("whsec_") ? secret.substring(6) : secret);
                if (key == null || key.length < 16) {
                    throw ProblemException.validation(List.of(FieldError.atPointer("/secrets/" + i,
                            "must be whsec_ followed by the base64 of at least 16 random bytes")));
                }
            }
        }
        SourceSettings settings = new SourceSettings(List.copyOf(r.secrets()), r.secretHeader(), r.secretField(), r.auth(),
                r.mapping(), r.eventIdPointer(), r.leadSource(), r.ratePerSecond(), r.burst(), r.acceptV2Signatures());
        s.kind = r.kind().wire();
        s.name = r.name().trim();
        try {
            s.config = mapper.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise source settings", e);
        }
        s.updatedAt = Instant.now(clock);
    }

    private Source find(String id) {
        Source s = id == null || id.length() > 64 ? null : em.find(Source.class, id);
        if (s == null) {
            throw ProblemException.notFound("Source", id);
        }
        return s;
    }

    private SourceSettings settings(Source s) {
        try {
            return mapper.readValue(s.config, SourceSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored source settings are not JSON", e);
        }
    }

    private SourceViews.SourceView view(Source s) {
        SourceSettings settings = settings(s);
        SourceKind kind = SourceKind.fromWire(s.kind);
        boolean usesHeader = kind == SourceKind.MARKETO || kind == SourceKind.PARDOT
                || kind == SourceKind.GENERIC && !settings.standardWebhooksAuth(kind);
        return new SourceViews.SourceView(s.id, kind, s.name, "/api/v1/sources/" + s.id + "/events",
                settings.secrets().stream().map(x -> "…" + x.substring(Math.max(0, x.length() - 4))).toList(),
                usesHeader ? settings.secretHeaderOrDefault() : null,
                kind == SourceKind.PARDOT ? settings.secretFieldOrDefault() : null,
                kind == SourceKind.GENERIC ? (settings.auth() == null ? "shared-secret" : settings.auth()) : null,
                settings.mapping(), settings.eventIdPointer(), settings.leadSource() == null ? s.id : settings.leadSource(),
                settings.ratePerSecond(), settings.burst(),
                kind == SourceKind.HUBSPOT ? settings.acceptsV2Signatures() : null, s.createdAt, s.updatedAt);
    }
}
