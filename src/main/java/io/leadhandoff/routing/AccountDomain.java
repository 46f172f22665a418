package io.leadhandoff.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One domain of an account; a domain belongs to one account at most (its primary key). */
@Entity
@Table(name = "account_domain")
public class AccountDomain {

    @Id
    @Column(length = 253)
    String domain;
    @Column(name = "account_id", nullable = false, length = 64)
    String accountId;
    /** The domain's place in the account's list, as the client gave it. */
    @Column(nullable = false)
    int position;

    AccountDomain() {
    }

    AccountDomain(String domain, String accountId, int position) {
        this.domain = domain;
        this.accountId = accountId;
        this.position = position;
    }
}
