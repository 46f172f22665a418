package io.leadhandoff.console;

import io.leadhandoff.common.Page;
import io.leadhandoff.report.CallerReports;
import io.leadhandoff.report.ReportViews;
import io.leadhandoff.scoring.ChallengerService;
import io.leadhandoff.scoring.ModelComparison;
import io.leadhandoff.scoring.ModelView;
import io.leadhandoff.scoring.TrainingResult;
import io.leadhandoff.scoring.ScoringService;
import io.leadhandoff.security.Caller;
import io.leadhandoff.security.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The models page: versions (admin keys only, as in the API), and the active model's calibration report. */
@ApplicationScoped
public class ModelsPage {

    public record View(String fromDate, String toDate, String apiPath, String csvHref, boolean versionsShown, List<Version> versions,
                       String activeVersion, String probabilitySource, String labelled, String auc, String brier,
                       Chart.Lines curve, List<Decile> deciles, String calibratedVersion, boolean calibratingActive,
                       List<Choice> versionChoices, Comparison comparison, List<Evaluation> evaluations) {
    }

    public record Version(String version, String name, String state, String origin, String createdAt, String activatedAt) {
    }

    public record Choice(String value, String label, boolean selected) {
    }

    /** Champion and challenger on the same labelled leads, side by side. */
    public record Comparison(String championVersion, String challengerVersion, String scoredByBoth, String labelled, String accepted,
                             List<Measure> measures, String apiPath) {
    }

    public record Measure(String name, String champion, String challenger) {
    }

    /** A trained version's holdout evaluation, stored when it was trained. */
    public record Evaluation(String version, String window, String testedOn, String auc, String brier, String logLoss,
                             String activeVersion, String activeAuc, String activeBrier) {
    }

    public record Decile(String band, String labelled, String predicted, String observed) {
    }

    private final ScoringService scoring;
    private final CallerReports reports;
    private final ChallengerService challengers;

    public ModelsPage(ScoringService scoring, CallerReports reports, ChallengerService challengers) {
        this.scoring = scoring;
        this.reports = reports;
        this.challengers = challengers;
    }

    /** The API's calibration report of a version (default the active model) for this caller (or its refusal). */
    public ReportViews.CalibrationReport report(Caller caller, Period period, Integer version) {
        return reports.calibration(caller, period.from(), period.to(), version);
    }

    /** {@code version}: the model whose calibration is shown (default the active one); {@code compare}: a past challenger. */
    public View build(Caller caller, Period period, Integer version, Integer compare) {
        boolean versionsShown = caller.has(Scope.ADMIN);
        List<ModelView> all = versionsShown ? scoring.list(null, Page.MAX_LIMIT).items() : List.of();
        List<Version> versions = all.stream().map(ModelsPage::version).toList();
        ReportViews.CalibrationReport report = report(caller, period, version);
        ReportViews.CalibrationReport active = version == null ? report : reports.calibration(caller, period.from(), period.to(), null);
        Integer shownChallenger = compare != null ? compare
                : all.stream().filter(ModelView::challenger).map(ModelView::version).findFirst().orElse(null);
        Comparison comparison = shownChallenger == null ? null : comparison(challengers.compare(period.from(), period.to(), shownChallenger), period);
        List<Evaluation> evaluations = all.stream().filter(m -> "trained".equals(m.origin()))
                .map(m -> scoring.get(m.version())).filter(m -> m.evaluation() != null).map(ModelsPage::evaluation).toList();
        List<Choice> choices = all.stream().map(m -> new Choice(String.valueOf(m.version()), "version " + m.version() + " · " + m.name()
                + (m.active() ? " (active)" : m.challenger() ? " (challenger)" : ""), m.version() == report.modelVersion())).toList();
        List<ReportViews.CalibrationRow> bands = report.byScoreBand().stream()
                .filter(r -> r.labelled() > 0 && r.meanProbability() != null && r.acceptanceRate() != null).toList();
        List<Charts.PointInput> points = bands.stream()
                .map(r -> new Charts.PointInput(r.meanProbability(), r.acceptanceRate(), r.bucket())).toList();
        Chart.Lines curve = Charts.lines("Calibration: observed acceptance against predicted probability, by score band",
                List.of(new Charts.SeriesInput("model " + report.modelVersion(), points)),
                Charts.PERCENT_TICKS, Charts.PERCENT_TICKS, true);
        List<Decile> deciles = report.byScoreBand().stream()
                .map(r -> new Decile(r.bucket(), Fmt.count(r.labelled()), Fmt.percent(r.meanProbability()), Fmt.percent(r.acceptanceRate())))
                .toList();
        String query = "version=" + report.modelVersion() + "&" + period.query();
        return new View(period.fromDate(), period.toDate(), "/api/v1/reports/score-calibration?" + query, "/console/score-calibration.csv?" + query,
                versionsShown, versions,
                String.valueOf(active.modelVersion()), report.probabilitySource(), Fmt.count(report.labelled()),
                Fmt.decimal(report.auc()), Fmt.decimal(report.brierScore()), curve, deciles, String.valueOf(report.modelVersion()),
                report.modelVersion() == active.modelVersion(), choices, comparison, evaluations);
    }

    private static Comparison comparison(ModelComparison c, Period period) {
        ModelComparison.Measures a = c.champion();
        ModelComparison.Measures b = c.challenger();
        List<Measure> measures = b == null ? List.of() : List.of(
                new Measure("Probability from", a.probabilitySource(), b.probabilitySource()),
                new Measure("AUC (higher is better)", Fmt.decimal(a.auc()), Fmt.decimal(b.auc())),
                new Measure("Brier score (lower is better)", Fmt.decimal(a.brier()), Fmt.decimal(b.brier())),
                new Measure("Top-decile acceptance", Fmt.percent(a.topDecileAcceptanceRate()), Fmt.percent(b.topDecileAcceptanceRate())),
                new Measure("Top decile: accepted of labelled", Fmt.count(a.topDecileAccepted()) + " of " + Fmt.count(a.topDecileLabelled()),
                        Fmt.count(b.topDecileAccepted()) + " of " + Fmt.count(b.topDecileLabelled())));
        return new Comparison(String.valueOf(c.championVersion()), String.valueOf(c.challengerVersion()), Fmt.count(c.scoredByBoth()),
                Fmt.count(c.labelled()), Fmt.count(c.accepted()), measures,
                "/api/v1/scoring/challenger?version=" + c.challengerVersion() + "&" + period.query());
    }

    private static Evaluation evaluation(ModelView m) {
        TrainingResult.Evaluation e = m.evaluation();
        return new Evaluation(String.valueOf(m.version()), Fmt.time(e.from()) + " – " + Fmt.time(e.to()),
                Fmt.count(e.testedOn()) + " (" + e.positives() + " accepted, " + e.negatives() + " rejected in all)",
                Fmt.decimal(e.candidate().auc()), Fmt.decimal(e.candidate().brier()), Fmt.decimal(e.candidate().logLoss()),
                String.valueOf(e.activeVersion()), e.active() == null ? Fmt.NONE : Fmt.decimal(e.active().auc()),
                e.active() == null ? Fmt.NONE : Fmt.decimal(e.active().brier()));
    }

    private static Version version(ModelView m) {
        return new Version(String.valueOf(m.version()), m.name(), m.active() ? "active" : m.challenger() ? "challenger" : "inactive",
                m.origin(), Fmt.time(m.createdAt()), Fmt.time(m.activatedAt()));
    }
}
