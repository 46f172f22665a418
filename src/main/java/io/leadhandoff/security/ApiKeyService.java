package io.leadhandoff.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.leadhandoff.common.Caches;
import io.leadhandoff.common.Cursor;
import io.leadhandoff.common.Ids;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.write.Reads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * API keys: {@code lh_<prefix>_<secret>}. The prefix finds the row, the SHA-256 of the whole key is
 * compared in constant time. A replica trusts a key it has checked for {@code key-cache-ttl} (1 s by
 * default) before reading its row again: one primary-key read per key per second instead of one per
 * request. Revoking drops the key from the revoking replica's cache at once (and again after commit);
 * other replicas stop accepting it within the TTL.
 */
@ApplicationScoped
public class ApiKeyService {

    private static final Pattern KEY = Pattern.compile("lh_([a-z2-9]{10})_([a-z2-9]{32})");
    static final String BOOTSTRAP_ID = "bootstrap-admin";

    private final EntityManager em;
    private final Clock clock;
    private final SecurityConfig config;
    private final Callers callers;
    private final Event<ApiKeyChanged> changes;
    private final BootstrapKey bootstrap;
    private final long cacheMillis;
    private final jakarta.transaction.TransactionSynchronizationRegistry transactions;
    /**
     * Checked keys by the SHA-256 of the token; negative answers are never kept. Bounded in size (the least used go
     * first, never all at once) and in time (an entry outlives its validity by nothing).
     */
    private final Cache<String, Checked> checked;
    static final int CACHE_LIMIT = 10_000;

    private record Checked(Caller caller, long validUntil) {
    }
    private final Reads reads;


    public ApiKeyService(EntityManager em, Clock clock, SecurityConfig config, Callers callers, Event<ApiKeyChanged> changes,
                         jakarta.transaction.TransactionSynchronizationRegistry transactions, BootstrapKey bootstrap, Reads reads) {
        this.reads = reads;
        this.em = em;
        this.transactions = transactions;
        this.cacheMillis = config.keyCacheTtl().toMillis();
        this.checked = Caffeine.newBuilder().maximumSize(CACHE_LIMIT).expireAfterWrite(config.keyCacheTtl())
                .ticker(Caches.ticker(clock)).executor(Runnable::run).build();
        this.clock = clock;
        this.config = config;
        this.callers = callers;
        this.changes = changes;
        this.bootstrap = bootstrap;
    }

    /** The caller behind a bearer token, or empty when the token is not a valid, unrevoked key. */
    public java.util.Optional<Caller> authenticate(String token) {
        String hash = Secrets.sha256Hex(token);
        if (bootstrap.matches(hash)) {
            return !bootstrap.usable() ? java.util.Optional.empty() : java.util.Optional.of(new Caller(BOOTSTRAP_ID, "bootstrap admin key", EnumSet.of(Scope.ADMIN), null, defaultLimit()));
        }
        Matcher m = KEY.matcher(token);
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        long now = clock.millis();
        Checked hit = checked.getIfPresent(hash);
        // the second test guards against the clock stepping back (NTP; the tests' clock)
        if (hit != null && now < hit.validUntil() && hit.validUntil() - now <= cacheMillis) {
            return java.util.Optional.of(hit.caller());
        }
        java.util.Optional<Caller> caller = reads.call(() -> load(m.group(1), hash));
        if (caller.isPresent() && cacheMillis > 0) {
            checked.put(hash, new Checked(caller.get(), now + cacheMillis));
        } else {
            checked.invalidate(hash);
        }
        return caller;
    }

    /**
     * The caller behind a key id, read now: empty when the key is unknown or revoked. For a session
     * that outlives the request the key came with (the console), so a revocation ends the session too.
     */
    public java.util.Optional<Caller> callerOf(String keyId) {
        return reads.call(() -> {
            if (BOOTSTRAP_ID.equals(keyId)) {
                return !bootstrap.usable() ? java.util.Optional.<Caller>empty()
                        : java.util.Optional.of(new Caller(BOOTSTRAP_ID, "bootstrap admin key", EnumSet.of(Scope.ADMIN), null, defaultLimit()));
            }
            ApiKey key = keyId == null || keyId.length() > 26 ? null : em.find(ApiKey.class, keyId);
            return key == null || key.revokedAt != null ? java.util.Optional.<Caller>empty() : java.util.Optional.of(caller(key));
        });
    }

    private java.util.Optional<Caller> load(String prefix, String hash) {
        List<ApiKey> rows = em.createQuery("from ApiKey where prefix = :prefix", ApiKey.class)
                .setParameter("prefix", prefix).getResultList();
        if (rows.isEmpty() || rows.get(0).revokedAt != null || !Secrets.equal(rows.get(0).secretHash, hash)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(caller(rows.get(0)));
    }

    /**
     * Creates a key with at most the creator's power: its scopes among the creator's, its queues among
     * the creator's (an unlimited creator may limit), its rate and burst no higher than the creator's.
     * A queue limit goes only with the scopes a queue can limit ({@link Caller#QUEUE_LIMITABLE}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ApiKeyViews.CreatedKey create(ApiKeyViews.KeyRequest request, Caller creator) {
        RateLimiter.Limit limit = grantable(request, creator);
        ApiKey key = new ApiKey();
        key.id = Ids.next();
        key.prefix = Secrets.random(10);
        String secret = "lh_" + key.prefix + "_" + Secrets.random(32);
        key.secretHash = Secrets.sha256Hex(secret);
        key.name = request.name().trim();
        key.scopes = String.join(",", new LinkedHashSet<>(request.scopes()));
        key.queues = request.queues() == null ? null : String.join(",", new LinkedHashSet<>(request.queues()));
        key.ratePerSecond = request.ratePerSecond() == null && limit.perSecond() == config.defaultRatePerSecond() ? null : limit.perSecond();
        key.burst = request.burst() == null && request.ratePerSecond() == null && limit.equals(defaultLimit()) ? null : limit.burst();
        key.createdBy = callers.current().label();
        key.createdAt = Instant.now(clock);
        em.persist(key);
        ApiKeyViews.KeyView view = view(key);
        changes.fire(new ApiKeyChanged("api-key.created", key.id, null, view));
        return new ApiKeyViews.CreatedKey(secret, view);
    }

    /** The rate limit the new key gets, or a 422 naming every way the request exceeds its creator. */
    private RateLimiter.Limit grantable(ApiKeyViews.KeyRequest request, Caller creator) {
        List<FieldError> errors = new ArrayList<>();
        List<String> scopes = request.scopes();
        for (int i = 0; i < scopes.size(); i++) {
            Scope scope = Scope.fromWire(scopes.get(i)).orElseThrow();
            if (request.queues() != null && !Caller.QUEUE_LIMITABLE.contains(scope)) {
                errors.add(FieldError.atPointer("/scopes/" + i, "cannot go with queues: a queue-limited key may only hold "
                        + Caller.QUEUE_LIMITABLE.stream().map(Scope::wire).collect(Collectors.joining(", "))
                        + " (intake de-duplicates across every queue, and administration is not per queue)"));
            } else if (!creator.has(scope)) {
                errors.add(FieldError.atPointer("/scopes/" + i, "is not a scope of the key creating it"));
            }
        }
        errors.addAll(QueueIds.problems(request.queues(), em));
        if (creator.limitedToQueues()) {
            if (request.queues() == null) {
                errors.add(FieldError.atPointer("/queues", "is required: the key creating it is limited to queues " + creator.queues()));
            } else {
                for (int i = 0; i < request.queues().size(); i++) {
                    if (!creator.queues().contains(request.queues().get(i))) {
                        errors.add(FieldError.atPointer("/queues/" + i, "is not a queue of the key creating it"));
                    }
                }
            }
        }
        RateLimiter.Limit ceiling = creator.limit() == null ? defaultLimit() : creator.limit();
        int rate = request.ratePerSecond() != null ? request.ratePerSecond() : Math.min(config.defaultRatePerSecond(), ceiling.perSecond());
        if (rate > ceiling.perSecond()) {
            errors.add(FieldError.atPointer("/ratePerSecond", "must not exceed the creating key's " + ceiling.perSecond() + " per second"));
        }
        int burst;
        if (request.burst() != null) {
            burst = request.burst();
            if (burst > ceiling.burst()) {
                errors.add(FieldError.atPointer("/burst", "must not exceed the creating key's burst of " + ceiling.burst()));
            }
        } else {
            burst = Math.min(ceiling.burst(), request.ratePerSecond() == null ? config.defaultBurst() : derivedBurst(rate));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new RateLimiter.Limit(rate, burst);
    }

    /** The burst of a key that sets its rate but not its burst: two seconds' worth, at least 1. */
    static int derivedBurst(int ratePerSecond) {
        return (int) Math.max(1, Math.min(100_000L, 2L * ratePerSecond));
    }

    public Page<ApiKeyViews.KeyView> list(String cursor, int limit) {
        String after = Cursor.decode(cursor);
        var query = em.createQuery(after == null ? "from ApiKey order by id" : "from ApiKey where id > :after order by id", ApiKey.class)
                .setMaxResults(limit + 1);
        if (after != null) {
            query.setParameter("after", after);
        }
        return Page.of(query.getResultList(), limit, k -> k.id, this::view);
    }

    public ApiKeyViews.KeyView get(String id) {
        return view(find(id));
    }

    /** Revokes a key; revoking a revoked key changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revoke(String id) {
        ApiKey key = find(id);
        if (key.revokedAt == null) {
            ApiKeyViews.KeyView before = view(key);
            key.revokedAt = Instant.now(clock);
            changes.fire(new ApiKeyChanged("api-key.revoked", key.id, before, view(key)));
        }
        forget(id);
        // again once committed: a request on this replica may have re-read the row before the commit
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                forget(id);
            }
        });
    }

    private void forget(String keyId) {
        checked.asMap().values().removeIf(c -> c.caller().id().equals(keyId));
    }

    private ApiKey find(String id) {
        ApiKey key = id == null || id.length() > 26 ? null : em.find(ApiKey.class, id);
        if (key == null) {
            throw ProblemException.notFound("API key", id);
        }
        return key;
    }

    private Caller caller(ApiKey key) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream(key.scopes.split(",")).map(Scope::fromWire).flatMap(java.util.Optional::stream).forEach(scopes::add);
        Set<String> queues = key.queues == null ? null : Set.copyOf(Arrays.asList(key.queues.split(",")));
        RateLimiter.Limit limit = new RateLimiter.Limit(
                key.ratePerSecond == null ? config.defaultRatePerSecond() : key.ratePerSecond,
                key.burst != null ? key.burst : key.ratePerSecond == null ? config.defaultBurst() : derivedBurst(key.ratePerSecond));
        return new Caller(key.id, "key " + prefixOf(key) + " (" + key.name + ")", scopes, queues, limit);
    }

    RateLimiter.Limit defaultLimit() {
        return new RateLimiter.Limit(config.defaultRatePerSecond(), config.defaultBurst());
    }

    private static String prefixOf(ApiKey key) {
        return "lh_" + key.prefix;
    }

    private ApiKeyViews.KeyView view(ApiKey key) {
        Caller c = caller(key);
        return new ApiKeyViews.KeyView(key.id, prefixOf(key), key.name, Arrays.asList(key.scopes.split(",")),
                key.queues == null ? null : Arrays.asList(key.queues.split(",")),
                c.limit().perSecond(), c.limit().burst(), key.createdBy, key.createdAt, key.revokedAt);
    }

    static ProblemException unauthorized(String detail, boolean invalidToken) {
        return new ProblemException(ProblemType.UNAUTHORIZED, detail)
                .withHeader("WWW-Authenticate", invalidToken ? "Bearer realm=\"lead-handoff\", error=\"invalid_token\"" : "Bearer realm=\"lead-handoff\"");
    }

    static String scopeList(Set<Scope> scopes) {
        return scopes.stream().map(Scope::wire).collect(Collectors.joining(" or "));
    }
}
