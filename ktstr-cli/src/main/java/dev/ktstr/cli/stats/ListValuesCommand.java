package dev.ktstr.cli.stats;

import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.report.ValueList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stats list-values}: the distinct values of every filterable dimension in the pool. */
@Command(name = "list-values",
        description = {"List the distinct values present per filterable dimension in the sidecar pool.", "",
            "Pools every run under the runs root (or --dir) and prints, for kernel, commit, kernel_commit,"
                + " source, scheduler, topology, work_type and flags, the values found: what compare's"
                + " --a-X / --b-X filters can select. Absent values print as `unknown` (JSON: null)."})
final class ListValuesCommand implements Callable<Integer> {
    @ParentCommand
    StatsCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--json", description = "Emit JSON instead of a per-dimension text block.")
    boolean json;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Alternate runs root to walk. Defaults to {CARGO_TARGET_DIR or \"target\"}/ktstr/."
                    + " Every sidecar read this way counts as run source `archive`.")
    String dir;

    @Override
    public Integer call() {
        return StatsIo.guarded(spec, () -> {
            PoolCollection<SidecarResult> pool = parent.reader(dir).pool(parent.root(dir), false,
                    DimensionsCodec.projection(), dev.ktstr.api.spi.PoolQuery.ALL);
            StatsCommand.failIfUnreadable(parent.reader(dir), pool.problems());
            StatsIo.diagnostics(spec.commandLine().getErr(), pool);
            boolean archive = dir != null;
            spec.commandLine().getOut().print(json ? ValueList.json(pool.values(), archive)
                    : ValueList.text(pool.values(), archive));
            return 0;
        });
    }
}
