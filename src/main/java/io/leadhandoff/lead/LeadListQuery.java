package io.leadhandoff.lead;

import io.leadhandoff.common.Identity;
import io.leadhandoff.common.Params;
import io.leadhandoff.common.ProblemException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * The lead list's query parameters as text, checked and turned into a {@link LeadRepository.LeadFilter} and a
 * {@link LeadSort}: the one reading of them, for {@code GET /api/v1/leads} and the console's lead list alike.
 * Bad values are 422 problems naming the parameter.
 */
public record LeadListQuery(String status, String source, String externalId, String email, String domain, String campaign,
                            String queue, String queueId, String ownerRepId, String createdFrom, String createdTo,
                            String updatedSince, String rep, String outcome, String scoreBand, String grade,
                            String rejectionReason, String q, String sort) {

    public LeadRepository.LeadFilter filter(Set<String> visibleQueues) {
        LeadStatus wanted = null;
        if (status != null && !status.isEmpty()) {
            wanted = LeadStatus.fromWire(status);
            if (wanted == null) {
                throw ProblemException.invalidParameter("status", "is not a lead status");
            }
        }
        String sourceText = Normalizer.text(Params.text("source", source, 64));
        String sourceName = sourceText == null ? null : LeadRepository.LeadFilter.NONE.equals(sourceText) ? sourceText : Normalizer.source(source);
        String external = Normalizer.text(Params.text("externalId", externalId, 128));
        if (external != null && sourceName == null) {
            throw ProblemException.invalidParameter("externalId", "needs `source`: an external id is the sending tool's");
        }
        String inQueue = Params.text("queue", queue, 64);
        String inQueueId = Params.text("queueId", queueId, 64);
        if (inQueue != null && inQueueId != null && !inQueue.equals(inQueueId)) {
            throw ProblemException.invalidParameter("queueId", "names another queue than `queue`; send one of them");
        }
        String emailText = Normalizer.text(Params.text("email", email, 320));
        String domainText = Normalizer.text(Params.text("domain", domain, 253));
        String domainName = domainText == null ? null : Identity.domain(domainText);
        if (domainText != null && domainName == null) {
            throw ProblemException.invalidParameter("domain", "is not a domain name");
        }
        Instant from = Params.instant("createdFrom", createdFrom);
        Instant to = Params.instant("createdTo", createdTo);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalidParameter("createdTo", "must be after createdFrom");
        }
        return new LeadRepository.LeadFilter(wanted, sourceName, external,
                emailText == null ? null : Identity.email(emailText), domainName,
                Params.text("campaign", campaign, 200),
                inQueue != null ? inQueue : inQueueId,
                Params.text("ownerRepId", ownerRepId, 128),
                from, to,
                Params.instant("updatedSince", updatedSince),
                visibleQueues, report());
    }

    public LeadSort order() {
        if (sort == null || sort.isEmpty()) {
            return LeadSort.RECEIVED;
        }
        LeadSort order = LeadSort.fromWire(sort);
        if (order == null) {
            throw ProblemException.invalidParameter("sort", "must be one of received, score, company, source, each optionally after -");
        }
        return order;
    }

    private LeadRepository.LeadFilter.Report report() {
        LeadOutcome reached = null;
        if (outcome != null && !outcome.isEmpty()) {
            reached = LeadOutcome.fromWire(outcome);
            if (reached == null) {
                throw ProblemException.invalidParameter("outcome", "is not one of accepted, everAccepted, rejected, recycled, converted, "
                        + "won, lost, disqualified, routed, breached");
            }
        }
        Integer band = null;
        if (scoreBand != null && !scoreBand.isEmpty()) {
            band = Params.integer("scoreBand", scoreBand);
            if (band != -1 && (band < 0 || band > 100 || band % 10 != 0)) {
                throw ProblemException.invalidParameter("scoreBand", "must be a band's lower bound (0, 10, … 90) or -1 for unscored");
            }
        }
        String gradeText = Params.text("grade", grade, 1);
        String search = Normalizer.text(Params.text("q", q, 200));
        String repText = Params.text("rep", rep, 128);
        String reason = Params.text("rejectionReason", rejectionReason, 40);
        if (reached == null && band == null && gradeText == null && search == null && repText == null && reason == null) {
            return null;
        }
        return new LeadRepository.LeadFilter.Report(repText, reached, band,
                gradeText == null ? null : gradeText.toUpperCase(Locale.ROOT), reason, search);
    }
}
