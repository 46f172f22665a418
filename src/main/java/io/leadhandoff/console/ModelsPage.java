package io.leadhandoff.console;

import io.leadhandoff.common.Page;
import io.leadhandoff.report.CallerReports;
import io.leadhandoff.report.ReportViews;
import io.leadhandoff.scoring.ModelView;
import io.leadhandoff.scoring.ScoringService;
import io.leadhandoff.security.Caller;
import io.leadhandoff.security.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The models page: versions (admin keys only, as in the API), and the active model's calibration report. */
@ApplicationScoped
public class ModelsPage {

    public record View(String fromDate, String toDate, String apiPath, boolean versionsShown, List<Version> versions,
                       String activeVersion, String probabilitySource, String labelled, String auc, String brier,
                       Chart.Lines curve, List<Decile> deciles) {
    }

    public record Version(String version, String name, boolean active, String origin, String createdAt, String activatedAt) {
    }

    public record Decile(String band, String labelled, String predicted, String observed) {
    }

    private final ScoringService scoring;
    private final CallerReports reports;

    public ModelsPage(ScoringService scoring, CallerReports reports) {
        this.scoring = scoring;
        this.reports = reports;
    }

    public View build(Caller caller, Period period) {
        boolean versionsShown = caller.has(Scope.ADMIN);
        List<Version> versions = versionsShown
                ? scoring.list(null, Page.MAX_LIMIT).items().stream().map(ModelsPage::version).toList()
                : List.of();
        ReportViews.CalibrationReport report = reports.calibration(caller, period.from(), period.to(), null);
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
        return new View(period.fromDate(), period.toDate(), "/api/v1/reports/score-calibration?" + period.query(), versionsShown, versions,
                String.valueOf(report.modelVersion()), report.probabilitySource(), Fmt.count(report.labelled()),
                Fmt.decimal(report.auc()), Fmt.decimal(report.brierScore()), curve, deciles);
    }

    private static Version version(ModelView m) {
        return new Version(String.valueOf(m.version()), m.name(), m.active(), m.origin(), Fmt.time(m.createdAt()), Fmt.time(m.activatedAt()));
    }
}
