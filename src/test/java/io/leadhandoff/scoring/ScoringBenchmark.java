package io.leadhandoff.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.condition.Condition;
import io.leadhandoff.condition.Facts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Cost of scoring one lead with a 50-rule model (bench/scoring-jmh.sh runs it; not part of the test suite). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScoringBenchmark {

    private CompiledModel model;
    private Facts facts;
    private Instant now;

    @Setup
    public void setUp() {
        ObjectMapper json = new ObjectMapper();
        List<ModelDocument.Rule> fit = new ArrayList<>();
        List<ModelDocument.Rule> engagement = new ArrayList<>();
        String[] titles = {"vp", "director", "chief", "head of", "manager", "engineer", "founder", "owner", "lead", "intern"};
        for (int i = 0; i < 10; i++) {
            fit.add(new ModelDocument.Rule("title-" + i, null, "seniority",
                    Condition.compare("title", "matches", json.valueToTree("\\b" + titles[i] + "\\b")), 5 + i));
            fit.add(new ModelDocument.Rule("size-" + i, null, "size",
                    Condition.compare("employeeCount", "between", json.valueToTree(List.of(i * 100, i * 100 + 99))), i));
            fit.add(new ModelDocument.Rule("country-" + i, null, null,
                    Condition.compare("country", "in", json.valueToTree(List.of("US", "GB", "DE", "FR", "C" + i))), 2));
            engagement.add(new ModelDocument.Rule("views-" + i, null, "pages",
                    Condition.compare("activity.pageViews", "gte", json.valueToTree(i * 3)), 3));
            engagement.add(new ModelDocument.Rule("campaign-" + i, null, null,
                    new Condition(null, null, null, null, List.of(
                            Condition.compare("campaign", "contains", json.valueToTree("demo" + i)),
                            Condition.compare("utm.source", "equals", json.valueToTree("linkedin"))), null), 4));
        }
        ModelDocument doc = new ModelDocument("bench", null,
                new ModelDocument.Dimension(fit, Map.of("seniority", 30, "size", 25), 100, null),
                new ModelDocument.Dimension(engagement, Map.of("pages", 20), 100, 30.0), null, null, null);
        model = ModelCompiler.compile(1, doc);
        now = Instant.parse("2026-11-27T12:00:00Z");
        facts = Facts.builder().put("title", "VP of Engineering and Operations").put("employeeCount", 450)
                .put("country", "GB").put("campaign", "2026-q4-demo3").put("utm.source", "linkedin")
                .put("activity.pageViews", 17).put("freeEmail", false).build();
    }

    @Benchmark
    public Score scoreOneLeadWithFiftyRules() {
        return Scorer.score(model, facts, now.minus(Duration.ofDays(4)), now);
    }
}
