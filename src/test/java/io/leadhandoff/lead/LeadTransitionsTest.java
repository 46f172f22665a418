package io.leadhandoff.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import io.leadhandoff.routing.RoutingDecision;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The lead's own transitions, without a database: what each allows, what it changes, what it reports. */
class LeadTransitionsTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    private static Lead queued() {
        Lead lead = new Lead();
        LeadFields.set(lead, "id", "01JDB7T3V9A1B2C3D4E5F6G7H8");
        LeadFields.set(lead, "email", "ada@example.com");
        LeadFields.set(lead, "status", LeadStatus.SCORED);
        lead.route(new RoutingDecision("queued", "inbound", null, "rule", "r1", 1, List.of()), "{}", T0.plusSeconds(1800), T0);
        return lead;
    }

    @Test
    void claimTakesTheLeaseAndStopsTheSlaClock() {
        Lead lead = queued();
        LeadChange.Claimed claimed = lead.claim("rep-a", "tok", T0.plusSeconds(900), T0.plusSeconds(60));
        assertThat(lead.status()).isEqualTo(LeadStatus.CLAIMED);
        assertThat(lead.leaseToken()).isEqualTo("tok");
        assertThat(lead.ownerRepId()).isEqualTo("rep-a");
        assertThat(lead.slaDueAt()).isNull();
        assertThat(claimed.waitedSeconds()).isEqualTo(60L);
        assertThat(claimed.detail()).containsEntry("queueId", "inbound").containsEntry("leaseExpiresAt", "2026-01-05T09:15:00Z");
        assertThat(lead.isLeasedWith("tok", T0.plusSeconds(899))).isTrue();
        assertThat(lead.isLeasedWith("tok", T0.plusSeconds(900))).isFalse();
        assertThat(lead.isLeasedWith("other", T0.plusSeconds(61))).isFalse();
    }

    @Test
    void aLeaseEndsOnAWholeSecondNeverBeforeTheTimeAskedFor() {
        Lead lead = queued();
        // what MariaDB stores through Connector/J is whole seconds: the holder is told the end that is stored
        LeadChange.Claimed claimed = lead.claim("rep-a", "tok", T0.plusMillis(900_250), T0);
        assertThat(lead.leaseExpiresAt()).isEqualTo(T0.plusSeconds(901));
        assertThat(claimed.detail()).containsEntry("leaseExpiresAt", "2026-01-05T09:15:01Z");
        assertThat(lead.isLeasedWith("tok", T0.plusMillis(900_999))).isTrue();
        LeadChange.LeaseExtended extended = lead.extendLease(T0.plusNanos(1_800_000_000_001L), T0.plusSeconds(600));
        assertThat(lead.leaseExpiresAt()).isEqualTo(T0.plusSeconds(1801));
        assertThat(extended.detail()).containsEntry("leaseExpiresAt", "2026-01-05T09:30:01Z");
        lead.extendLease(T0.plusSeconds(2400), T0.plusSeconds(700));
        assertThat(lead.leaseExpiresAt()).as("a whole second stays as asked").isEqualTo(T0.plusSeconds(2400));
    }

    @Test
    void onlyAQueuedLeadCanBeClaimed() {
        Lead lead = queued();
        lead.claim("rep-a", "tok", T0.plusSeconds(900), T0);
        assertThatThrownBy(() -> lead.claim("rep-b", "tok2", T0.plusSeconds(900), T0)).isInstanceOf(IllegalStateException.class);
        assertThat(lead.leaseToken()).isEqualTo("tok");
    }

    @Test
    void anExpiredLeaseSendsTheLeadBackToTheWholeQueueDueAgain() {
        Lead lead = queued();
        lead.claim("rep-a", "tok", T0.plusSeconds(900), T0);
        LeadChange.LeaseExpired expired = lead.expireLease(T0.plusSeconds(1000 + 1800), T0.plusSeconds(1000));
        assertThat(lead.status()).isEqualTo(LeadStatus.QUEUED);
        assertThat(lead.leaseToken()).isNull();
        assertThat(lead.ownerRepId()).isNull();
        assertThat(lead.slaDueAt()).isEqualTo(T0.plusSeconds(1000 + 30 * 60));
        assertThat(expired.repId()).isEqualTo("rep-a");
        assertThat(expired.leaseExpiredAt()).isEqualTo(T0.plusSeconds(900));
    }

    @Test
    void aVerdictEndsTheLeaseAndClosesTheOpenEmail() {
        Lead lead = queued();
        lead.claim("rep-a", "tok", T0.plusSeconds(900), T0);
        LeadChange.Judged judged = lead.judge(LeadStatus.CONVERTED, null, new BigDecimal("1200.00"), "rep-a", T0.plusSeconds(5));
        assertThat(lead.status()).isEqualTo(LeadStatus.CONVERTED);
        assertThat(lead.leaseToken()).isNull();
        assertThat((Object) LeadFields.read(lead, "acceptedAt")).isEqualTo(T0.plusSeconds(5));
        assertThat(LeadFields.<BigDecimal>read(lead, "dealAmount")).isEqualByComparingTo("1200");
        assertThat(judged.detail()).containsEntry("outcome", "CONVERTED").containsEntry("from", "claimed");
        lead.judge(LeadStatus.LOST, "NO_BUDGET", null, null, T0.plusSeconds(9));
        assertThat((Object) LeadFields.read(lead, "openEmail")).isNull();
        assertThat(LeadFields.<BigDecimal>read(lead, "dealAmount")).isEqualByComparingTo("1200");
        assertThatThrownBy(() -> lead.judge(LeadStatus.QUEUED, null, null, null, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBreachCountsAndEscalationToNobodyStopsTheClock() {
        Lead lead = queued();
        LeadChange.SlaBreached breached = lead.breachSla();
        assertThat(lead.slaBreaches()).isEqualTo(1);
        assertThat(breached.actor()).isEqualTo("queue");
        LeadChange.Escalated stayed = lead.escalate(null, null, null, T0.plusSeconds(2000));
        assertThat(lead.queueId()).isEqualTo("inbound");
        assertThat(lead.slaDueAt()).isNull();
        assertThat(stayed.detail()).containsKey("outcome").doesNotContainKey("toQueueId");
        assertThatThrownBy(lead::breachSla).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void escalationMovesTheLeadToTheNextQueueAndRep() {
        Lead lead = queued();
        lead.breachSla();
        LeadChange.Escalated moved = lead.escalate("overflow", "rep-b", null, T0.plusSeconds(2000));
        assertThat(lead.queueId()).isEqualTo("overflow");
        assertThat(lead.ownerRepId()).isEqualTo("rep-b");
        assertThat(lead.queuedAt()).isEqualTo(T0.plusSeconds(2000));
        assertThat(lead.slaDueAt()).isNull();
        assertThat(lead.slaBreaches()).isEqualTo(1);
        assertThat(moved.detail()).containsEntry("fromQueueId", "inbound").containsEntry("toRepId", "rep-b");
    }

    @Test
    void erasureClearsPersonalDataOnce() {
        Lead lead = queued();
        lead.claim("rep-a", "tok", T0.plusSeconds(900), T0);
        lead.erase("privacy", T0.plusSeconds(10));
        assertThat(lead.status()).isEqualTo(LeadStatus.ERASED);
        assertThat(lead.email()).isNull();
        assertThat(lead.leaseToken()).isNull();
        assertThat(lead.isErased()).isTrue();
        assertThatThrownBy(() -> lead.erase("privacy", T0.plusSeconds(20))).isInstanceOf(IllegalStateException.class);
    }

    /** The verdicts and the statuses each may follow, as the API documents them. */
    private static final Map<LeadStatus, Set<LeadStatus>> VERDICT_FOLLOWS = Map.of(
            LeadStatus.ACCEPTED, EnumSet.of(LeadStatus.QUEUED, LeadStatus.CLAIMED),
            LeadStatus.REJECTED, EnumSet.of(LeadStatus.QUEUED, LeadStatus.CLAIMED, LeadStatus.ACCEPTED),
            LeadStatus.RECYCLED, EnumSet.of(LeadStatus.QUEUED, LeadStatus.CLAIMED, LeadStatus.ACCEPTED),
            LeadStatus.CONVERTED, EnumSet.of(LeadStatus.CLAIMED, LeadStatus.ACCEPTED),
            LeadStatus.WON, EnumSet.of(LeadStatus.CONVERTED),
            LeadStatus.LOST, EnumSet.of(LeadStatus.CONVERTED));

    @Test
    void eachVerdictFollowsTheStatusesTheLifecycleAllows() {
        VERDICT_FOLLOWS.forEach((verdict, from) -> assertThat(Lead.verdictFollows(verdict)).as(verdict.wire()).isEqualTo(from));
        assertThatThrownBy(() -> Lead.verdictFollows(LeadStatus.CLAIMED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVerdictTheStatusDoesNotAllowIsRefusedAndChangesNothing() {
        Lead lead = queued();
        assertThatThrownBy(() -> lead.judge(LeadStatus.WON, null, new BigDecimal("10"), "rep-a", T0.plusSeconds(5)))
                .isInstanceOfSatisfying(Lead.VerdictRefused.class, refused -> {
                    assertThat(refused.from()).isEqualTo(LeadStatus.QUEUED);
                    assertThat(refused.verdict()).isEqualTo(LeadStatus.WON);
                });
        assertThat(lead.status()).isEqualTo(LeadStatus.QUEUED);
        assertThat((Object) LeadFields.read(lead, "firstFeedbackAt")).isNull();
        assertThat((Object) LeadFields.read(lead, "dealAmount")).isNull();
        assertThat(lead.slaDueAt()).isNotNull();
    }

    @Property
    void verdictsInAnyOrderMoveOnlyAlongTheLifecycle(@ForAll("verdicts") List<LeadStatus> verdicts, @ForAll boolean claimFirst) {
        Lead lead = queued();
        if (claimFirst) {
            lead.claim("rep-a", "tok", T0.plusSeconds(900), T0);
        }
        for (LeadStatus verdict : verdicts) {
            LeadStatus before = lead.status();
            Instant feedbackBefore = LeadFields.read(lead, "firstFeedbackAt");
            boolean allowed = VERDICT_FOLLOWS.get(verdict).contains(before);
            try {
                lead.judge(verdict, "REASON", null, "rep-a", T0.plusSeconds(10));
                assertThat(allowed).as("%s after %s was taken", verdict, before).isTrue();
                assertThat(lead.status()).isEqualTo(verdict);
                assertThat(lead.leaseToken()).isNull();
            } catch (Lead.VerdictRefused refused) {
                assertThat(allowed).as("%s after %s was refused", verdict, before).isFalse();
                assertThat(lead.status()).isEqualTo(before);
                assertThat((Object) LeadFields.read(lead, "firstFeedbackAt")).isEqualTo(feedbackBefore);
            }
        }
    }

    @Provide
    Arbitrary<List<LeadStatus>> verdicts() {
        return Arbitraries.of(VERDICT_FOLLOWS.keySet()).list().ofMaxSize(6);
    }

    @Test
    void eraseGoesThroughTheLifecycleFromAnyStatusButOnlyOnce() {
        Lead lead = queued();
        lead.claim("rep-a", "tok", T0.plusSeconds(900), T0);
        lead.erase("privacy", T0.plusSeconds(3));
        assertThat(lead.status()).isEqualTo(LeadStatus.ERASED);
        assertThat(lead.leaseToken()).isNull();
        assertThat((Object) LeadFields.read(lead, "openEmail")).isNull();
        assertThatThrownBy(() -> lead.erase("privacy", T0.plusSeconds(4))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> lead.claim("rep-b", "tok2", T0.plusSeconds(900), T0.plusSeconds(5)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNewCycleLinksBothLeadsAndTakesTheToolIdentity() {
        Lead previous = queued();
        previous.judge(LeadStatus.REJECTED, "NOT_A_FIT", null, "rep-a", T0.plusSeconds(5));
        LeadFields.set(previous, "externalId", "hs-1");
        LeadFields.set(previous, "source", "hubspot");
        Lead next = new Lead();
        LeadFields.set(next, "id", "01JDB7T3V9A1B2C3D4E5F6G7J9");
        LeadFields.set(next, "status", LeadStatus.RECEIVED);
        next.follow(previous, T0.plusSeconds(60));
        assertThat((Object) LeadFields.read(next, "previousLeadId")).isEqualTo(previous.id());
        assertThat((Object) LeadFields.read(next, "cycle")).isEqualTo(2);
        assertThat((Object) LeadFields.read(previous, "nextLeadId")).isEqualTo(next.id());
        assertThat((Object) LeadFields.read(previous, "externalId")).isNull();
        assertThatThrownBy(() -> previous.follow(next, T0.plusSeconds(61))).isInstanceOf(IllegalStateException.class);
    }
}
