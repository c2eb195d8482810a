package dev.ktstr.cli;

import dev.ktstr.api.store.IoErrorText;
import dev.ktstr.api.KtstrException;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.read.SidecarFiles;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.write.SidecarWriter;
import dev.ktstr.api.write.WriteResult;
import dev.ktstr.report.text.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sidecar write}: writes sidecars given as JSON through the full write path, one after
 * another in this process, so the once-per-process pre-clear applies to the whole batch.
 */
@Command(name = "write", mixinStandardHelpOptions = true,
        description = {
            "Write sidecars given as JSON, one sidecar per FILE (- or no FILE: one from standard input),"
                    + " through the full write path: directory from the environment (KTSTR_SIDECAR_DIR"
                    + " as is; else {CARGO_TARGET_DIR or target}/ktstr/{kernel}-{project_commit}),"
                    + " run lock, pre-clear of the run once per invocation, atomic durable write.",
            "Prints the path of each sidecar written, one a line, as soon as it is written.",
            "Every FILE is tried: a FILE that cannot be read, parsed or written is reported as"
                    + " \"error: FILE: problem\" on stderr and does not stop the others; sidecars written"
                    + " before or after it stay written. Exit 1 if any FILE failed, else 0."},
        sortOptions = false)
final class SidecarWriteCommand implements Callable<Integer> {
    static final String STDIN = "-";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Sidecar JSON file, or - for standard input.")
    List<String> files = new ArrayList<>();

    @Option(names = "--fill", description = "Set what the Rust writer derives itself, replacing the JSON's values:"
            + " project commit (git, upward from the working directory), kernel version and commit (KTSTR_KERNEL),"
            + " each null when not found; host (this host's context now); run source (KTSTR_CI); a fresh"
            + " timestamp and run id; canonical flag order. Without it the JSON is written as given and must"
            + " carry its own timestamp and run_id.")
    boolean fill;

    @Option(names = "--skip", description = "Write each FILE's skip sidecar, as upstream's write_skip_sidecar: its"
            + " identity (test name, topology, scheduler, payload, flags, sysctls, kargs), work_type skipped,"
            + " passed and skipped true, no telemetry; filled as with --fill.")
    boolean skip;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the run lock (default: ${DEFAULT-VALUE}; 0: do not wait).")
    BigDecimal lockTimeoutSeconds;

    @Option(names = "--json", description = "Print one JSON report at the end instead of paths"
            + " (shape: docs/cli-json.md).")
    boolean json;

    /** One input that was written. */
    record Written(String input, WriteResult result) {
    }

    /** One input that failed, with why. */
    record Failed(String input, String error) {
    }

    /** The longest wait {@code --lock-timeout} can express: larger values wait this long (292 years). */
    static final Duration MAX_LOCK_TIMEOUT = Duration.ofNanos(Long.MAX_VALUE);

    @Override
    public Integer call() {
        if (lockTimeoutSeconds.signum() < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--lock-timeout must not be negative: " + lockTimeoutSeconds.toPlainString());
        }
        List<String> inputs = files.isEmpty() ? List.of(STDIN) : files;
        if (inputs.stream().filter(STDIN::equals).count() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "standard input (-) can be given only once: it holds one sidecar");
        }
        SidecarWriter writer = SidecarWriter.builder().lockTimeout(lockTimeout(lockTimeoutSeconds)).build();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Written> written = new ArrayList<>();
        List<Failed> failed = new ArrayList<>();
        // Every input is read before the first write: the first write's pre-clear may delete
        // files of the run it writes to, and the inputs may be those very files.
        List<String> names = new ArrayList<>();
        List<SidecarResult> records = new ArrayList<>();
        for (String input : inputs) {
            String name = STDIN.equals(input) ? "<stdin>" : input;
            try {
                records.add(read(input, name));
                names.add(name);
            } catch (IOException | RuntimeException e) {
                fail(failed, err, name, e);
            }
        }
        for (int i = 0; i < records.size(); i++) {
            String name = names.get(i);
            try {
                WriteResult r = skip ? writer.writeSkip(records.get(i))
                        : fill ? writer.write(records.get(i)) : writer.writeAsIs(records.get(i));
                written.add(new Written(name, r));
                if (!json) {
                    out.println(TerminalText.visible(r.location()));
                    out.flush();
                }
            } catch (IOException | RuntimeException e) {
                // One bad input is one entry; the batch goes on (a store's unchecked refusal included).
                fail(failed, err, name, e);
            }
        }
        if (json) {
            out.println(json(written, failed));
            out.flush();
        }
        return failed.isEmpty() ? 0 : 1;
    }

    private static void fail(List<Failed> failed, PrintWriter err, String name, Exception e) {
        String why = IoErrorText.describe(e);
        failed.add(new Failed(name, why.startsWith(name + ":") ? why : name + ": " + why));
        err.println("error: " + TerminalText.visible(failed.get(failed.size() - 1).error()));
        err.flush();
    }

    /** Seconds as a wait, saturating at {@link #MAX_LOCK_TIMEOUT} instead of overflowing. */
    static Duration lockTimeout(BigDecimal seconds) {
        BigDecimal nanos = seconds.movePointRight(9);
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
            return MAX_LOCK_TIMEOUT;
        }
        return Duration.ofNanos(nanos.longValue());
    }

    private SidecarResult read(String input, String name) throws IOException {
        byte[] bytes;
        if (STDIN.equals(input)) {
            long max = SidecarFiles.maxBytes();
            bytes = System.in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new IOException(name + ": larger than " + max + " bytes (" + SidecarFiles.MAX_BYTES_PROPERTY
                        + "); a sidecar is far smaller");
            }
        } else {
            bytes = SidecarFiles.readBounded(Path.of(input));
        }
        SidecarResult record;
        try {
            record = SidecarCodec.read(bytes);
        } catch (KtstrException e) {
            throw new KtstrException(name + ": not a valid sidecar: " + e.getMessage(), e);
        }
        if (!fill && !skip && (record.runId().isEmpty() || record.timestamp().isEmpty())) {
            throw new KtstrException(name + ": " + (record.runId().isEmpty() ? "run_id" : "timestamp")
                    + " is empty; pass --fill to have them set, or give them in the JSON");
        }
        return record;
    }

    /** The {@code --json} view. */
    record WriteJson(List<WrittenJson> written, List<Failed> failed, WriteSummary summary) {
    }

    /** One written sidecar of {@link WriteJson}. */
    record WrittenJson(String input, String path, String runDir, boolean defaultPath, long preClearRemoved) {
    }

    /** The totals of {@link WriteJson}. */
    record WriteSummary(int written, int failed) {
    }

    static String json(List<Written> written, List<Failed> failed) {
        return CliJson.pretty(new WriteJson(written.stream().map(w -> new WrittenJson(w.input(),
                w.result().location(), w.result().runLocation(), w.result().defaultPath(),
                w.result().preClearRemoved())).toList(), failed, new WriteSummary(written.size(), failed.size())));
    }
}
