package io.leadhandoff.webhook;

import io.leadhandoff.event.FeedEvent;
import io.leadhandoff.lead.LeadView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** A readable line for a Slack incoming webhook: who, company, score and grade, queue, rep, why, and a console link. */
@ApplicationScoped
class SlackText {

    private final WebhookConfig config;

    SlackText(WebhookConfig config) {
        this.config = config;
    }

    String text(String type, FeedEvent event, LeadView lead) {
        if (event.leadId() == null) {
            Object version = event.detail() == null ? null : event.detail().get("version");
            return "*" + type + "* · scoring model version " + version + " is now active";
        }
        if (lead == null) {
            return "*" + type + "* · lead " + event.leadId() + " (personal data erased)";
        }
        StringBuilder out = new StringBuilder("*").append(type).append("* · ").append(who(lead));
        if (lead.company() != null) {
            out.append(" (").append(escape(lead.company())).append(')');
        }
        if (lead.score() != null) {
            out.append(" · score ").append(lead.score().total()).append(" (").append(lead.score().grade()).append(')');
        }
        if (lead.queueId() != null) {
            out.append(" · queue ").append(escape(lead.queueId()));
        }
        if (lead.ownerRepId() != null) {
            out.append(" · rep ").append(escape(lead.ownerRepId()));
        }
        if (lead.routing() != null && lead.routing().via() != null) {
            out.append(" · routed by ").append(lead.routing().via());
            if (lead.routing().rule() != null) {
                out.append(" «").append(escape(lead.routing().rule())).append('»');
            }
        }
        Map<String, Object> detail = event.detail();
        if (detail != null && detail.get("outcome") != null && type.startsWith("lead.")) {
            out.append(" · ").append(escape(String.valueOf(detail.get("outcome"))));
            if (detail.get("reason") != null) {
                out.append(" (").append(escape(String.valueOf(detail.get("reason")))).append(')');
            }
        }
        config.publicBaseUrl().ifPresent(base -> out.append("\n<").append(base.replaceAll("/+$", ""))
                .append("/console/leads/").append(lead.id()).append("|Open in the console>"));
        return out.toString();
    }

    private static String who(LeadView lead) {
        String name = ((lead.firstName() == null ? "" : lead.firstName()) + " " + (lead.lastName() == null ? "" : lead.lastName())).trim();
        if (!name.isEmpty()) {
            return escape(name);
        }
        return lead.email() != null ? escape(lead.email()) : "lead " + lead.id();
    }

    /** Slack's mrkdwn control characters. */
    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
