package io.leadhandoff.write;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.Supplier;

/**
 * Reads that need a transaction (a consistent view of several queries, a read on a pooled thread without a
 * request's session): inside a write they join its transaction; alone they run in one of their own through the
 * {@link TransactionRunner}, under the request's deadline, with a lost connection retried and a database outage
 * answered 503 — the same rules as a write. Nothing read here is committed.
 */
@ApplicationScoped
public class Reads {

    private final TransactionRunner transactions;
    private final TransactionSynchronizationRegistry registry;

    public Reads(TransactionRunner transactions, TransactionSynchronizationRegistry registry) {
        this.transactions = transactions;
        this.registry = registry;
    }

    public <T> T call(Supplier<T> read) {
        if (registry.getTransactionStatus() == Status.STATUS_ACTIVE) {
            return read.get();
        }
        return transactions.call(read);
    }
}
