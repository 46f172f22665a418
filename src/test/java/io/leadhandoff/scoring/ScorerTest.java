package io.leadhandoff.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.condition.Condition;
import io.leadhandoff.condition.Facts;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ScorerTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static ModelDocument.Rule rule(String id, String group, String field, String op, Object value, int points) {
        return new ModelDocument.Rule(id, null, group, Condition.compare(field, op, value == null ? null : JSON.valueToTree(value)), points);
    }

    private static ModelDocument model(List<ModelDocument.Rule> fit, Map<String, Integer> fitCaps, Integer fitCap,
                                       List<ModelDocument.Rule> engagement, Double halfLife) {
        return new ModelDocument("test", null, new ModelDocument.Dimension(fit, fitCaps, fitCap, null),
                new ModelDocument.Dimension(engagement, Map.of(), null, halfLife), null, null, null);
    }

    private static Score score(ModelDocument m, Facts facts, Instant lastActivity) {
        return Scorer.score(ModelCompiler.compile(1, m), facts, lastActivity, NOW);
    }

    private static int sum(Score.DimensionLedger ledger) {
        return ledger.entries().stream().mapToInt(Score.Entry::points).sum();
    }

    @Test
    void explainsEveryRuleThatFired() {
        ModelDocument m = model(List.of(rule("vp", "seniority", "title", "contains", "vp", 20),
                        rule("big", null, "employeeCount", "gte", 1000, 30),
                        rule("gb", null, "country", "equals", "GB", 10)),
                Map.of(), null, List.of(), null);
        Score s = score(m, Facts.builder().put("title", "VP Sales").put("employeeCount", 5000).put("country", "US").build(), null);
        assertThat(s.fit()).isEqualTo(50);
        assertThat(s.explanation().fit().entries()).extracting(Score.Entry::rule).containsExactly("vp", "big");
        assertThat(s.explanation().fit().entries().get(0).reason()).isEqualTo("title contains \"vp\"");
        assertThat(s.total()).isEqualTo(25);
        assertThat(s.explanation().total()).isEqualTo("0.5 × fit 50 + 0.5 × engagement 0 = 25, rounded to 25");
    }

    private static ModelDocument withLearned(ModelDocument m, LearnedModel learned) {
        return new ModelDocument(m.name(), m.description(), m.fit(), m.engagement(), m.weights(), m.grades(), learned);
    }

    @Test
    void aLearnedPartSetsTheTotalAndGradeFromTheAcceptanceProbability() {
        ModelDocument rules = model(List.of(rule("vp", null, "title", "contains", "vp", 60)), Map.of(), null, List.of(), null);
        ModelDocument learned = withLearned(rules, new LearnedModel("logistic-regression-l2", 0.0,
                Map.of("source=purchased-list", -2.0), new ModelDocument.Grades(40, 20, 10)));
        Facts facts = Facts.builder().put("title", "VP Sales").put("source", "purchased-list").build();

        Score byRules = score(rules, facts, null);
        Score byLearned = score(learned, facts, null);

        assertThat(byRules.total()).isEqualTo(30);
        assertThat(byRules.grade()).isEqualTo("B");
        assertThat(byRules.rulesTotal()).isNull();
        assertThat(byRules.explanation().priority()).startsWith("rules:");
        // sigmoid(-2) = 0.1192: the total is the probability in percent, the grade follows it
        assertThat(byLearned.acceptanceProbability()).isEqualTo(0.1192);
        assertThat(byLearned.total()).isEqualTo(12);
        assertThat(byLearned.grade()).isEqualTo("C");
        assertThat(byLearned.rulesTotal()).isEqualTo(30);
        assertThat(byLearned.rulesGrade()).isEqualTo("B");
        assertThat(byLearned.fit()).isEqualTo(byRules.fit());
        assertThat(byLearned.explanation().total())
                .isEqualTo("round(100 × acceptance probability 0.1192) = 12; the rules alone would give 0.5 × fit 60 + 0.5 × engagement 0 = 30, rounded to 30");
        assertThat(byLearned.explanation().grade()).isEqualTo("C: total 12 is at least 10; the rules alone would give B: fit 60 is at least 50");
        assertThat(byLearned.explanation().priority()).startsWith("learned:");
    }

    @Test
    void aLearnedPartWithoutItsOwnThresholdsGradesTheTotalByTheModelsThresholds() {
        ModelDocument learned = withLearned(model(List.of(), Map.of(), null, List.of(), null),
                new LearnedModel("logistic-regression-l2", 1.5, Map.of()));
        Score s = score(learned, Facts.builder().build(), null);
        assertThat(s.total()).isEqualTo(82);
        assertThat(s.grade()).isEqualTo("A");
        assertThat(s.rulesGrade()).isEqualTo("D");
    }

    @Test
    void refusesLearnedGradeThresholdsOutOfOrder() {
        ModelDocument bad = withLearned(model(List.of(), Map.of(), null, List.of(), null),
                new LearnedModel("logistic-regression-l2", 0.0, Map.of(), new ModelDocument.Grades(10, 20, 5)));
        assertThatThrownBy(() -> ModelCompiler.compile(1, bad)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/learned/grades"));
    }

    @Test
    void trainingGradeThresholdsSplitTheTotalsTwentyThirtyThirtyTwenty() {
        int[] totals = new int[100];
        for (int i = 0; i < 100; i++) {
            totals[i] = i;
        }
        ModelDocument.Grades g = TrainingService.gradeThresholds(totals);
        assertThat(List.of(g.a(), g.b(), g.c())).containsExactly(80, 50, 20);
    }

    @Test
    void capsRuleGroups() {
        ModelDocument m = model(List.of(rule("a", "seniority", "title", "exists", null, 20),
                        rule("b", "seniority", "title", "contains", "chief", 20)),
                Map.of("seniority", 30), null, List.of(), null);
        Score s = score(m, Facts.builder().put("title", "Chief Executive").build(), null);
        assertThat(s.fit()).isEqualTo(30);
        assertThat(s.explanation().fit().entries()).extracting(Score.Entry::kind).containsExactly("rule", "rule", "groupCap");
        assertThat(sum(s.explanation().fit())).isEqualTo(30);
    }

    @Test
    void clampsAndScalesToZeroToHundred() {
        ModelDocument m = model(List.of(rule("a", null, "title", "exists", null, 80), rule("b", null, "country", "exists", null, 80)),
                Map.of(), 200, List.of(rule("neg", null, "title", "exists", null, -50)), null);
        Score s = score(m, Facts.builder().put("title", "x").put("country", "GB").build(), null);
        assertThat(s.fit()).isEqualTo(80);
        assertThat(s.engagement()).isZero();
        assertThat(sum(s.explanation().fit())).isEqualTo(80);
        assertThat(sum(s.explanation().engagement())).isZero();
    }

    @Test
    void decaysEngagementWithTheAgeOfTheLastActivity() {
        ModelDocument m = model(List.of(), Map.of(), null, List.of(rule("web", null, "activity.webinarsAttended", "gte", 1, 80)), 30.0);
        Facts facts = Facts.builder().put("activity.webinarsAttended", 1).build();
        assertThat(score(m, facts, NOW).engagement()).isEqualTo(80);
        assertThat(score(m, facts, NOW.minus(Duration.ofDays(30))).engagement()).isEqualTo(40);
        Score old = score(m, facts, NOW.minus(Duration.ofDays(60)));
        assertThat(old.engagement()).isEqualTo(20);
        assertThat(old.explanation().engagement().entries()).extracting(Score.Entry::kind).containsExactly("rule", "decay");
        assertThat(score(m, facts, null).engagement()).isEqualTo(80);
    }

    @Test
    void gradesFromFit() {
        ModelDocument.Rule r = rule("a", null, "employeeCount", "exists", null, 0);
        for (int[] fitAndGrade : new int[][] {{80, 'A'}, {75, 'A'}, {74, 'B'}, {50, 'B'}, {30, 'C'}, {10, 'D'}}) {
            ModelDocument m = model(List.of(rule("p", null, "employeeCount", "exists", null, fitAndGrade[0]), r), Map.of(), null, List.of(), null);
            assertThat(score(m, Facts.builder().put("employeeCount", 1).build(), null).grade())
                    .isEqualTo(String.valueOf((char) fitAndGrade[1]));
        }
    }

    @Test
    void refusesDuplicateRuleIdsCapsOfUnknownGroupsAndBadWeights() {
        ModelDocument m = new ModelDocument("bad", null,
                new ModelDocument.Dimension(List.of(rule("x", null, "title", "exists", null, 1), rule("x", null, "nope", "exists", null, 1)),
                        Map.of("ghost", 10), null, 7.0),
                new ModelDocument.Dimension(List.of(), Map.of(), null, null),
                new ModelDocument.Weights(0.5, 0.6), new ModelDocument.Grades(20, 50, 10), null);
        assertThatThrownBy(() -> ModelCompiler.compile(1, m)).isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).errors().stream().map(FieldError::pointer).toList())
                .asList().containsExactlyInAnyOrder("/fit/rules/1/id", "/fit/rules/1/when/field", "/fit/groupCaps/ghost",
                        "/fit/halfLifeDays", "/weights", "/grades");
    }

    @Test
    void theShippedDefaultModelCompilesAndRanksAnExecutiveAboveAStudent() throws Exception {
        ModelDocument doc;
        try (InputStream in = getClass().getResourceAsStream("/db/data/default-scoring-model.json")) {
            doc = JSON.readValue(in, ModelDocument.class);
        }
        CompiledModel model = ModelCompiler.compile(1, doc);
        Facts executive = Facts.builder().put("title", "Chief Technology Officer").put("employeeCount", 2500)
                .put("country", "US").put("industry", "Software").put("company", "Acme").put("freeEmail", false)
                .put("activity.formSubmissions", 2).put("activity.webinarsAttended", 1).put("touches", 1).build();
        Facts student = Facts.builder().put("title", "Student").put("freeEmail", true).put("touches", 1).build();
        Score high = Scorer.score(model, executive, NOW, NOW);
        Score low = Scorer.score(model, student, NOW, NOW);
        assertThat(high.grade()).isEqualTo("A");
        assertThat(low.grade()).isEqualTo("D");
        assertThat(high.total()).isGreaterThan(low.total());
    }

    // --- properties over random models and leads ---------------------------------------------

    record Case(ModelDocument model, Facts facts, Instant lastActivity) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<ModelDocument.Rule> rules = Combinators.combine(
                Arbitraries.of("title", "country", "activity.pageViews", "employeeCount"),
                Arbitraries.integers().between(-60, 80),
                Arbitraries.of("g1", "g2", "none"),
                Arbitraries.integers().between(0, 50))
                .as((field, points, group, threshold) -> field.equals("activity.pageViews") || field.equals("employeeCount")
                        ? rule(field + points + group + threshold, group.equals("none") ? null : group, field, "gte", threshold, points)
                        : rule(field + points + group + threshold, group.equals("none") ? null : group, field, "exists", null, points));
        Arbitrary<List<ModelDocument.Rule>> ruleLists = rules.list().ofMaxSize(12).uniqueElements(ModelDocument.Rule::id);
        Arbitrary<List<ModelDocument.Rule>> engagementLists = ruleLists.map(list -> list.stream()
                .map(r -> new ModelDocument.Rule("e-" + r.id(), null, r.group(), r.when(), r.points())).toList());
        Arbitrary<ModelDocument> models = Combinators.combine(ruleLists, engagementLists,
                Arbitraries.integers().between(1, 300), Arbitraries.integers().between(0, 100),
                Arbitraries.doubles().between(0.5, 120), Arbitraries.integers().between(0, 100))
                .as((fit, engagement, cap, groupCap, halfLife, weightPercent) -> new ModelDocument("p", null,
                        new ModelDocument.Dimension(fit, groupsOf(fit, groupCap), cap, null),
                        new ModelDocument.Dimension(engagement, groupsOf(engagement, groupCap), cap, halfLife),
                        new ModelDocument.Weights(weightPercent / 100.0, (100 - weightPercent) / 100.0), null, null));
        Arbitrary<Facts> facts = Combinators.combine(Arbitraries.of("VP", "Engineer"), Arbitraries.of("GB", "US"),
                        Arbitraries.integers().between(0, 60), Arbitraries.integers().between(0, 5000), Arbitraries.of(true, false))
                .as((title, country, views, employees, titled) -> Facts.builder().put("title", titled ? title : null)
                        .put("country", country).put("activity.pageViews", views).put("employeeCount", employees).build());
        Arbitrary<Instant> activity = Arbitraries.integers().between(0, 400).map(days -> NOW.minus(Duration.ofDays(days)));
        return Combinators.combine(models, facts, activity).as(Case::new);
    }

    private static Map<String, Integer> groupsOf(List<ModelDocument.Rule> rules, int cap) {
        Map<String, Integer> caps = new java.util.HashMap<>();
        rules.stream().filter(r -> "g1".equals(r.group())).findAny().ifPresent(r -> caps.put("g1", cap));
        return caps;
    }

    @Property
    void scoresStayWithinBounds(@ForAll("cases") Case c) {
        Score s = score(c.model(), c.facts(), c.lastActivity());
        assertThat(s.fit()).isBetween(0, 100);
        assertThat(s.engagement()).isBetween(0, 100);
        assertThat(s.total()).isBetween(0, 100);
        assertThat(s.grade()).isIn("A", "B", "C", "D");
    }

    @Property
    void theExplanationAddsUpToTheScore(@ForAll("cases") Case c) {
        Score s = score(c.model(), c.facts(), c.lastActivity());
        assertThat(sum(s.explanation().fit())).isEqualTo(s.fit());
        assertThat(sum(s.explanation().engagement())).isEqualTo(s.engagement());
        assertThat(s.explanation().fit().score()).isEqualTo(s.fit());
        CompiledModel compiled = ModelCompiler.compile(1, c.model());
        assertThat(s.total()).isEqualTo((int) Math.round(compiled.fitWeight() * s.fit() + compiled.engagementWeight() * s.engagement()));
    }

    @Property
    void aMatchingPositiveRuleNeverLowersTheScore(@ForAll("cases") Case c, @ForAll @IntRange(min = 1, max = 100) int points,
                                                  @ForAll boolean toFit) {
        Score before = score(c.model(), c.facts(), c.lastActivity());
        ModelDocument.Rule extra = rule("extra-positive", null, "country", "exists", null, points);
        ModelDocument.Dimension fit = c.model().fit();
        ModelDocument.Dimension engagement = c.model().engagement();
        List<ModelDocument.Rule> rules = new ArrayList<>((toFit ? fit : engagement).rules());
        rules.add(extra);
        ModelDocument more = new ModelDocument("p", null,
                toFit ? new ModelDocument.Dimension(rules, fit.groupCaps(), fit.cap(), null) : fit,
                toFit ? engagement : new ModelDocument.Dimension(rules, engagement.groupCaps(), engagement.cap(), engagement.halfLifeDays()),
                c.model().weights(), null, null);
        Score after = score(more, c.facts(), c.lastActivity());
        assertThat(after.fit()).isGreaterThanOrEqualTo(before.fit());
        assertThat(after.engagement()).isGreaterThanOrEqualTo(before.engagement());
        assertThat(after.total()).isGreaterThanOrEqualTo(before.total());
    }

    @Property
    void scoringIsDeterministic(@ForAll("cases") Case c) {
        assertThat(score(c.model(), c.facts(), c.lastActivity())).isEqualTo(score(c.model(), c.facts(), c.lastActivity()));
    }
}
