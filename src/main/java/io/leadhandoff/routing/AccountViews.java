package io.leadhandoff.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadhandoff.common.Identifiers;
import io.leadhandoff.common.Problem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of accounts. */
public final class AccountViews {

    /** What an account id may be: no dot, so a path segment is an id or a domain at a glance. */
    public static final String ID = "[A-Za-z0-9_-]{1,64}";
    static final String ID_MESSAGE = "must be 1 to 64 letters, digits, _ and - (no dot: a segment with a dot is a domain)";
    static final int MAX_DOMAINS = 100;

    private AccountViews() {
    }

    @Schema(name = "AccountRequest", description = "An account. It needs a name or at least one domain to be matchable.")
    public record AccountRequest(
            @Schema(description = "Your own id for the account (POST and batch only; the server makes one up when absent). In a "
                    + "batch, an item with the id of an existing account replaces it, so a re-run import updates instead of "
                    + "duplicating, and children can name parents created earlier in the same batch", examples = "crm-0015g00000XyZab")
            @Pattern(regexp = ID, message = ID_MESSAGE) String id,
            @Schema(description = "Company name; leads match it after normalisation, exactly or fuzzily", examples = "Acme Corporation")
            @Size(max = 200) String name,
            @Schema(description = "Domains the company uses (any subdomain matches too); each belongs to one account",
                    examples = "[\"acme.com\", \"acme.co.uk\"]") @Size(max = MAX_DOMAINS) List<@NotBlank @Size(max = 253) String> domains,
            @Schema(description = "The rep who owns the account; absent: the nearest parent's owner takes its leads", examples = "rep-042")
            @Size(max = 128) @Pattern(regexp = Identifiers.REP_ID, message = Identifiers.REP_ID_MESSAGE) String ownerRepId,
            @Schema(description = "The queue the owner works; default: the parent's, else the routing default queue", examples = "enterprise-emea")
            @Size(max = 64) String queueId,
            @Schema(description = "The parent account (a subsidiary's group)", examples = "crm-0015g00000XyZaa")
            @Pattern(regexp = ID, message = ID_MESSAGE) String parentAccountId,
            @Schema(description = "Free attributes such as tier and region (a JSON object, at most 50 keys)", examples = "{\"tier\": \"enterprise\"}")
            @Size(max = 50) Map<String, Object> attributes) {
    }

    @Schema(name = "Account")
    public record AccountView(
            @Schema(examples = "01JDB7T3V8Q5M4N2P1R0S9T8U7") String id,
            @Schema(examples = "Acme Corporation") String name,
            @Schema(examples = "[\"acme.com\", \"acme.co.uk\"]") List<String> domains,
            @Schema(description = "The first of `domains` (what `PUT /accounts/{domain}` set); null when there is none", nullable = true,
                    examples = "acme.com") String domain,
            @Schema(nullable = true, examples = "rep-042") String ownerRepId,
            @Schema(nullable = true, examples = "enterprise-emea") String queueId,
            @Schema(nullable = true) String parentAccountId,
            @Schema(nullable = true) Map<String, Object> attributes,
            Instant createdAt,
            Instant updatedAt) {
    }

    @Schema(name = "AccountPage")
    public record AccountPage(List<AccountView> items,
                              @Schema(description = "Pass as `cursor` for the next page; null on the last", nullable = true) String nextCursor) {
    }

    /** An import's body in its wrapped form; a bare JSON array of the same items is taken too. */
    @Schema(name = "AccountBatchRequest", description = "`{\"accounts\": [...]}`; a bare JSON array of the same items is taken too")
    public record BatchRequest(
            @Schema(description = "1 to 1,000 accounts", implementation = AccountRequest[].class, maxItems = AccountBatch.MAX_ITEMS, minItems = 1)
            List<AccountRequest> accounts) {
    }

    @Schema(name = "AccountBatchResult")
    public record BatchResult(@Schema(description = "Counts by outcome") Summary summary,
                              @Schema(description = "One result per item, in request order") List<Item> results) {
    }

    @Schema(name = "AccountBatchSummary")
    public record Summary(int created, int replaced, int rejected) {
    }

    /** The outcome of one item; {@code problem} only when it was rejected. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AccountBatchItem")
    public record Item(
            @Schema(description = "Position of the item in the request, from 0", examples = "0") int index,
            @Schema(enumeration = {"created", "replaced", "rejected"}, examples = "created") String outcome,
            @Schema(description = "The account; absent when rejected", examples = "crm-0015g00000XyZab") String accountId,
            @Schema(description = "Why the item was rejected; pointers are relative to the item") Problem problem) {
    }
}
