package io.leadhandoff.console;

import io.leadhandoff.common.Page;
import io.leadhandoff.lead.LeadListQuery;
import io.leadhandoff.lead.LeadQueries;
import io.leadhandoff.lead.LeadRepository;
import io.leadhandoff.lead.LeadSort;
import io.leadhandoff.lead.LeadView;
import io.leadhandoff.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The list of leads behind every count: the lead list API's filters, read by the same {@link LeadListQuery} and
 * answered by the same query, with the number of leads they find above the first page.
 */
@ApplicationScoped
public class LeadListPage {

    /** The filters the page takes, in the order its form shows them; {@code from} and {@code to} are the received range. */
    static final List<String> FILTERS = List.of("q", "source", "campaign", "queue", "rep", "status", "outcome", "scoreBand", "grade",
            "rejectionReason", "email", "domain", "from", "to");
    /** Rows a CSV download holds at most; the page says so when the list is longer. */
    static final int CSV_MAX = 10_000;
    private static final int PAGE = 50;

    public record View(String total, List<Field> fields, List<Column> columns, List<Row> rows, String nextHref, String firstHref,
                       String csvHref, String apiPath, String summary, boolean csvCut) {
    }

    /** A filter of the form: its name, label, value, and the choices when it is a list. */
    public record Field(String name, String label, String value, List<Choice> choices, String type) {
        public boolean select() {
            return !choices.isEmpty();
        }
    }

    public record Choice(String value, String label, boolean selected) {
    }

    /** A column header; the sortable ones link to their order and say which one is current. */
    public record Column(String label, String href, String ariaSort, boolean numeric) {
    }

    public record Row(String id, String received, String name, String company, String email, String source, String campaign,
                      String queue, String rep, String status, String score, String grade) {
    }

    /** A line of the CSV download. */
    public record CsvRow(String id, Instant receivedAt, String status, String firstName, String lastName, String email, String company,
                         String source, String campaign, String queueId, String ownerRepId, Integer score, String grade) {
    }

    private final LeadQueries leads;

    public LeadListPage(LeadQueries leads) {
        this.leads = leads;
    }

    public View build(Caller caller, MultivaluedMap<String, String> params) {
        Map<String, String> values = values(params);
        LeadListQuery query = query(values);
        LeadRepository.LeadFilter filter = query.filter(caller.queues());
        LeadSort sort = query.order();
        Page<LeadView> page = leads.list(filter, sort, params.getFirst("cursor"), PAGE);
        long total = leads.count(filter);
        String filters = queryString(values);
        String sorted = join(filters, sort == LeadSort.RECEIVED ? "" : "sort=" + enc(sort.wire()));
        return new View(Fmt.count(total), fields(values), columns(filters, sort), page.items().stream().map(LeadListPage::row).toList(),
                page.nextCursor() == null ? null : "/console/leads?" + join(sorted, "cursor=" + enc(page.nextCursor())),
                params.getFirst("cursor") == null ? null : "/console/leads" + (sorted.isEmpty() ? "" : "?" + sorted),
                "/console/leads.csv" + (sorted.isEmpty() ? "" : "?" + sorted), "/api/v1/leads" + (sorted.isEmpty() ? "" : "?" + sorted),
                summary(values), total > CSV_MAX);
    }

    /** Every lead the filters find, in the page's order, up to {@link #CSV_MAX}. */
    public List<CsvRow> csv(Caller caller, MultivaluedMap<String, String> params) {
        LeadListQuery query = query(values(params));
        LeadRepository.LeadFilter filter = query.filter(caller.queues());
        List<CsvRow> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<LeadView> page = leads.list(filter, query.order(), cursor, Page.MAX_LIMIT);
            page.items().forEach(l -> out.add(new CsvRow(l.id(), l.createdAt(), l.status().wire(), l.firstName(), l.lastName(), l.email(),
                    l.company(), l.source(), l.campaign(), l.queueId(), l.ownerRepId(), l.score() == null ? null : l.score().total(),
                    l.score() == null ? null : l.score().grade())));
            cursor = page.nextCursor();
        } while (cursor != null && out.size() < CSV_MAX);
        return out.size() > CSV_MAX ? out.subList(0, CSV_MAX) : out;
    }

    /** What the CSV file is called: what it holds and when it was taken. */
    static String csvName(MultivaluedMap<String, String> params, Instant now) {
        Map<String, String> values = values(params);
        String what = values.entrySet().stream().filter(e -> !e.getKey().equals("from") && !e.getKey().equals("to"))
                .map(e -> e.getKey() + "-" + e.getValue()).collect(Collectors.joining("_"));
        String name = "leads" + (what.isEmpty() ? "" : "_" + what) + "_" + now.toString().substring(0, 10);
        return name.replaceAll("[^A-Za-z0-9._-]+", "-") + ".csv";
    }

    private static LeadListQuery query(Map<String, String> v) {
        Instant from = Period.instant("from", v.get("from"), false);
        Instant to = Period.instant("to", v.get("to"), true);
        return new LeadListQuery(v.get("status"), v.get("source"), null, v.get("email"), v.get("domain"), v.get("campaign"),
                v.get("queue"), null, null, from == null ? null : from.toString(), to == null ? null : to.toString(), null,
                v.get("rep"), v.get("outcome"), v.get("scoreBand"), v.get("grade"), v.get("rejectionReason"), v.get("q"), v.get("sort"));
    }

    /** The filters given, blank ones left out, in form order. */
    private static Map<String, String> values(MultivaluedMap<String, String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : FILTERS) {
            String value = params.getFirst(name);
            if (value != null && !value.isBlank()) {
                out.put(name, value.trim());
            }
        }
        String sort = params.getFirst("sort");
        if (sort != null && !sort.isBlank()) {
            out.put("sort", sort.trim());
        }
        return out;
    }

    private static String queryString(Map<String, String> values) {
        return values.entrySet().stream().filter(e -> !e.getKey().equals("sort"))
                .map(e -> e.getKey() + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static List<Field> fields(Map<String, String> v) {
        List<Field> out = new ArrayList<>();
        out.add(text("q", "Search (email, name, company or lead id)", v));
        out.add(text("source", "Source", v));
        out.add(text("campaign", "Campaign", v));
        out.add(text("queue", "Queue", v));
        out.add(text("rep", "Rep", v));
        out.add(choice("status", "Status", v, List.of("received", "scored", "disqualified", "queued", "claimed", "accepted", "converted",
                "won", "lost", "rejected", "recycled", "erased"), null));
        out.add(choice("outcome", "Reached", v, List.of("accepted", "everAccepted", "rejected", "recycled", "converted", "won", "lost",
                "disqualified", "routed", "breached"), Map.of("accepted", "accepted (final verdict)", "everAccepted", "accepted at some time",
                "routed", "routed to a queue", "breached", "breached its SLA")));
        out.add(choice("scoreBand", "Score band", v, List.of("-1", "0", "10", "20", "30", "40", "50", "60", "70", "80", "90"),
                bandLabels()));
        out.add(choice("grade", "Grade", v, List.of("A", "B", "C", "D"), null));
        out.add(text("rejectionReason", "Rejection reason (code)", v));
        out.add(text("email", "Email (exact)", v));
        out.add(text("domain", "Company domain", v));
        out.add(new Field("from", "Received from", dateOf(v.get("from"), false), List.of(), "date"));
        out.add(new Field("to", "Received to", dateOf(v.get("to"), true), List.of(), "date"));
        return out;
    }

    /** Links carry instants; the date input shows their day (a window ending at midnight shows the day before). */
    private static String dateOf(String value, boolean end) {
        if (value == null || value.length() <= 10) {
            return value == null ? "" : value;
        }
        Instant at = Period.instant(end ? "to" : "from", value, end);
        return (end ? at.minusNanos(1) : at).toString().substring(0, 10);
    }

    static Map<String, String> bandLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("-1", "unscored");
        for (int low = 0; low < 90; low += 10) {
            labels.put(String.valueOf(low), low + "–" + (low + 9));
        }
        labels.put("90", "90–100");
        return labels;
    }

    private static Field text(String name, String label, Map<String, String> v) {
        return new Field(name, label, v.getOrDefault(name, ""), List.of(), name.equals("q") ? "search" : "text");
    }

    private static Field choice(String name, String label, Map<String, String> v, List<String> values, Map<String, String> labels) {
        List<Choice> choices = new ArrayList<>();
        choices.add(new Choice("", "any", !v.containsKey(name)));
        values.forEach(c -> choices.add(new Choice(c, labels == null ? c : labels.getOrDefault(c, c), c.equals(v.get(name)))));
        return new Field(name, label, v.getOrDefault(name, ""), choices, "select");
    }

    private static List<Column> columns(String filters, LeadSort current) {
        return List.of(sortable("Received", "received", filters, current, false), new Column("Name", null, null, false),
                sortable("Company", "company", filters, current, false), new Column("Email", null, null, false),
                sortable("Source", "source", filters, current, false), new Column("Campaign", null, null, false),
                new Column("Queue", null, null, false), new Column("Rep", null, null, false), new Column("Status", null, null, false),
                sortable("Score", "score", filters, current, true), new Column("Grade", null, null, false));
    }

    /** A sortable header links to its ascending order, or to the reverse when it is the current one. */
    private static Column sortable(String label, String key, String filters, LeadSort current, boolean numeric) {
        boolean ascending = current.wire().equals(key);
        boolean descending = current.wire().equals("-" + key);
        String next = ascending ? "-" + key : key;
        String href = "/console/leads?" + join(filters, "sort=" + enc(next));
        return new Column(label, href, ascending ? "ascending" : descending ? "descending" : null, numeric);
    }

    private static Row row(LeadView l) {
        String name = ((l.firstName() == null ? "" : l.firstName()) + " " + (l.lastName() == null ? "" : l.lastName())).trim();
        return new Row(l.id(), Fmt.time(l.createdAt()), name.isEmpty() ? Fmt.NONE : name, orNone(l.company()), orNone(l.email()),
                orNone(l.source()), orNone(l.campaign()), orNone(l.queueId()), orNone(l.ownerRepId()), l.status().wire(),
                l.score() == null ? Fmt.NONE : String.valueOf(l.score().total()), l.score() == null ? Fmt.NONE : l.score().grade());
    }

    /** The filters in words, for the sentence above the list. */
    private static String summary(Map<String, String> v) {
        List<String> parts = new ArrayList<>();
        v.forEach((k, value) -> {
            if (!k.equals("sort")) {
                parts.add(label(k) + " " + ("scoreBand".equals(k) ? bandLabels().getOrDefault(value, value) : value));
            }
        });
        return parts.isEmpty() ? "all leads you may read" : String.join(", ", parts);
    }

    private static String label(String filter) {
        return switch (filter) {
            case "q" -> "matching";
            case "outcome" -> "reached";
            case "scoreBand" -> "score band";
            case "rejectionReason" -> "rejected as";
            case "from" -> "received from";
            case "to" -> "received to";
            default -> filter;
        };
    }

    private static String orNone(String s) {
        return s == null ? Fmt.NONE : s;
    }

    /** A link to the list with these filters (name, value pairs; a null value is left out). */
    static String href(String... pairs) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                query.append(query.length() == 0 ? "?" : "&").append(pairs[i]).append('=').append(enc(pairs[i + 1]));
            }
        }
        return "/console/leads" + query;
    }

    /** A count and the list of the leads behind it. */
    public record Count(String text, String href) {
    }

    static Count count(long n, String... pairs) {
        return new Count(Fmt.count(n), href(pairs));
    }

    static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "&" + b;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
