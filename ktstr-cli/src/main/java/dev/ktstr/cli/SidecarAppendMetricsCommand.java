package dev.ktstr.cli;

import dev.ktstr.api.KtstrException;
import dev.ktstr.api.Providers;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.SidecarDirs;
import dev.ktstr.api.read.SidecarFiles;
import dev.ktstr.api.schema.PayloadMetrics;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.api.spi.WriteSession;
import dev.ktstr.report.text.TerminalText;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sidecar append-metrics}: adds payload metrics to an existing sidecar (what upstream's
 * {@code jemalloc_probe --sidecar} does), under the run lock of the run the sidecar is in, and
 * rewritten atomically and durably by the store's write session (staged, fsync'd, renamed, the
 * directory fsync'd). The sidecar is read after the lock is taken, so concurrent appends do not
 * lose each other's entries.
 */
@Command(name = "append-metrics", mixinStandardHelpOptions = true,
        description = {"Append payload metrics to an existing sidecar, under its run lock, rewritten atomically and durably.",
            "FILE (or - or nothing: standard input) holds one PayloadMetrics object"
                + " ({\"payload_index\", \"metrics\": [...], \"exit_code\"}) or an array of them; they are added at the"
                + " end of the sidecar's metrics, in order. The run is the sidecar's directory under its runs root"
                + " (or the directory above, for a sidecar one subdirectory deep)."},
        sortOptions = false)
final class SidecarAppendMetricsCommand implements Callable<Integer> {

    /**
     * A minimal valid sidecar, as the codec writes it, split around its empty {@code metrics}
     * array: the input goes in between, to parse metrics with the strict codec's own rules.
     */
    private static final String[] CARRIER = carrier();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sidecar", paramLabel = "PATH", required = true, description = "The sidecar file to add to.")
    Path sidecar;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "PayloadMetrics JSON, or - for standard input.")
    String file;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the run lock (default: ${DEFAULT-VALUE}; 0: do not wait).")
    BigDecimal lockTimeoutSeconds;

    @Override
    public Integer call() throws IOException {
        if (lockTimeoutSeconds.signum() < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--lock-timeout must not be negative: " + lockTimeoutSeconds.toPlainString());
        }
        List<PayloadMetrics> added = parseMetrics(readInput());
        Path file = sidecar.toAbsolutePath().normalize();
        Path dir = file.getParent();
        String fileName = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new KtstrException(sidecar + ": no such sidecar file");
        }
        // The run: the sidecar's directory, unless that is a job subdirectory of a run (its
        // grandparent holds the runs root's .locks, its parent does not).
        Path runDir = dir;
        if (dir.getParent() != null && dir.getParent().getParent() != null
                && !Files.isDirectory(dir.getParent().resolve(SidecarDirs.LOCKS_DIR))
                && Files.isDirectory(dir.getParent().getParent().resolve(SidecarDirs.LOCKS_DIR))) {
            runDir = dir.getParent();
            fileName = dir.getFileName() + "/" + fileName;
        }
        if (runDir.getParent() == null) {
            throw new KtstrException(sidecar + ": a sidecar must be in a run directory under a runs root");
        }
        RunRef run = new RunRef(runDir.getParent().toString(), runDir.getFileName().toString());
        SidecarStore store = Providers.store();
        try (RunLock.Held held = Providers.lock().acquire(run, RunLock.Mode.EXCLUSIVE,
                SidecarWriteCommand.lockTimeout(lockTimeoutSeconds))) {
            SidecarResult current;
            try {
                current = SidecarCodec.read(SidecarFiles.readBounded(file));
            } catch (KtstrException e) {
                throw new KtstrException(sidecar + ": not a valid sidecar: " + e.getMessage(), e);
            }
            List<PayloadMetrics> metrics = new ArrayList<>(current.metrics());
            metrics.addAll(added);
            SidecarResult updated = current.toBuilder().metrics(metrics).build();
            try (WriteSession session = store.openRun(run, held)) {
                String location = session.write(fileName, SidecarCodec.write(updated), current.runId());
                spec.commandLine().getOut().println(TerminalText.visible(location));
                spec.commandLine().getOut().flush();
            }
        }
        return 0;
    }

    private String readInput() throws IOException {
        byte[] bytes;
        if (file == null || file.equals("-")) {
            bytes = System.in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, SidecarFiles.maxBytes() + 1));
            if (bytes.length > SidecarFiles.maxBytes()) {
                throw new IOException("<stdin>: larger than " + SidecarFiles.maxBytes() + " bytes");
            }
        } else {
            bytes = SidecarFiles.readBounded(Path.of(file));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** One PayloadMetrics object or an array of them, checked by the sidecar codec's own rules. */
    static List<PayloadMetrics> parseMetrics(String json) {
        String t = json.strip();
        String array = t.startsWith("[") ? t : "[" + t + "]";
        try {
            return SidecarCodec.read(CARRIER[0] + array + CARRIER[1]).metrics();
        } catch (KtstrException e) {
            throw new KtstrException("metrics input: not a PayloadMetrics object or array: " + e.getMessage(), e);
        }
    }

    private static String[] carrier() {
        String json = SidecarCodec.writeString(SidecarResult.testFixture());
        // The top-level "metrics" is the first: nothing nested precedes it, and the fixture has no payload metrics.
        String slot = "\"metrics\": []";
        int at = json.indexOf(slot);
        return new String[] {json.substring(0, at + slot.length() - 2), json.substring(at + slot.length())};
    }
}
