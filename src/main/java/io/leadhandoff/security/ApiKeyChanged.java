package io.leadhandoff.security;

/**
 * A key was created or revoked; fired synchronously in the transaction of the change, so the audit
 * trail (which observes it, and depends on this package for the caller) records it in the same commit.
 * {@code before} and {@code after} are key views, never secrets; either may be null.
 */
public record ApiKeyChanged(String action, String keyId, Object before, Object after) {
}
