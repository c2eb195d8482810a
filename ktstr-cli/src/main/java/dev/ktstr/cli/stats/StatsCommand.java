package dev.ktstr.cli.stats;

import dev.ktstr.api.layout.SidecarDirs;
import dev.ktstr.api.env.Env;
import dev.ktstr.api.KtstrException;
import dev.ktstr.api.Providers;
import dev.ktstr.api.Spi;
import dev.ktstr.api.codec.CompactCodec;
import dev.ktstr.api.read.CachedProjection;
import dev.ktstr.api.read.SidecarReader;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.CommitProbe;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.api.store.WalkProblem;
import dev.ktstr.report.StatsJson;
import dev.ktstr.report.StatsReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stats}: without a subcommand, the report of the newest run (or of
 * {@code KTSTR_SIDECAR_DIR}); its subcommands list, explain and compare runs. Register it under
 * a root command, or run it alone, with {@link #commandLine(StatsCommand)}.
 */
@Command(name = "stats",
        description = {"Print sidecar analysis from the most recent test run.", "",
            "Reads KTSTR_SIDECAR_DIR when set and non-empty, else the newest run directory under"
                + " {CARGO_TARGET_DIR or \"target\"}/ktstr/ (or under --dir), and prints gauntlet analysis,"
                + " BPF verifier stats, callback profile and KVM stats. Use `list` to see runs and"
                + " `compare` to contrast two partitions of the pool."})
public final class StatsCommand implements Callable<Integer> {
    /** The stderr notice when there is nothing to report (exit 0). */
    static final String NO_DATA = "cargo ktstr: no sidecar data found (skipped)";
    /** The filesystem store's provider name: what {@code --dir} directories are read with. */
    static final String FS_STORE = "fs";

    private final Env env;
    private final SidecarReader reader;
    private final boolean stdoutTerminal;
    private final Supplier<CommitProbe> probe;
    private final Path projectDir;
    private SidecarReader fsReader;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Runs root to take the newest run from, instead of KTSTR_SIDECAR_DIR or the default"
                    + " runs root (typically target/ktstr/). Not in upstream.")
    String dir;

    @Option(names = "--json", description = "Emit JSON instead of text (shape: docs/cli-json.md). Not in upstream.")
    boolean json;

    @Option(names = "--no-cache", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Read and parse every sidecar, neither using nor updating the pool index"
                    + " (also KTSTR_CACHE=off). Not in upstream.")
    boolean noCache;

    /**
     * What compare, matrix and trend keep of a sidecar, cacheable in the store's pool index in
     * the API's compact binary form (as sidecar JSON those records took ~4 KB each and reading
     * them back was slower than reparsing the files: docs/PERFORMANCE.md, "Persistent pool index").
     * The sharing decoder decodes the host's string maps and repeated strings once per distinct
     * value: the host is most of an entry.
     */
    static final CachedProjection COMPARE_PROJECTION =
            new CachedProjection("compare.projection", dev.ktstr.report.compare.Compare::projection,
                    dev.ktstr.report.compare.Compare.class, CompactCodec::encode, CompactCodec.sharingDecoder()::decode);

    /**
     * The subcommands, by name in help order. The {@code @Command} annotation lists none so that
     * the CLI can give picocli a model of only the one a command line runs (start-up).
     *
     * @return a new map of command name to a factory of that command
     */
    public static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("list", ListCommand::new);
        m.put("list-metrics", ListMetricsCommand::new);
        m.put("list-values", ListValuesCommand::new);
        m.put("show-host", ShowHostCommand::new);
        m.put("explain-sidecar", ExplainSidecarCommand::new);
        m.put("compare", CompareCommand::new);
        m.put("matrix", MatrixCommand::new);
        m.put("trend", TrendCommand::new);
        return m;
    }

    /**
     * A picocli command line of {@code stats} with every subcommand, to run it alone or register
     * it under a root command of one's own.
     *
     * @param stats the stats command (e.g. {@link #withEnv})
     * @return the command line
     */
    public static CommandLine commandLine(StatsCommand stats) {
        CommandLine cl = new CommandLine(stats);
        subcommands().forEach((name, command) -> cl.addSubcommand(name, command.get()));
        return cl;
    }

    /**
     * The stats command over the process environment and the provider-selected store. Its reads
     * record no meters (a CLI exports none, and Micrometer would cost its start-up); embedders
     * who want them pass their own reader.
     */
    public StatsCommand() {
        this(Env.system(), SidecarReader.builder().metered(false).build(), System.console() != null);
    }

    /**
     * The stats command over a given environment and reader (tests, embedding).
     *
     * @param env where {@code CARGO_TARGET_DIR} and {@code KTSTR_SIDECAR_DIR} are read
     * @param reader how sidecars are read; should use the same {@code env}
     * @param stdoutTerminal whether stdout is a terminal (enables colour in {@code compare})
     */
    public StatsCommand(Env env, SidecarReader reader, boolean stdoutTerminal) {
        this(env, reader, stdoutTerminal, Providers::probe, Path.of("").toAbsolutePath());
    }

    /**
     * The stats command with its git access given too (tests, embedding).
     *
     * @param env where {@code CARGO_TARGET_DIR} and {@code KTSTR_SIDECAR_DIR} are read
     * @param reader how sidecars are read; should use the same {@code env}
     * @param stdoutTerminal whether stdout is a terminal (enables colour in {@code compare})
     * @param probe finds the commit probe that expands {@code compare}'s commit revspecs; called
     *     at most once per command, only when a commit filter needs it; may throw
     *     {@link dev.ktstr.api.ProviderException} (the values then stay literal)
     * @param projectDir where {@code compare} looks for the project repository (upward) and
     *     resolves a relative {@code KTSTR_KERNEL}; the process working directory by default
     */
    public StatsCommand(Env env, SidecarReader reader, boolean stdoutTerminal, Supplier<CommitProbe> probe,
            Path projectDir) {
        this.env = Objects.requireNonNull(env, "env");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.stdoutTerminal = stdoutTerminal;
        this.probe = Objects.requireNonNull(probe, "probe");
        this.projectDir = projectDir.toAbsolutePath();
    }

    /**
     * A stats command whose reader uses {@code env}, with colour off and no read meters.
     *
     * @param env where {@code CARGO_TARGET_DIR}, {@code KTSTR_SIDECAR_DIR} and the reader's settings are read
     * @return the command, to register or to run with {@link #commandLine(StatsCommand)}
     */
    public static StatsCommand withEnv(Env env) {
        return new StatsCommand(env, SidecarReader.builder().env(env).metered(false).build(), false);
    }

    Env env() {
        return env;
    }

    SidecarReader reader() {
        return reader;
    }

    /**
     * The reader for a {@code --dir DIR} (or {@code KTSTR_SIDECAR_DIR}) option: a directory is
     * read with the filesystem store whatever store is selected; without one, the selected
     * store's reader.
     */
    SidecarReader reader(String dirOption) {
        if (dirOption == null || isFilesystem(reader)) {
            return noCache ? reader.uncached() : reader;
        }
        SidecarReader fs = fsReader;
        if (fs == null) {
            fs = SidecarReader.builder().env(env).store(Providers.named(Spi.STORE, FS_STORE)).metered(false).build();
            fsReader = fs;
        }
        return noCache ? fs.uncached() : fs;
    }

    static boolean isFilesystem(SidecarReader r) {
        return FS_STORE.equals(r.store().name());
    }

    /**
     * A store without files that could not be read (server down, database missing) is an error,
     * not an empty pool: upstream's "unreadable directory" diagnostics are for directories.
     */
    static void failIfUnreadable(SidecarReader r, List<WalkProblem> problems) {
        if (!isFilesystem(r) && !problems.isEmpty()) {
            throw new KtstrException(problems.get(0).detail());
        }
    }

    boolean stdoutTerminal() {
        return stdoutTerminal;
    }

    Supplier<CommitProbe> probe() {
        return probe;
    }

    Path projectDir() {
        return projectDir;
    }

    /**
     * {@code --dir} when given, else the selected store's default root. A directory is checked to
     * be one (a FIFO given as a root must not hang the walk); a database root is the store's own.
     */
    String root(String dirOption) {
        if (dirOption != null) {
            return StatsIo.listableRoot(dirOption);
        }
        String root = reader.defaultRunsRoot();
        return isFilesystem(reader) ? StatsIo.listableRoot(root) : root;
    }

    @Override
    public Integer call() {
        return StatsIo.guarded(spec, this::report);
    }

    /** {@link SidecarReader#currentRunLocation()}, refusing a default runs root that is a FIFO, socket or device. */
    private Optional<String> currentRunLocation() throws IOException {
        if (SidecarDirs.override(env).isEmpty() && isFilesystem(reader)) {
            StatsIo.listableRoot(reader.defaultRunsRoot());
        }
        return reader.currentRunLocation();
    }

    private int report() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> location;
        // A directory (--dir, or KTSTR_SIDECAR_DIR) is read with the filesystem store.
        SidecarReader r = reader(dir != null ? dir : SidecarDirs.override(env).orElse(null));
        try {
            location = dir != null ? r.listRuns(root(dir)).stream().findFirst().map(RunInfo::location)
                    : currentRunLocation();
        } catch (IOException e) {
            if (!isFilesystem(r)) {
                throw new KtstrException(e.getMessage(), e);
            }
            location = Optional.empty(); // upstream: an unreadable runs root has no newest run
        }
        List<SidecarResult> sidecars = List.of();
        if (location.isPresent()) {
            RunCollection<SidecarResult> run = r.collect(location.get());
            failIfUnreadable(r, run.problems());
            StatsIo.diagnostics(err, run);
            sidecars = run.values();
        }
        if (sidecars.isEmpty()) {
            err.println(NO_DATA);
            return 0;
        }
        if (json) {
            out.print(StatsJson.render(location.get(), sidecars));
            out.print('\n');
        } else {
            out.print(StatsReport.render(sidecars));
        }
        return 0;
    }
}
