package io.leadhandoff.lead;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What erasure does with every column of every table, and why. The erasure test reads the database's
 * own metadata and fails on any table or column not listed here, so a new table or column cannot hold
 * personal data unnoticed: whoever adds one classifies it here (and erases it in {@link ErasureService}
 * when it is personal). The README's "What erasure removes" table is this registry in prose.
 */
public final class PersonalData {

    /** What happens to a column when a lead is erased. */
    public enum Treatment {
        /** Personal: cleared (set to null, emptied or deleted) for the erased lead. */
        ERASED,
        /** Never stored as given: only a SHA-256 of it is kept (dedupe of webhook event ids). */
        HASHED,
        /** Kept: about the lead but not identifying, and what reports count (company, country, scores, times). */
        KEPT,
        /** Not about a person who is a lead: configuration, aggregates, ids the service made, sales reps' ids. */
        NOT_PERSONAL
    }

    /** A column's treatment and the reason for it. */
    public record Rule(Treatment treatment, String why) {
    }

    /** Every column of a table that holds no personal data at all. */
    public static final String EVERY_COLUMN = "*";

    private static final Map<String, Map<String, Rule>> TABLES = new LinkedHashMap<>();

    static {
        table("lead",
                erased("email", "email_raw", "open_email", "first_name", "last_name", "title", "phone", "phone_raw", "country_raw",
                        "region", "city", "website", "utm_term", "utm_content", "attributes", "external_id", "lease_token"),
                kept("company, industry, size, revenue, country, campaign and UTM source/medium/campaign are what reports count; "
                        + "the domain is the company's (a free-mail domain is erased)", "domain", "free_email", "company", "industry",
                        "employee_count", "annual_revenue", "country", "campaign", "utm_source", "utm_medium", "utm_campaign"),
                kept("lifecycle, scores and times: counts survive erasure", "id", "status", "source", "consent_marketing", "consent_at",
                        "form_submissions", "page_views", "email_clicks", "webinars_attended", "last_activity_at", "touches", "score_fit",
                        "score_engagement", "score_total", "score_grade", "score_model_version", "score_explanation", "scored_at",
                        "queue_id", "owner_rep_id", "routed_at", "routing_explanation", "queued_at", "sla_due_at", "sla_breaches",
                        "lease_expires_at", "claimed_by", "claimed_at", "first_claimed_at", "first_feedback_at", "accepted_at",
                        "rejected_at", "recycled_at", "converted_at", "won_at", "lost_at", "outcome_reason", "feedback_rep_id",
                        "deal_amount", "acceptance_probability", "disqualified", "erased_at", "created_at", "updated_at", "version"),
                kept("the chain of a person's cycles links lead ids only; reports count cycles, and a contact's erasure follows it",
                        "previous_lead_id", "next_lead_id", "cycle"),
                kept("the account the company matched and by which rule: reports count leads by match rule", "account_id", "account_match"));
        table("lead_event", erased("detail"),
                kept("the timeline's shape (what happened when, by which rep or key) survives", "id", "lead_id", "type", "occurred_at",
                        "actor", "queue_id", "seq", "ord"));
        table("lead_feedback", erased("note"),
                kept("verdicts are what quality reports and training count", "id", "lead_id", "outcome", "reason", "rep_id", "amount",
                        "from_status", "created_at"));
        table("source_event", hashed("event_id"),
                kept("which lead an event made, and when: no personal value", "source_id", "outcome", "lead_id", "received_at"));
        table("idempotency_record", erased("response_body", "location"),
                kept("the caller's key, the attempt holding it and a hash of the request", "caller", "idem_key", "owner",
                        "request_hash", "state", "status_code", "created_at", "locked_until", "expires_at"));
        table("lead_identity", erased("external_id"),
                kept("which tools touched the lead, and when (the rows are deleted with the lead's erasure)", "source", "lead_id",
                        "created_at"));
        table("idempotency_progress", erased("results"),
                kept("which keyed batch and chunk", "caller", "idem_key", "first_item"));
        table("report_lead_snapshot", kept("what each lead last added to the report aggregates: only facts the lead itself keeps "
                        + "through an erasure", "id", "created_at", "source", "campaign", "queue_id", "owner_rep_id", "feedback_rep_id",
                "score_total", "score_grade", "score_model_version", "acceptance_probability", "disqualified", "routed_at",
                "first_claimed_at", "first_feedback_at", "accepted_at", "rejected_at", "recycled_at", "converted_at", "won_at",
                "lost_at", "outcome_reason", "sla_breaches", "deal_amount", "previous_lead_id", "account_match"));
        table("audit_log", notPersonal("administrative changes (keys, queues, rules, sources); a lead's erasure is logged without "
                + "its data", "id", "occurred_at", "actor", "action", "target", "detail"));
        table("account", notPersonal("companies, their parents and attributes, and the reps who own them", EVERY_COLUMN));
        table("account_domain", notPersonal("companies' domains", EVERY_COLUMN));
        table("account_version", notPersonal("a counter of account changes", EVERY_COLUMN));
        table("account_change", notPersonal("which account each account change touched", EVERY_COLUMN));
        table("queue_member", notPersonal("sales reps' ids and capacities", EVERY_COLUMN));
        table("member_time_off", notPersonal("sales reps' out-of-office periods", EVERY_COLUMN));
        table("schedule", notPersonal("working hours, time zones and holidays", EVERY_COLUMN));
        table("webhook_subscription", notPersonal("destinations, their signing secrets, cursors and health", EVERY_COLUMN));
        table("webhook_attempt", notPersonal("delivery attempts by event id: status, latency and the destination's capped answer; "
                + "the body sent is built from the lead at delivery time and never stored", EVERY_COLUMN));
        table("webhook_dead_letter", notPersonal("event ids, types and lead ids of undelivered events (a replay rebuilds the body "
                + "from the lead as it is then, erased or not)", EVERY_COLUMN));
        table("webhook_replay", notPersonal("requested replays: ids and time ranges", EVERY_COLUMN));
        table("api_key", notPersonal("keys (hashed) and their limits", EVERY_COLUMN));
        table("source", notPersonal("integration settings", EVERY_COLUMN));
        table("console_session", notPersonal("console sign-ins: a SHA-256 of the session token, the API key's id and times; "
                + "nothing about a lead", EVERY_COLUMN));
        table("challenger_score", notPersonal("a challenger model's score of a lead: version, total, probability and time",
                EVERY_COLUMN));
        for (String config : new String[] {"sales_queue", "routing_ruleset", "routing_active", "scoring_model", "scoring_active",
                "reason_code", "campaign_spend", "event_sequencer"}) {
            table(config, notPersonal("configuration", EVERY_COLUMN));
        }
        for (String aggregate : new String[] {"report_counts", "report_durations", "report_reasons", "report_calibration",
                "report_calibration_p", "report_rollup_state"}) {
            table(aggregate, notPersonal("per-day aggregates by source, campaign, queue, rep or band", EVERY_COLUMN));
        }
        for (String liquibase : new String[] {"databasechangelog", "databasechangeloglock"}) {
            table(liquibase, notPersonal("schema migrations", EVERY_COLUMN));
        }
    }

    private PersonalData() {
    }

    /** The rule for a column, or null when the column (or its table) is not classified. */
    public static Rule of(String table, String column) {
        Map<String, Rule> columns = TABLES.get(table.toLowerCase(java.util.Locale.ROOT));
        if (columns == null) {
            return null;
        }
        Rule all = columns.get(EVERY_COLUMN);
        return all != null ? all : columns.get(column.toLowerCase(java.util.Locale.ROOT));
    }

    public static Map<String, Map<String, Rule>> tables() {
        return TABLES;
    }

    @SafeVarargs
    private static void table(String name, Map<String, Rule>... groups) {
        Map<String, Rule> columns = new LinkedHashMap<>();
        for (Map<String, Rule> group : groups) {
            columns.putAll(group);
        }
        TABLES.put(name, columns);
    }

    private static Map<String, Rule> erased(String... columns) {
        return group(new Rule(Treatment.ERASED, "personal: cleared for an erased lead"), columns);
    }

    private static Map<String, Rule> hashed(String... columns) {
        return group(new Rule(Treatment.HASHED, "stored only as a SHA-256, for de-duplication"), columns);
    }

    private static Map<String, Rule> kept(String why, String... columns) {
        return group(new Rule(Treatment.KEPT, why), columns);
    }

    private static Map<String, Rule> notPersonal(String why, String... columns) {
        return group(new Rule(Treatment.NOT_PERSONAL, why), columns);
    }

    private static Map<String, Rule> group(Rule rule, String... columns) {
        Map<String, Rule> out = new LinkedHashMap<>();
        for (String c : columns) {
            out.put(c, rule);
        }
        return out;
    }
}
