package io.leadhandoff.security;

import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Authentication, scope check and rate limit of every {@code /api/v1} operation. The scopes an
 * operation needs are the ones its OpenAPI {@link SecurityRequirement} declares, so the document
 * and the enforcement cannot drift apart. An operation without a declaration needs {@code admin}.
 */
public class ApiKeyFilter {

    /** Security scheme of endpoints that verify the calling tool's own signature instead of a key. */
    public static final String SOURCE_SIGNATURE = "sourceSignature";
    static final String APPLIED = "lead-handoff.rate-limit";

    private record Requirement(boolean open, Set<Scope> anyOf) {
    }

    private final ApiKeyService keys;
    private final CurrentCaller current;
    private final RateLimiter limiter;
    private final Map<Method, Requirement> requirements = new ConcurrentHashMap<>();

    public ApiKeyFilter(ApiKeyService keys, CurrentCaller current, RateLimiter limiter) {
        this.keys = keys;
        this.current = current;
        this.limiter = limiter;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void authenticate(ContainerRequestContext request, ResourceInfo info) {
        Method method = info.getResourceMethod();
        if (method == null) {
            return;
        }
        Requirement requirement = requirements.computeIfAbsent(method, m -> requirementOf(m, info.getResourceClass()));
        if (requirement.open()) {
            return;
        }
        String header = request.getHeaderString("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiKeyService.unauthorized("Send an API key as `Authorization: Bearer <key>`", false);
        }
        if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiKeyService.unauthorized("Only the Bearer scheme is accepted: `Authorization: Bearer <key>`", false);
        }
        String token = header.substring(7).trim();
        if (token.isEmpty() || token.length() > 256) {
            throw ApiKeyService.unauthorized("The API key is not valid or has been revoked", true);
        }
        Caller caller = keys.authenticate(token)
                .orElseThrow(() -> ApiKeyService.unauthorized("The API key is not valid or has been revoked", true));
        current.set(caller);
        RateLimiter.Decision decision = limiter.take("key:" + caller.id(), caller.limit());
        request.setProperty(APPLIED, new RateLimits.Applied(caller.limit(), decision));
        if (!decision.allowed()) {
            throw RateLimits.tooMany(caller.limit(), decision, false);
        }
        if (requirement.anyOf().stream().noneMatch(caller::has)) {
            if (requirement.anyOf().stream().anyMatch(caller::holdsButLimited)) {
                throw new ProblemException(ProblemType.FORBIDDEN, "This API key is limited to queues, and a queue-limited key may only use "
                        + "work, feedback:write, leads:read, reports:read and events:read; this operation needs "
                        + ApiKeyService.scopeList(requirement.anyOf()) + " on every queue. Create a key without queues for it");
            }
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "This API key lacks the scope this operation needs: " + ApiKeyService.scopeList(requirement.anyOf()));
        }
    }

    @ServerResponseFilter
    public void rateLimitHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(APPLIED) instanceof RateLimits.Applied applied) {
            applied.addTo(response.getHeaders());
        }
    }

    private static Requirement requirementOf(Method method, Class<?> type) {
        SecurityRequirement[] declared = declared(method.getAnnotation(SecurityRequirement.class),
                method.getAnnotation(SecurityRequirementsSet.class));
        if (declared == null) {
            declared = declared(type.getAnnotation(SecurityRequirement.class), type.getAnnotation(SecurityRequirementsSet.class));
        }
        if (declared == null) {
            Path path = type.getAnnotation(Path.class);
            boolean api = path != null && path.value().startsWith("/api/");
            return new Requirement(!api, EnumSet.of(Scope.ADMIN));
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (SecurityRequirement r : declared) {
            if (SOURCE_SIGNATURE.equals(r.name())) {
                return new Requirement(true, Set.of());
            }
            if (Scope.SCHEME.equals(r.name())) {
                Arrays.stream(r.scopes()).map(Scope::fromWire).flatMap(java.util.Optional::stream).forEach(scopes::add);
            }
        }
        return new Requirement(false, scopes.isEmpty() ? EnumSet.of(Scope.ADMIN) : scopes);
    }

    private static SecurityRequirement[] declared(SecurityRequirement one, SecurityRequirementsSet set) {
        if (one != null) {
            return new SecurityRequirement[] {one};
        }
        return set == null ? null : set.value();
    }
}
