package io.leadhandoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The merge rules as properties over pairs of posts: the first creates the lead, the second changes it. */
class LeadMergeTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3600);

    /** The contact fields a post can fill or replace, read off the lead. */
    private static final Map<String, Function<Lead, Object>> FIELDS = fields();

    private static Map<String, Function<Lead, Object>> fields() {
        Map<String, Function<Lead, Object>> fields = new LinkedHashMap<>();
        fields.put("firstName", l -> LeadFields.read(l, "firstName"));
        fields.put("lastName", l -> LeadFields.read(l, "lastName"));
        fields.put("company", l -> LeadFields.read(l, "company"));
        fields.put("website", l -> LeadFields.read(l, "website"));
        fields.put("title", l -> LeadFields.read(l, "title"));
        fields.put("phone", l -> LeadFields.read(l, "phone"));
        fields.put("country", l -> LeadFields.read(l, "country"));
        fields.put("region", l -> LeadFields.read(l, "region"));
        fields.put("city", l -> LeadFields.read(l, "city"));
        fields.put("industry", l -> LeadFields.read(l, "industry"));
        fields.put("employeeCount", l -> LeadFields.read(l, "employeeCount"));
        fields.put("annualRevenue", l -> LeadFields.read(l, "annualRevenue"));
        fields.put("campaign", l -> LeadFields.read(l, "campaign"));
        fields.put("consent", l -> LeadFields.read(l, "consentMarketing"));
        return fields;
    }

    private static Lead created(NormalizedLead first) {
        return LeadMerge.newLead("01JDB7T3V9A1B2C3D4E5F6G7H8", first, "{}", T0);
    }

    /** A touch as intake makes it: merge computes the change, the lead applies it. */
    private static List<String> touch(Lead lead, NormalizedLead in, Map<String, Object> attributes, Instant at) {
        LeadMerge.Merged merged = LeadMerge.touch(lead.profile(), in, attributes);
        lead.merge(merged, "{}", at);
        return merged.changed();
    }

    /** A repeat of the tool's record as intake makes it. */
    private static List<String> repeat(Lead lead, NormalizedLead in, boolean emailMoves, Map<String, Object> attributes, Instant at) {
        LeadMerge.Merged merged = LeadMerge.repeat(lead.profile(), in, emailMoves, attributes);
        lead.merge(merged, "{}", at);
        return merged.changed();
    }

    @Property
    void computingAMergeLeavesTheLeadAsItWas(@ForAll("posts") NormalizedLead first, @ForAll("posts") NormalizedLead second) {
        Lead lead = created(first);
        LeadProfile before = lead.profile();
        Map<String, Object> values = snapshot(lead);
        LeadMerge.touch(before, second, new LinkedHashMap<>(first.attributes()));
        LeadMerge.repeat(before, second, true, new LinkedHashMap<>(first.attributes()));
        assertThat(lead.profile()).isEqualTo(before);
        assertThat(snapshot(lead)).isEqualTo(values);
        assertThat((Object) LeadFields.read(lead, "touches")).isEqualTo(1);
    }

    @Property
    void applyingAMergeCountsOneTouchAndKeepsTheOpenEmailInStep(@ForAll("posts") NormalizedLead first,
                                                               @ForAll("posts") NormalizedLead second) {
        Lead lead = created(first);
        repeat(lead, second, true, new LinkedHashMap<>(), T1);
        assertThat((Object) LeadFields.read(lead, "touches")).isEqualTo(2);
        assertThat((Object) LeadFields.read(lead, "updatedAt")).isEqualTo(T1);
        assertThat((Object) LeadFields.read(lead, "openEmail")).isEqualTo(lead.email());
    }

    private static Map<String, Object> snapshot(Lead lead) {
        Map<String, Object> values = new LinkedHashMap<>();
        FIELDS.forEach((name, read) -> values.put(name, read.apply(lead)));
        return values;
    }

    @Property
    void aTouchNeverOverwritesWhatTheLeadHas(@ForAll("posts") NormalizedLead first, @ForAll("posts") NormalizedLead second) {
        Lead lead = created(first);
        Map<String, Object> before = snapshot(lead);
        touch(lead, second, new LinkedHashMap<>(first.attributes()), T1);
        Map<String, Object> after = snapshot(lead);
        before.forEach((name, value) -> {
            if (value != null) {
                assertThat(after.get(name)).as(name).isEqualTo(value);
            }
        });
    }

    @Property
    void aTouchFillsWhatTheLeadLacksAndSaysSo(@ForAll("posts") NormalizedLead first, @ForAll("posts") NormalizedLead second) {
        Lead lead = created(first);
        Map<String, Object> before = snapshot(lead);
        Map<String, Object> offered = snapshot(created(second));
        List<String> filled = touch(lead, second, new LinkedHashMap<>(first.attributes()), T1);
        Map<String, Object> after = snapshot(lead);
        before.forEach((name, value) -> {
            boolean fillable = value == null && offered.get(name) != null && !name.equals("campaign");
            assertThat(filled.contains(name)).as(name).isEqualTo(fillable);
            if (fillable) {
                assertThat(after.get(name)).as(name).isNotNull();
            }
        });
    }

    @Property
    void aTouchKeepsTheFirstTouchsCampaignEvenNone(@ForAll("posts") NormalizedLead first, @ForAll("posts") NormalizedLead second) {
        Lead lead = created(first);
        List<String> filled = touch(lead, second, new LinkedHashMap<>(first.attributes()), T1);

        assertThat((Object) LeadFields.read(lead, "campaign")).isEqualTo(first.campaign());
        assertThat(filled).doesNotContain("campaign");
    }

    @Property
    void aTouchAddsUpActivityAndKeepsTheLatestActivityTime(@ForAll("posts") NormalizedLead first, @ForAll("posts") NormalizedLead second) {
        Lead lead = created(first);
        touch(lead, second, new LinkedHashMap<>(), T1);
        assertThat((Object) LeadFields.read(lead, "formSubmissions")).isEqualTo(first.formSubmissions() + second.formSubmissions());
        assertThat((Object) LeadFields.read(lead, "pageViews")).isEqualTo(first.pageViews() + second.pageViews());
        assertThat((Object) LeadFields.read(lead, "emailClicks")).isEqualTo(first.emailClicks() + second.emailClicks());
        assertThat((Object) LeadFields.read(lead, "webinarsAttended")).isEqualTo(first.webinarsAttended() + second.webinarsAttended());
        assertThat((Object) LeadFields.read(lead, "lastActivityAt")).isEqualTo(latest(first.lastActivityAt(), second.lastActivityAt()));
        assertThat((Object) LeadFields.read(lead, "touches")).isEqualTo(2);
    }

    @Property
    void theSameTouchAgainFillsNothing(@ForAll("posts") NormalizedLead first, @ForAll("posts") NormalizedLead second) {
        Lead lead = created(first);
        Map<String, Object> attributes = new LinkedHashMap<>(first.attributes());
        touch(lead, second, attributes, T1);
        Map<String, Object> once = snapshot(lead);
        Map<String, Object> attributesOnce = new LinkedHashMap<>(attributes);
        assertThat(touch(lead, second, attributes, T1)).isEmpty();
        assertThat(snapshot(lead)).isEqualTo(once);
        assertThat(attributes).isEqualTo(attributesOnce);
    }

    @Property
    void aRepeatKeepsTheHigherCountersAndNeverBlanksAValue(@ForAll("posts") NormalizedLead first, @ForAll("posts") NormalizedLead second) {
        Lead lead = created(first);
        Map<String, Object> before = snapshot(lead);
        repeat(lead, second, true, new LinkedHashMap<>(first.attributes()), T1);
        assertThat((Object) LeadFields.read(lead, "formSubmissions")).isEqualTo(Math.max(first.formSubmissions(), second.formSubmissions()));
        assertThat((Object) LeadFields.read(lead, "pageViews")).isEqualTo(Math.max(first.pageViews(), second.pageViews()));
        assertThat((Object) LeadFields.read(lead, "emailClicks")).isEqualTo(Math.max(first.emailClicks(), second.emailClicks()));
        assertThat((Object) LeadFields.read(lead, "webinarsAttended")).isEqualTo(Math.max(first.webinarsAttended(), second.webinarsAttended()));
        Map<String, Object> after = snapshot(lead);
        before.forEach((name, value) -> {
            if (value != null) {
                assertThat(after.get(name)).as(name).isNotNull();
            }
        });
    }

    @Property
    void aRepeatIsIdempotent(@ForAll("posts") NormalizedLead first, @ForAll("posts") NormalizedLead second) {
        Lead lead = created(first);
        Map<String, Object> attributes = new LinkedHashMap<>(first.attributes());
        repeat(lead, second, true, attributes, T1);
        Map<String, Object> once = snapshot(lead);
        String email = lead.email();
        assertThat(repeat(lead, second, true, attributes, T1)).isEmpty();
        assertThat(snapshot(lead)).isEqualTo(once);
        assertThat(lead.email()).isEqualTo(email);
    }

    @Property
    void theEmailMovesOnlyWhenAllowedAndKeepsTheOpenEmailInStep(@ForAll("posts") NormalizedLead first, @ForAll("posts") NormalizedLead second,
                                                                 @ForAll boolean allowed) {
        Lead lead = created(first);
        List<String> changed = repeat(lead, second, allowed, new LinkedHashMap<>(), T1);
        boolean moves = allowed && !java.util.Objects.equals(first.email(), second.email());
        assertThat(lead.email()).isEqualTo(moves ? second.email() : first.email());
        assertThat(changed.contains("email")).isEqualTo(moves);
        assertThat((Object) LeadFields.read(lead, "openEmail")).isEqualTo(lead.email());
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    @Provide
    Arbitrary<NormalizedLead> posts() {
        Arbitrary<List<String>> texts = Arbitraries.of("a", "b").injectNull(0.4).list().ofSize(10);
        Arbitrary<String> email = Arbitraries.of("ada@example.com", "bob@example.org");
        Arbitrary<String> phone = Arbitraries.of("+4930123456", "030 123456").injectNull(0.4);
        Arbitrary<String> country = Arbitraries.of("DE", "FR").injectNull(0.4);
        Arbitrary<List<Integer>> counts = Arbitraries.integers().between(0, 9).list().ofSize(4);
        Arbitrary<Map<String, Object>> attributes = Arbitraries.maps(Arbitraries.of("plan", "seats", "region"),
                Arbitraries.of("x", "y")).ofMaxSize(3).map(LinkedHashMap<String, Object>::new);
        Arbitrary<List<Object>> numbers = Combinators.combine(
                Arbitraries.integers().between(1, 3).injectNull(0.4),
                Arbitraries.of(new BigDecimal("10"), new BigDecimal("10.00"), new BigDecimal("20")).injectNull(0.4),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.4),
                Arbitraries.integers().between(0, 3).map(h -> T0.minusSeconds(3600L * h)).injectNull(0.3))
                .as((employees, revenue, consent, activity) -> Arrays.asList(employees, revenue, consent, activity));
        return Combinators.combine(texts, email, phone, country, counts, attributes, numbers)
                .as((t, mail, tel, cc, n, attrs, num) -> {
                    Boolean consent = (Boolean) num.get(2);
                    return new NormalizedLead("ext-1", "hubspot", mail, null, mail.substring(mail.indexOf('@') + 1), false,
                            t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), tel, null, cc, null, t.get(5), t.get(6), t.get(7),
                            (Integer) num.get(0), (BigDecimal) num.get(1), t.get(8), null, null, null, null, null,
                            consent, consent == null ? null : T0, n.get(0), n.get(1), n.get(2), n.get(3), (Instant) num.get(3),
                            new LinkedHashMap<>(attrs));
                });
    }
}
