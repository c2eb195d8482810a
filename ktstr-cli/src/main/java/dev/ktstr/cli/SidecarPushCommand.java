package dev.ktstr.cli;

import dev.ktstr.api.store.IoErrorText;
import dev.ktstr.api.KtstrException;
import dev.ktstr.api.Providers;
import dev.ktstr.api.Spi;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.api.spi.WriteSession;
import dev.ktstr.api.store.IoError;
import dev.ktstr.api.store.ParseError;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.StoredSidecar;
import dev.ktstr.cli.progress.Progress;
import dev.ktstr.report.text.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sidecar push}: imports a runs root of sidecar files into the selected store,
 * idempotently: a sidecar already stored with the same bytes is left alone, a changed one
 * replaces its row, a corrupt file is reported and skipped. Never pre-clears.
 */
@Command(name = "push", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Import every run under a runs root of sidecar files (DIR/{kernel}-{commit}/..., one level of"
                    + " subdirectories kept) into the selected store (KTSTR_STORE, e.g. pg), keeping each"
                    + " sidecar's exact bytes.",
            "Idempotent: a sidecar already stored with the same bytes is not written again, a changed one"
                    + " replaces the stored one, nothing stored is deleted. A file that does not parse as a"
                    + " sidecar is reported on stderr and skipped. Each run is written under its run lock.",
            "Exit 0 when every sidecar is stored, 1 when any was skipped or failed."})
final class SidecarPushCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", paramLabel = "ROOT", required = true,
            description = "Runs root to import: a directory whose subdirectories are runs.")
    Path dir;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for each run's lock (default: ${DEFAULT-VALUE}).")
    BigDecimal lockTimeoutSeconds;

    @Option(names = "--json", description = "Print one JSON report instead of text (shape: docs/cli-json.md).")
    boolean json;

    /** One sidecar that could not be pushed. */
    record Skipped(String location, String error) {
    }

    /** What one push did, run by run. */
    record RunPush(String run, int stored, int replaced, int unchanged) {
    }

    @Override
    public Integer call() throws IOException {
        if (lockTimeoutSeconds.signum() < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--lock-timeout must not be negative: " + lockTimeoutSeconds.toPlainString());
        }
        if (!Files.isDirectory(dir)) {
            throw new KtstrException(dir + ": not a directory; --dir names a runs root such as target/ktstr");
        }
        SidecarStore source = Providers.named(Spi.STORE, "fs");
        SidecarStore target = Providers.store();
        String targetRoot = target.defaultRoot(dev.ktstr.api.env.Env.system());
        if (target == source && source.canonicalLocation(dir.toString()).equals(source.canonicalLocation(targetRoot))) {
            throw new KtstrException("refusing to push " + dir + " onto itself: it is the selected store's root;"
                    + " select another store (KTSTR_STORE=pg) or push another directory");
        }
        target.listRuns(targetRoot); // an unreachable store is one error before anything is read
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunLock lock = Providers.lock();
        List<Skipped> skipped = new ArrayList<>();
        List<RunPush> runs = new ArrayList<>();
        // Run by run: one run's bytes in memory at a time, not the whole root.
        List<String> runLocations = new ArrayList<>();
        for (RunInfo info : source.listRuns(dir.toString())) {
            runLocations.add(info.location());
        }
        runLocations.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8)));
        try (Progress progress = Progress.onTerminal(err, "sidecars pushed")) {
            for (String runLocation : runLocations) {
                RunCollection<Parsed> run = source.collect(runLocation, SidecarPushCommand::parsed);
                String runName = lastComponent(run.location());
                for (ParseError e : run.parseErrors()) {
                    skipped.add(new Skipped(e.location(), "not a valid sidecar: " + e.rawError()));
                }
                for (IoError e : run.ioErrors()) {
                    skipped.add(new Skipped(e.location(), e.rawError()));
                }
                for (var p : run.problems()) {
                    skipped.add(new Skipped(p.location(), p.detail()));
                }
                if (run.sidecars().isEmpty()) {
                    continue;
                }
                try {
                    SidecarNames.validateRunName(runName);
                    runs.add(pushRun(target, lock, new RunRef(targetRoot, runName), run, progress));
                } catch (IOException | KtstrException | IllegalArgumentException e) {
                    skipped.add(new Skipped(run.location(), IoErrorText.describe(e)));
                }
            }
        }
        for (Skipped s : skipped) {
            err.println("error: " + TerminalText.visible(s.location() + ": " + s.error()));
        }
        int stored = runs.stream().mapToInt(RunPush::stored).sum();
        int replaced = runs.stream().mapToInt(RunPush::replaced).sum();
        int unchanged = runs.stream().mapToInt(RunPush::unchanged).sum();
        if (json) {
            out.println(json(targetRoot, runs, skipped));
        } else if (stored + replaced == 0) {
            out.println("nothing new: all " + unchanged + " sidecar(s) of " + runs.size() + " run(s) were already"
                    + " stored in " + targetRoot + (skipped.isEmpty() ? "" : "; " + skipped.size() + " skipped"));
        } else {
            out.println("pushed " + runs.size() + " run(s) to " + targetRoot + ": " + stored + " stored, " + replaced
                    + " replaced, " + unchanged + " unchanged" + (skipped.isEmpty() ? "" : ", " + skipped.size()
                    + " skipped"));
        }
        out.flush();
        err.flush();
        return skipped.isEmpty() ? 0 : 1;
    }

    /** A source sidecar: its bytes and the run id its staging name uses. */
    record Parsed(byte[] bytes, String runId) {
    }

    /** The bytes, parsed once (a corrupt file becomes a parse error and is skipped). */
    private static Parsed parsed(String location, byte[] bytes) throws Exception {
        return new Parsed(bytes, SidecarCodec.read(bytes).runId());
    }

    private RunPush pushRun(SidecarStore target, RunLock lock, RunRef ref, RunCollection<Parsed> run,
            Progress progress) throws IOException {
        String sourceRun = run.location();
        try (RunLock.Held held = lock.acquire(ref, RunLock.Mode.EXCLUSIVE,
                SidecarWriteCommand.lockTimeout(lockTimeoutSeconds));
                WriteSession session = target.openRun(ref, held)) {
            Map<String, byte[]> present = new LinkedHashMap<>();
            RunCollection<byte[]> existing = target.collect(session.location(), (l, b) -> b);
            for (StoredSidecar<byte[]> s : existing.sidecars()) {
                present.put(relative(session.location(), s.location()), s.sidecar());
            }
            int stored = 0;
            int replaced = 0;
            int unchanged = 0;
            for (StoredSidecar<Parsed> s : run.sidecars()) {
                String name = relative(sourceRun, s.location());
                byte[] before = present.get(name);
                if (before != null && Arrays.equals(before, s.sidecar().bytes())) {
                    unchanged++;
                } else {
                    target.nameRefusal(name).ifPresent(why -> {
                        throw new KtstrException(why);
                    });
                    session.write(name, s.sidecar().bytes(), s.sidecar().runId());
                    if (before == null) {
                        stored++;
                    } else {
                        replaced++;
                    }
                }
                progress.step();
            }
            return new RunPush(ref.name(), stored, replaced, unchanged);
        }
    }

    /** {@code location} relative to {@code run}: a file name, or {@code subdir/name}. */
    static String relative(String run, String location) {
        String prefix = run.endsWith("/") ? run : run + "/";
        return location.startsWith(prefix) ? location.substring(prefix.length()) : lastComponent(location);
    }

    static String lastComponent(String location) {
        String l = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        return l.substring(l.lastIndexOf('/') + 1);
    }

    /** The {@code --json} view. */
    record PushJson(String storeRoot, List<RunPush> runs, List<Skipped> skipped, PushSummary summary) {
    }

    /** The totals of {@link PushJson}. */
    record PushSummary(int runs, int stored, int replaced, int unchanged, int skipped) {
    }

    static String json(String root, List<RunPush> runs, List<Skipped> skipped) {
        return CliJson.pretty(new PushJson(root, runs, skipped, new PushSummary(runs.size(),
                runs.stream().mapToInt(RunPush::stored).sum(), runs.stream().mapToInt(RunPush::replaced).sum(),
                runs.stream().mapToInt(RunPush::unchanged).sum(), skipped.size())));
    }
}
