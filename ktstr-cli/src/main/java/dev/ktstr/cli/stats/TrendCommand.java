package dev.ktstr.cli.stats;

import dev.ktstr.report.compare.RowFilter;
import dev.ktstr.report.MetricDef;
import dev.ktstr.report.Metrics;
import dev.ktstr.report.compare.ComparisonPolicy;
import dev.ktstr.report.compare.PooledSidecar;
import dev.ktstr.report.matrix.Axis;
import dev.ktstr.report.render.ReportFormat;
import dev.ktstr.report.render.TrendReport;
import dev.ktstr.report.trend.MetricTrend;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stats trend}: one metric across more than two cohorts, oldest first, per test. */
@Command(name = "trend", sortOptions = false,
        description = {"One metric across cohorts (project commits, kernels or runs) ordered by time, per test, with"
                + " the first cohort where it crossed its threshold against the one before. Not in upstream.", "",
            "A cohort's time is its earliest sidecar timestamp; a test's value in a cohort is the mean of its"
                + " passing trials. Each value is judged against the test's previous value with the gates of"
                + " `stats compare` (the metric's absolute gate, and --threshold or the metric's relative gate)."})
final class TrendCommand implements Callable<Integer> {
    @ParentCommand
    StatsCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--metric", paramLabel = "NAME", required = true,
            description = "Registry metric to follow (see `stats list-metrics`).")
    String metric;

    @Option(names = "--by", paramLabel = "COHORT", defaultValue = "project-commit",
            description = "What a cohort is: project-commit (default), kernel or run.")
    String by;

    @Option(names = "--threshold", paramLabel = "THRESHOLD",
            description = "Relative gate in percent for every step (default: the metric's registry gate).")
    Double threshold;

    @Mixin
    PoolReportOptions options;

    @Override
    public Integer call() {
        MetricDef def = Metrics.byName(metric).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "Invalid value for option '--metric': unknown metric '" + metric + "' (expected one of "
                        + Metrics.all().stream().map(MetricDef::name).collect(Collectors.joining(", ")) + ")"));
        Axis cohort = Axis.parse(by).filter(MetricTrend.COHORT_AXES::contains).orElseThrow(() ->
                new ParameterException(spec.commandLine(), "Invalid value for option '--by': '" + by
                        + "' (expected one of project-commit, kernel, run)"));
        if (threshold != null && !(threshold >= 0 && Double.isFinite(threshold))) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--threshold': " + threshold + " is not a non-negative percentage");
        }
        ReportFormat format = options.format(spec, FormatOptions.allButJunit());
        return StatsIo.guarded(spec, () -> trend(def, cohort, format));
    }

    private int trend(MetricDef def, Axis cohort, ReportFormat format) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RowFilter selection = options.filters.filter();
        List<PooledSidecar> pool = options.pool(parent, err, selection, "trend");
        ComparisonPolicy policy = threshold == null ? ComparisonPolicy.empty() : ComparisonPolicy.uniform(threshold);
        MetricTrend t = MetricTrend.of(pool, selection, def, cohort, policy, options.archive());
        PoolReportOptions.requireMatches("trend", t.sidecars(), pool.size());
        if (t.cohorts().size() < 2) {
            err.println("warning: stats trend: only " + t.cohorts().size() + " " + cohort.cliName()
                    + " cohort in the selection; a trend needs two or more");
            err.flush();
        }
        options.formatOptions.emit(out, switch (format) {
            case JSON -> TrendReport.json(t) + "\n";
            case MARKDOWN -> TrendReport.markdown(t);
            case HTML -> TrendReport.html(t, options.filters.text());
            default -> TrendReport.text(t);
        });
        return 0;
    }
}
