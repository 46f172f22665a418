package io.leadhandoff.console;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signed-in console session. The token itself lives only in the browser's cookie; this row keeps its SHA-256. */
@Entity
@Table(name = "console_session")
public class ConsoleSession {

    @Id
    @Column(name = "token_hash", length = 64)
    String tokenHash;

    @Column(name = "api_key_id", nullable = false, length = 26)
    String apiKeyId;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;
}
