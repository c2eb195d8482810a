package dev.ktstr.cli;

import dev.ktstr.api.store.IoErrorText;
import dev.ktstr.api.env.Env;
import dev.ktstr.api.KtstrException;
import dev.ktstr.api.Providers;
import dev.ktstr.api.Spi;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.api.spi.WriteSession;
import dev.ktstr.api.store.IoError;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.api.store.StoredSidecar;
import dev.ktstr.cli.progress.Progress;
import dev.ktstr.report.text.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sidecar pull}: writes one run of the selected store back as sidecar files, byte for
 * byte, through the filesystem store's atomic durable write.
 */
@Command(name = "pull", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Write run RUN of the selected store (KTSTR_STORE, e.g. pg) to DIR as sidecar files, each with"
                    + " the exact bytes stored (subdirectories such as repeat-2/ kept), atomically and durably.",
            "DIR is created if missing; files of the same name are replaced, other files are left alone.",
            "Prints each path written (or one JSON report with --json). Exit 1 when the run does not exist"
                    + " or any sidecar could not be read or written."})
final class SidecarPullCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", paramLabel = "RUN", required = true,
            description = "The run to pull, {kernel}-{project_commit} (see `stats list`).")
    String run;

    @Option(names = "--to", paramLabel = "DIR", required = true, description = "Directory to write the run's files to.")
    Path to;

    @Option(names = "--json", description = "Print one JSON report instead of paths (shape: docs/cli-json.md).")
    boolean json;

    /** The {@code --json} view: the run, where it went, the files written and the failures. */
    record PullJson(String run, String to, List<String> written, List<String> failed) {
    }

    @Override
    public Integer call() throws IOException {
        SidecarNames.validateRunName(run);
        SidecarStore source = Providers.store();
        SidecarStore files = Providers.named(Spi.STORE, "fs");
        String root = source.defaultRoot(Env.system());
        List<RunInfo> runs = source.listRuns(root);
        if (runs.stream().noneMatch(r -> r.name().equals(run))) {
            throw new KtstrException("run '" + TerminalText.visible(run) + "' not found in " + root + " (" + runs.size()
                    + " run(s) there; `ktstr-sidecar stats list` lists them)");
        }
        String location = source.runLocation(root, run);
        // Every stored row comes back as bytes, whether or not it parses: pull gives what was pushed.
        RunCollection<byte[]> collected = source.collect(location, (l, b) -> b);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> written = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (IoError e : collected.ioErrors()) {
            failed.add(e.location() + ": " + e.rawError());
        }
        try (WriteSession session = files.openLocation(to.toString());
                Progress progress = Progress.onTerminal(err, "sidecars pulled")) {
            for (StoredSidecar<byte[]> s : collected.sidecars()) {
                String name = SidecarPushCommand.relative(location, s.location());
                try {
                    files.nameRefusal(name).ifPresent(why -> {
                        throw new KtstrException(why);
                    });
                    String path = session.write(name, s.sidecar(), "pull");
                    written.add(path);
                    if (!json) {
                        out.println(TerminalText.visible(path));
                    }
                } catch (IOException | KtstrException | IllegalArgumentException e) {
                    failed.add(s.location() + ": " + IoErrorText.describe(e));
                }
                progress.step();
            }
        }
        for (String f : failed) {
            err.println("error: " + TerminalText.visible(f));
        }
        if (json) {
            out.println(CliJson.pretty(new PullJson(run, to.toString(), written, failed)));
        }
        out.flush();
        err.flush();
        return failed.isEmpty() ? 0 : 1;
    }
}
