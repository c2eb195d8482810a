package dev.ktstr.cli.stats;

import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.report.ExplainSidecar;
import dev.ktstr.report.ReportException;
import dev.ktstr.report.WalkStats;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stats explain-sidecar --run ID}: why optional fields of a run's sidecars are null. */
@Command(name = "explain-sidecar",
        description = {"Diagnose missing optional fields across a run's sidecars.", "",
            "For every sidecar of --run, lists which optional fields are null, whether that is expected or"
                + " actionable, the known causes and the fix. A header counts files walked and parsed;"
                + " corrupt and unreadable files are listed after the sidecars. Sidecars are read as stored"
                + " (no `archive` run source, even with --dir).",
            "",
            "Exits 0 even when every file is corrupt: gate CI on `_walk.valid > 0` or on empty"
                + " `_walk.errors` / `_walk.io_errors` in the --json output. Exits 1 only for a bad --run, a"
                + " missing run directory, or a run without any sidecar file."})
final class ExplainSidecarCommand implements Callable<Integer> {
    @ParentCommand
    StatsCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    RunSelection selection;

    @Option(names = "--json", description = "Emit a run-wide JSON aggregate per field instead of per-sidecar text.")
    boolean json;

    @Override
    public Integer call() {
        return StatsIo.guarded(spec, () -> {
            ExplainSidecar.validateRunArgument(selection.run);
            String runDir = RunArgument.existingRunDir(parent.reader(selection.dir), parent.root(selection.dir), selection.run);
            RunCollection<SidecarResult> c = parent.reader(selection.dir).collect(runDir);
            StatsCommand.failIfUnreadable(parent.reader(selection.dir), c.problems());
            StatsIo.diagnostics(spec.commandLine().getErr(), c);
            if (c.walked() == 0) {
                throw new ReportException(ExplainSidecar.noSidecarDataMessage(selection.run, runDir));
            }
            WalkStats walk = new WalkStats(c.walked(), c.values(),
                    c.parseErrors().stream().map(e -> new WalkStats.ParseError(e.location(), e.rawError(), e.enriched()))
                            .toList(),
                    c.ioErrors().stream().map(e -> new WalkStats.IoError(e.location(), e.rawError())).toList());
            spec.commandLine().getOut().print(json ? ExplainSidecar.json(walk) : ExplainSidecar.text(walk));
            return 0;
        });
    }
}
