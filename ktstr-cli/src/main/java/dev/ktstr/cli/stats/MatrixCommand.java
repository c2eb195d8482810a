package dev.ktstr.cli.stats;

import dev.ktstr.report.compare.RowFilter;
import dev.ktstr.report.compare.PooledSidecar;
import dev.ktstr.report.matrix.Axis;
import dev.ktstr.report.matrix.PassMatrix;
import dev.ktstr.report.render.MatrixReport;
import dev.ktstr.report.render.ReportFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stats matrix}: pass / fail / skip counts of the pool in a grid of two dimensions. */
@Command(name = "matrix", sortOptions = false,
        description = {"Pass / fail / skip counts of the sidecar pool in a grid of two dimensions (default: scheduler"
                + " rows, kernel columns). Not in upstream.", "",
            "Every sidecar counts once: pass = passed and not skipped, skip = skipped, fail = the rest."})
final class MatrixCommand implements Callable<Integer> {
    @ParentCommand
    StatsCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--rows", paramLabel = "DIM", defaultValue = "scheduler",
            description = "Dimension of the rows (default: ${DEFAULT-VALUE}): test, kernel, scheduler, topology,"
                    + " work-type, project-commit, kernel-commit, run-source, flags, run.")
    String rows;

    @Option(names = "--cols", paramLabel = "DIM", defaultValue = "kernel",
            description = "Dimension of the columns (default: ${DEFAULT-VALUE}); same names as --rows.")
    String cols;

    @Mixin
    PoolReportOptions options;

    @Override
    public Integer call() {
        Axis rowAxis = axis("--rows", rows);
        Axis colAxis = axis("--cols", cols);
        ReportFormat format = options.format(spec, FormatOptions.allButJunit());
        return StatsIo.guarded(spec, () -> matrix(rowAxis, colAxis, format));
    }

    private Axis axis(String option, String value) {
        return Axis.parse(value).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': '" + value + "' (expected one of " + Axis.names() + ")"));
    }

    private int matrix(Axis rowAxis, Axis colAxis, ReportFormat format) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RowFilter selection = options.filters.filter();
        List<PooledSidecar> pool = options.pool(parent, err, selection, "matrix");
        PassMatrix m = PassMatrix.of(pool, selection, rowAxis, colAxis, options.archive());
        PoolReportOptions.requireMatches("matrix", m.sidecars(), pool.size());
        options.formatOptions.emit(out, switch (format) {
            case JSON -> MatrixReport.json(m) + "\n";
            case MARKDOWN -> MatrixReport.markdown(m);
            case HTML -> MatrixReport.html(m, options.filters.text());
            default -> MatrixReport.text(m);
        });
        return 0;
    }
}
