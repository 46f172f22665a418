package io.leadhandoff.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which account a lead matched, by which rule and how closely; the candidates when it was ambiguous. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "AccountMatch", description = "The account a lead matched. Rules in order: `domain` (the email's or website's domain, "
        + "or a subdomain of it, is one of the account's domains; free-mail addresses never match by domain), `name` (the "
        + "normalised company name equals the account's), `fuzzy` (Jaro–Winkler similarity of the normalised names at or above "
        + "the threshold), `parent` (the matched account has no owner: its nearest ancestor's owner takes the lead), "
        + "`ambiguous` (two or more accounts are within the margin of each other: none is matched), `none`.")
public record AccountMatchView(
        @Schema(description = "The matched account; absent when ambiguous or none", examples = "01JDB7T3V8Q5M4N2P1R0S9T8U7") String id,
        @Schema(description = "Its name", examples = "Acme Corporation") String name,
        @Schema(enumeration = {"domain", "name", "fuzzy", "parent", "ambiguous", "none"}, examples = "fuzzy") String matchedBy,
        @Schema(description = "How close the match is, 0–1: 1 for a domain or exact name; the Jaro–Winkler similarity for fuzzy",
                examples = "0.95") Double similarity,
        @Schema(description = "matchedBy=parent: the rule that found the account (domain, name or fuzzy)", examples = "domain") String foundBy,
        @Schema(description = "matchedBy=parent: the ancestor account whose owner takes the lead", examples = "01JDB7T3V8Q5M4N2P1R0S9T8AA")
        String ownerAccountId,
        @Schema(description = "matchedBy=ambiguous: the accounts too close to tell apart, best first") List<Candidate> candidates) {

    static final AccountMatchView NONE = new AccountMatchView(null, null, "none", null, null, null, null);

    /** An account the lead could have matched. */
    @Schema(name = "AccountCandidate")
    public record Candidate(
            @Schema(examples = "01JDB7T3V8Q5M4N2P1R0S9T8U7") String id,
            @Schema(examples = "Acme Corporation") String name,
            @Schema(examples = "0.95") double similarity) {
    }
}
