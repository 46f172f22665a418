package io.leadhandoff.lead;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import io.leadhandoff.routing.AccountMatchView;
import io.leadhandoff.routing.RoutingDecision;
import io.leadhandoff.scoring.Score;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored lead as the API shows it. */
@Schema(name = "Lead", description = LeadView.LIFECYCLE)
public record LeadView(
        @Schema(description = "Opaque lead id", examples = "01JDB7T3V8Q5M4N2P1R0S9T8U7") String id,
        @Schema(description = "Lifecycle status", examples = "received",
                enumeration = {"received", "scored", "disqualified", "queued", "claimed", "accepted", "converted",
                        "won", "lost", "rejected", "recycled", "erased"}) LeadStatus status,
        @Schema(examples = "hubspot") String source,
        @Schema(examples = "hs-contact-90211") String externalId,
        @Schema(description = "Normalised email (trimmed, lower-case)", examples = "ada.lovelace@analytical-engines.example") String email,
        @Schema(description = "Company domain from the email, or from the website for free mailboxes", examples = "analytical-engines.example") String domain,
        @Schema(description = "The email is at a consumer mailbox provider", examples = "false") boolean freeEmail,
        String firstName,
        String lastName,
        String company,
        String website,
        String title,
        @Schema(description = "E.164 when the number parses, otherwise as sent", examples = "+442079460958") String phone,
        @Schema(description = "ISO 3166 alpha-2 when recognised, otherwise as sent", examples = "GB") String country,
        String region,
        String city,
        String industry,
        Integer employeeCount,
        BigDecimal annualRevenue,
        String campaign,
        LeadRequest.Utm utm,
        LeadRequest.Consent consent,
        LeadRequest.Activity activity,
        Map<String, Object> attributes,
        @Schema(description = "Values as sent, where normalisation changed them") Raw raw,
        @Schema(description = "Whether sales can reach this person: phone valid for the country, role mailbox, throwaway domain, "
                + "placeholder names, company missing; the same facts rules see as contact.*") io.leadhandoff.contact.ContactQuality contactQuality,
        @Schema(description = "Score from the active model at the last intake, with its explanation") Score score,
        @Schema(description = "Queue the lead is in", examples = "inbound") String queueId,
        @Schema(description = "Rep the lead is assigned to or claimed by", examples = "rep-042") String ownerRepId,
        @Schema(description = "Where routing sent the lead and why") RoutingDecision routing,
        @Schema(description = "The account the lead matched, by which rule and how closely (the same as routing.account)") AccountMatchView account,
        @Schema(description = "The current lease, while the lead is claimed (the token is only given to the claimer)") Lease lease,
        @Schema(description = "When the lead must be claimed by, under its queue's SLA (UTC)") Instant slaDueAt,
        @Schema(description = "How many times the lead breached its SLA", examples = "0") int slaBreaches,
        @Schema(description = "How many times marketing posted this lead (1 + merges and updates)", examples = "1") int touches,
        @Schema(description = "When the lead was first received (UTC)") Instant createdAt,
        @Schema(description = "When the lead last changed (UTC)") Instant updatedAt,
        @Schema(description = "When its personal data was erased (UTC); personal fields are absent from then on") Instant erasedAt,
        @Schema(description = "The lifecycle chain this lead is part of: a closed lead touched again starts a new cycle") Cycle cycle) {

    /** The lifecycle as the API document states it: transitions, cycles and the counting rule. */
    static final String LIFECYCLE = """
            A stored lead with its normalised fields and lifecycle status.

            Lifecycle (state diagram; an invalid transition is a 409 `invalid-transition`):

            ```
            received -> scored -> queued <-> claimed          (claim; release or lease expiry back to queued)
                        scored -> disqualified -> queued      (a touch lifts the score over the routing minimum)
            queued | claimed            -> accepted
            queued | claimed | accepted -> rejected | recycled    (closed)
            claimed | accepted          -> converted -> won | lost (won, lost: closed)
            any state                   -> erased
            closed lead + a new post of its person (email or tool identity) -> a new lead, cycle n + 1
            ```

            Counting rule: lead quality, score calibration and training labels count a lead by its final verdict             (accepted then rejected counts as rejected; accepted then recycled as recycled); the funnel counts the             stages a lead reached. Each cycle is its own lead, counted on the day it was received.""";

    /** Where the lead sits in its person's chain of cycles. */
    @Schema(name = "LeadCycle")
    public record Cycle(
            @Schema(description = "1 for the person's first lead; n + 1 for the lead started when cycle n, closed, was touched again", examples = "1") int number,
            @Schema(description = "The lead of the previous cycle", examples = "01JDB7T3V8Q5M4N2P1R0S9T8U7") String previousLeadId,
            @Schema(description = "The lead of the next cycle, once this one was touched again after closing") String nextLeadId) {
    }

    /** Who holds a claimed lead and until when. */
    @Schema(name = "LeaseInfo")
    public record Lease(@Schema(examples = "rep-042") String claimedBy, Instant claimedAt, Instant expiresAt) {
    }

    /** The client's original values where normalisation changed them; absent fields were unchanged. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RawValues")
    public record Raw(
            @Schema(examples = " Ada.Lovelace@Analytical-Engines.example") String email,
            @Schema(examples = "+44 20 7946 0958") String phone,
            @Schema(examples = "United Kingdom") String country) {
    }
}
