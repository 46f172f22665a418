package io.leadhandoff.security;

import io.leadhandoff.write.Reads;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The bootstrap admin key ({@code lead-handoff.security.bootstrap-admin-key}): accepted without being stored, so a
 * fresh install can create its real keys, and refused while an active admin key exists — a leaked bootstrap key
 * is worth nothing once the install is set up. {@code keep-bootstrap-key} keeps it, with a warning at every start.
 */
@ApplicationScoped
public class BootstrapKey {

    private static final Logger LOG = Logger.getLogger(BootstrapKey.class);

    private final EntityManager em;
    private final String hash;
    private final boolean keep;
    private final AtomicBoolean toldRetired = new AtomicBoolean();

    private final Reads reads;

    public BootstrapKey(SecurityConfig config, EntityManager em, Reads reads) {
        this.reads = reads;
        this.em = em;
        String key = config.bootstrapAdminKey().map(String::trim).orElse("");
        if (!key.isEmpty() && key.length() < 24) {
            throw new IllegalStateException("lead-handoff.security.bootstrap-admin-key must be at least 24 characters");
        }
        this.hash = key.isEmpty() ? null : Secrets.sha256Hex(key);
        this.keep = config.keepBootstrapKey();
    }

    void onStart(@Observes StartupEvent event) {
        if (hash != null && keep) {
            LOG.warn("The bootstrap admin key is configured and kept (lead-handoff.security.keep-bootstrap-key=true): it works "
                    + "whatever admin keys exist; unset LEAD_HANDOFF_SECURITY_BOOTSTRAP_ADMIN_KEY once real keys exist");
        }
    }

    /** Whether {@code tokenHash} (a SHA-256) is the bootstrap key's. */
    boolean matches(String tokenHash) {
        return hash != null && Secrets.equal(hash, tokenHash);
    }

    /** Whether the bootstrap key is configured and may be used now. */
    boolean usable() {
        if (hash == null) {
            return false;
        }
        if (keep || !activeAdminKeyExists()) {
            return true;
        }
        if (toldRetired.compareAndSet(false, true)) {
            LOG.warn("The bootstrap admin key was refused: an admin key exists. Unset LEAD_HANDOFF_SECURITY_BOOTSTRAP_ADMIN_KEY");
        }
        return false;
    }

    private boolean activeAdminKeyExists() {
        // scopes are comma-separated wire names; "admin" is no part of another scope's name
        return reads.call(() -> em.createQuery(
                        "select count(k) from ApiKey k where k.revokedAt is null and concat(',', k.scopes, ',') like :admin", Long.class)
                .setParameter("admin", "%," + Scope.ADMIN.wire() + ",%").getSingleResult() > 0);
    }
}
