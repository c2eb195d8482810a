package dev.ktstr.cli.stats;

import dev.ktstr.report.text.TerminalText;
import dev.ktstr.cli.progress.Progress;
import dev.ktstr.api.read.SidecarReader;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.report.RunList;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stats list}: one row per run directory, newest first. */
@Command(name = "list", description = "List test runs under `{CARGO_TARGET_DIR or \"target\"}/ktstr/`.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    StatsCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Alternate runs root to list. Defaults to {CARGO_TARGET_DIR or \"target\"}/ktstr/."
                    + " Not in upstream.")
    String dir;

    @Option(names = "--json", description = "Emit a JSON array instead of a table (shape: docs/cli-json.md)."
            + " Not in upstream.")
    boolean json;

    @Override
    public Integer call() {
        return StatsIo.guarded(spec, this::list);
    }

    private int list() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SidecarReader reader = parent.reader(dir);
        String root = parent.root(dir);
        List<RunInfo> runs = reader.listRuns(root);
        if (runs.isEmpty()) {
            err.println(TerminalText.visibleLines(RunList.noRunsMessage(root)));
            if (json) {
                out.print("[]\n");
            }
            return 0;
        }
        List<dev.ktstr.report.RunInfo> loaded = new ArrayList<>(runs.size());
        try (Progress progress = Progress.onTerminal(err, "runs read")) {
            for (RunInfo run : runs) {
                RunCollection<SidecarResult> c = reader.collect(run.location());
                if (!c.parseErrors().isEmpty() || !c.ioErrors().isEmpty() || !c.problems().isEmpty()) {
                    progress.erase(); // diagnostics start on a clean line
                }
                StatsIo.diagnostics(err, c);
                loaded.add(new dev.ktstr.report.RunInfo(run.name(), run.modifiedTime(), c.values()));
                progress.step();
            }
        }
        if (json) {
            out.print(RunList.json(loaded));
            out.print('\n');
        } else {
            out.print(RunList.text(loaded));
        }
        return 0;
    }
}
