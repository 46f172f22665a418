package io.leadhandoff.console;

import io.leadhandoff.security.Caller;
import io.leadhandoff.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Console sessions in the database, so any replica serves any signed-in user. A session names the
 * API key it was opened with; the key's scopes and queues are read again on every page.
 */
@ApplicationScoped
public class ConsoleSessions {

    /** 43 characters of a 32-letter alphabet: 215 random bits. */
    private static final int TOKEN_LENGTH = 43;

    private final EntityManager em;
    private final Clock clock;
    private final ConsoleConfig config;

    public ConsoleSessions(EntityManager em, Clock clock, ConsoleConfig config) {
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    /** Opens a session for this caller's key and returns its token, the cookie's value. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String open(Caller caller) {
        Instant now = clock.instant();
        em.createQuery("delete from ConsoleSession where expiresAt < :now").setParameter("now", now).executeUpdate();
        String token = Secrets.random(TOKEN_LENGTH);
        ConsoleSession session = new ConsoleSession();
        session.tokenHash = Secrets.sha256Hex(token);
        session.apiKeyId = caller.id();
        session.createdAt = now;
        session.expiresAt = now.plus(config.sessionTtl());
        em.persist(session);
        return token;
    }

    /** The key id of the unexpired session behind this token. */
    public Optional<String> keyOf(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            return Optional.empty();
        }
        ConsoleSession session = em.find(ConsoleSession.class, Secrets.sha256Hex(token));
        if (session == null || !clock.instant().isBefore(session.expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(session.apiKeyId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void close(String token) {
        if (token != null && token.length() == TOKEN_LENGTH) {
            em.createQuery("delete from ConsoleSession where tokenHash = :hash")
                    .setParameter("hash", Secrets.sha256Hex(token)).executeUpdate();
        }
    }
}
