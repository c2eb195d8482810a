package dev.ktstr.cli;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.Providers;
import dev.ktstr.api.layout.SidecarDirs;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.report.text.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code locks}: every run lock under {@code {runs_root}/.locks/} with its holders (upstream
 * {@code cargo ktstr locks}), as the selected run lock provider reports them
 * ({@code flock}: pid and command line from {@code /proc/locks}).
 */
@Command(name = "locks", mixinStandardHelpOptions = true,
        description = {"List the run locks under {runs_root}/.locks/ and who holds each one.",
            "The runs root is {CARGO_TARGET_DIR or target}/ktstr, or --dir. Holders come from the run lock"
                + " provider (flock: pid and command line, from /proc/locks); a lock nobody holds shows as free."},
        sortOptions = false)
final class LocksCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", paramLabel = "ROOT", description = "Runs root to look in (default: {CARGO_TARGET_DIR or target}/ktstr).")
    String dir;

    @Option(names = "--json", description = "Print JSON: {\"runs_root\", \"locks\": [{\"run\", \"path\", \"holders\": [{\"pid\", \"cmdline\"}]}]}.")
    boolean json;

    @Option(names = "--watch", description = "Print again every --interval seconds until interrupted.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
            description = "Seconds between two listings with --watch (default: ${DEFAULT-VALUE}).")
    double interval;

    /** One lock file and its holders. */
    record LockEntry(String run, Path path, List<RunLock.Holder> holders) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!(interval > 0) || Double.isInfinite(interval)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--interval must be a positive number of seconds");
        }
        String root = dir != null ? dir : SidecarDirs.runsRoot(Env.system());
        PrintWriter out = spec.commandLine().getOut();
        RunLock lock = Providers.lock();
        while (true) {
            List<LockEntry> locks = scan(root, lock);
            out.print(json ? json(root, locks) + "\n" : text(root, locks));
            out.flush();
            if (!watch) {
                return 0;
            }
            Thread.sleep((long) (interval * 1000));
            if (!json) {
                out.println();
            }
        }
    }

    static List<LockEntry> scan(String root, RunLock lock) throws IOException {
        Path locksDir = Path.of(root).resolve(SidecarDirs.LOCKS_DIR);
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(locksDir, "*.lock")) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        files.sort(null);
        List<LockEntry> out = new ArrayList<>();
        for (Path p : files) {
            String name = p.getFileName().toString();
            String run = name.substring(0, name.length() - ".lock".length());
            out.add(new LockEntry(run, p, lock.holders(new RunRef(root, run))));
        }
        return out;
    }

    static String text(String root, List<LockEntry> locks) {
        StringBuilder b = new StringBuilder();
        if (locks.isEmpty()) {
            b.append("no run locks under ").append(TerminalText.visible(Path.of(root).resolve(SidecarDirs.LOCKS_DIR).toString()))
                    .append('\n');
            return b.toString();
        }
        for (LockEntry e : locks) {
            b.append(TerminalText.visible(e.path().toString()));
            if (e.holders().isEmpty()) {
                b.append(": free\n");
                continue;
            }
            b.append('\n');
            for (RunLock.Holder h : e.holders()) {
                b.append("  pid ").append(h.pid()).append(": ").append(TerminalText.visible(h.cmdline())).append('\n');
            }
        }
        return b.toString();
    }

    /** The {@code --json} view. */
    record LocksJson(String runsRoot, List<LockJson> locks) {
    }

    /** One lock file of {@link LocksJson}. */
    record LockJson(String run, String path, List<RunLock.Holder> holders) {
    }

    static String json(String root, List<LockEntry> locks) {
        return CliJson.pretty(new LocksJson(root, locks.stream()
                .map(e -> new LockJson(e.run(), e.path().toString(), e.holders())).toList()));
    }
}
