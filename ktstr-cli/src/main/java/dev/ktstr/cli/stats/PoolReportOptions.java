package dev.ktstr.cli.stats;

import dev.ktstr.report.ReportException;
import dev.ktstr.report.compare.Compare;
import dev.ktstr.report.compare.PooledSidecar;
import dev.ktstr.report.compare.RowFilter;
import dev.ktstr.report.render.ReportFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options {@code stats matrix} and {@code stats trend} share after their own: the runs root
 * to pool ({@code --dir}), the typed filters, and the output format ({@code --json},
 * {@code --format}, {@code --output}), in that order in their help.
 */
final class PoolReportOptions {
    @Option(names = "--dir", paramLabel = "DIR",
            description = "Alternate runs root to pool; every sidecar read this way counts as run source `archive`."
                    + " Defaults to {CARGO_TARGET_DIR or \"target\"}/ktstr/.")
    String dir;

    @Mixin
    FilterOptions filters;

    @Option(names = "--json", description = "Same as --format json (shape: docs/cli-json.md).")
    boolean json;

    @Mixin
    FormatOptions formatOptions;

    /** The format asked for, among {@code allowed}; see {@link FormatOptions#resolve}. */
    ReportFormat format(CommandSpec spec, Set<ReportFormat> allowed) {
        return formatOptions.resolve(spec, json, allowed);
    }

    /** Whether {@code --dir} was given: every sidecar then counts as run source {@code archive}. */
    boolean archive() {
        return dir != null;
    }

    /** The pool {@code selection} may select from (see {@link PooledRead#pool}), for {@code stats <command>}. */
    List<PooledSidecar> pool(StatsCommand parent, PrintWriter err, RowFilter selection, String command)
            throws IOException {
        return PooledRead.pool(parent, dir, err, Compare.poolQuery(selection, selection, archive()), command);
    }

    /**
     * Fails {@code stats <command>} when its filters matched none of the {@code pooled}
     * sidecars.
     *
     * @throws ReportException when {@code matched} is zero
     */
    static void requireMatches(String command, int matched, int pooled) {
        if (matched == 0) {
            throw new ReportException("stats " + command + ": the filters matched 0 sidecars in pool (" + pooled
                    + " pooled). Check the filters; `stats list-values` shows the values present.");
        }
    }
}
