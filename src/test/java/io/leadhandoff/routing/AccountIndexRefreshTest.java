package io.leadhandoff.routing;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadhandoff.write.WritePath;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How a replica's index follows account changes: this replica's own writes and another replica's both arrive as deltas
 * (no account read again but the changed ones); a gap in the change log falls back to reading every account.
 */
@QuarkusTest
class AccountIndexRefreshTest {

    @Inject
    AccountIndexHolder holder;
    @Inject
    EntityManager em;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    AccountsConfig config;
    @Inject
    WritePath writes;

    /** Another replica's index: same database, its own memory, told of no write but by the version it polls. */
    private AccountIndexHolder otherReplica() {
        AccountIndexHolder other = new AccountIndexHolder(em, transactions, config, writes);
        other.current();
        return other;
    }

    private static String word() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static AccountMatcher.Query byDomain(String domain) {
        return new AccountMatcher.Query(List.of(domain), null);
    }

    private static String matched(AccountIndexHolder replica, AccountMatcher.Query query) {
        return replica.match(query).view().id();
    }

    @Test
    void accountChangesReachThisReplicaAndAnotherAsDeltas() {
        holder.current();
        AccountIndexHolder other = otherReplica();
        long thisBuilds = holder.fullBuilds();
        String w = word();
        String id = given().contentType(ContentType.JSON).body(Map.of("name", w + " Labs", "domains", List.of(w + ".com")))
                .post("/api/v1/accounts").then().statusCode(201).extract().path("id");
        assertThat(matched(holder, byDomain("eu." + w + ".com"))).isEqualTo(id);
        other.poll();
        assertThat(matched(other, byDomain(w + ".com"))).isEqualTo(id);
        assertThat(matched(other, new AccountMatcher.Query(List.of(), w + " Labs Inc."))).isEqualTo(id);

        given().contentType(ContentType.JSON).body(Map.of("name", w + " Foods", "domains", List.of(w + ".org")))
                .put("/api/v1/accounts/" + id).then().statusCode(200);
        other.poll();
        assertThat(matched(holder, byDomain(w + ".org"))).isEqualTo(id);
        assertThat(matched(other, byDomain(w + ".org"))).isEqualTo(id);
        assertThat(matched(other, byDomain(w + ".com"))).isNull();
        assertThat(matched(other, new AccountMatcher.Query(List.of(), w + " Labs"))).isNull();

        given().delete("/api/v1/accounts/" + id).then().statusCode(204);
        other.poll();
        assertThat(matched(holder, byDomain(w + ".org"))).isNull();
        assertThat(matched(other, byDomain(w + ".org"))).isNull();
        assertThat(holder.fullBuilds()).as("this replica read no account but the changed one").isEqualTo(thisBuilds);
        assertThat(other.fullBuilds()).as("only the other replica's first build read every account").isEqualTo(1);
        assertThat(other.current().version()).isEqualTo(holder.current().version());
    }

    @Test
    void aGapInTheChangeLogRebuildsFromEveryAccount() {
        AccountIndexHolder other = otherReplica();
        String w = word();
        String id = given().contentType(ContentType.JSON).body(Map.of("name", w, "domains", List.of(w + ".net")))
                .post("/api/v1/accounts").then().statusCode(201).extract().path("id");
        // as if the change had been pruned from the log while this replica was away
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from account_change where account_id = :id")
                .setParameter("id", id).executeUpdate());
        other.poll();
        assertThat(matched(other, byDomain(w + ".net"))).isEqualTo(id);
        assertThat(other.fullBuilds()).isEqualTo(2);
        given().delete("/api/v1/accounts/" + id).then().statusCode(204);
    }
}
