package dev.ktstr.cli.stats;

import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.report.HostReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stats show-host --run ID}: the host context archived with a run. */
@Command(name = "show-host",
        description = {"Print the archived host context for a specific run.", "",
            "Loads the sidecars of --run under the runs root (or --dir) and prints the host context of the"
                + " first one that carries it: CPU, memory, THP policy, sched_* tunables, allocator state."
                + " Fails when no sidecar of the run has a host context."})
final class ShowHostCommand implements Callable<Integer> {
    @ParentCommand
    StatsCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    RunSelection selection;

    @Option(names = "--json", description = "Emit the host context as JSON (shape: docs/cli-json.md)."
            + " Not in upstream.")
    boolean json;

    @Override
    public Integer call() {
        return StatsIo.guarded(spec, () -> {
            PrintWriter out = spec.commandLine().getOut();
            String runDir = RunArgument.existingRunDir(parent.reader(selection.dir), parent.root(selection.dir), selection.run);
            RunCollection<SidecarResult> c = parent.reader(selection.dir).collect(runDir);
            StatsCommand.failIfUnreadable(parent.reader(selection.dir), c.problems());
            StatsIo.diagnostics(spec.commandLine().getErr(), c);
            if (json) {
                out.print(HostReport.showHostJson(selection.run, c.values()));
                out.print('\n');
            } else {
                out.print(HostReport.showHost(selection.run, c.values()));
            }
            return 0;
        });
    }
}
