package dev.ktstr.cli.stats;

import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.PoolQuery;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.StoredSidecar;
import dev.ktstr.report.ReportException;
import dev.ktstr.report.compare.Compare;
import dev.ktstr.report.compare.PooledSidecar;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Reads the pool of a runs root (or the selected store) for compare, matrix and trend. */
final class PooledRead {
    private PooledRead() {
    }

    /**
     * Every sidecar of the pool under {@code --dir} (or the selected store's root) that
     * {@code query} may select, with its run name; diagnostics to {@code err}. Read without the
     * archive override (the reports apply it). A store that selects before reading (PostgreSQL)
     * reads only those rows; callers still apply their full filters. An empty pool is upstream's
     * "no sidecar data found" error, worded for {@code stats <command>}.
     */
    static List<PooledSidecar> pool(StatsCommand parent, String dir, PrintWriter err, PoolQuery query, String command)
            throws IOException {
        String root = parent.root(dir);
        PoolCollection<SidecarResult> pool = parent.reader(dir).pool(root, false,
                StatsCommand.COMPARE_PROJECTION, query);
        StatsCommand.failIfUnreadable(parent.reader(dir), pool.problems());
        StatsIo.diagnostics(err, pool);
        List<PooledSidecar> out = new ArrayList<>();
        for (RunCollection<SidecarResult> run : pool.runs()) {
            String l = run.location().endsWith("/") ? run.location().substring(0, run.location().length() - 1)
                    : run.location();
            String runName = l.substring(l.lastIndexOf('/') + 1);
            for (StoredSidecar<SidecarResult> s : run.sidecars()) {
                out.add(new PooledSidecar(runName, s.location(), s.sidecar()));
            }
        }
        err.flush();
        if (out.isEmpty()) {
            throw new ReportException(Compare.emptyPoolMessage(command, root));
        }
        return out;
    }
}
