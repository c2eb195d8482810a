package dev.ktstr.cli.stats;

import dev.ktstr.api.Providers;
import dev.ktstr.report.ReportException;
import dev.ktstr.report.compare.Compare;
import dev.ktstr.report.compare.CompareJson;
import dev.ktstr.report.compare.CompareOptions;
import dev.ktstr.report.compare.CompareResult;
import dev.ktstr.report.compare.CompareText;
import dev.ktstr.report.compare.ComparisonPolicy;
import dev.ktstr.report.compare.Dimension;
import dev.ktstr.report.compare.PooledSidecar;
import dev.ktstr.report.compare.RowFilter;
import dev.ktstr.report.render.CompareHtml;
import dev.ktstr.report.render.CompareJunit;
import dev.ktstr.report.render.CompareMarkdown;
import dev.ktstr.report.render.ReportFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stats compare}: A/B regressions between two filter-defined partitions of the pool. */
@Command(name = "compare", sortOptions = false,
        description = {"Compare two filter-defined partitions of the sidecar pool and report regressions across"
                + " slicing dimensions.", "",
            "A --a-X / --b-X pair gives side A and side B different values on dimension X: the dimensions where"
                + " the sides differ are the slicing dimensions, the others are the pairing dimensions rows are"
                + " joined on. A shared --X narrows both sides; a per-side --a-X / --b-X replaces the shared"
                + " --X for that side. Exit status 1 when at least one regression is found (and on errors).",
            "",
            "Beyond upstream: --alpha, --significance, --json and --all-pairs (Mann-Whitney U test per metric"
                + " over the trials of each side, at least 3 passing trials per side); --format"
                + " text|json|markdown|html|junit and --output FILE."})
final class CompareCommand implements Callable<Integer> {
    @ParentCommand
    StatsCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = {"-E", "--filter"}, paramLabel = "FILTER",
            description = "Substring filter, case-sensitive, matched against \"scenario topology scheduler"
                    + " work_type flags\" of each compared row.")
    String filter;

    /** {@code --threshold} and {@code --policy} exclude each other, as clap's conflicts_with. */
    static final class Gate {
        @Option(names = "--threshold", paramLabel = "THRESHOLD",
                description = "Uniform relative significance threshold in percent (e.g. 10 for 10%%) for every"
                        + " metric, replacing each metric's default. Same as a --policy of"
                        + " {\"default_percent\": N}. Conflicts with --policy.")
        Double threshold;

        @Option(names = "--policy", paramLabel = "POLICY",
                description = "JSON comparison policy file: {\"default_percent\": N, \"per_metric_percent\":"
                        + " {\"<metric>\": N}}, both keys optional, values in percent, non-negative. Per-metric"
                        + " value, then default_percent, then the registry default. Unknown keys and metric"
                        + " names are rejected (see `stats list-metrics`). Conflicts with --threshold.")
        String policy;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Gate gate;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Alternate runs root to pool (e.g. sidecar trees copied off a CI host). Defaults to"
                    + " {CARGO_TARGET_DIR or \"target\"}/ktstr/. Every sidecar read this way counts as run source"
                    + " `archive`.")
    String dir;

    @Option(names = "--no-average",
            description = "Keep every sidecar distinct instead of averaging trials per pairing key; fails when a"
                    + " side has two sidecars with one key.")
    boolean noAverage;

    @Option(names = "--kernel", paramLabel = "KERNEL", description = "Kernel version, both sides (repeatable, OR)."
            + " A major.minor value such as 6.12 matches 6.12 and 6.12.x; longer values match exactly.")
    List<String> kernel = new ArrayList<>();
    @Option(names = "--project-commit", paramLabel = "PROJECT_COMMIT",
            description = "Project commit, both sides (repeatable, OR, exact; e.g. abcdef1 or abcdef1-dirty)."
                    + " Git revspecs (HEAD, HEAD~2, branch, tag, hex prefix, A..B) are expanded to the short ids"
                    + " sidecars record, in the repository enclosing the working directory (HEAD of a dirty tree"
                    + " gets -dirty; a range gives every commit in it); anything else is used as typed.")
    List<String> projectCommit = new ArrayList<>();
    @Option(names = "--kernel-commit", paramLabel = "KERNEL_COMMIT",
            description = "Kernel source commit, both sides (repeatable, OR, exact). Revspecs expand as for"
                    + " --project-commit, in the KTSTR_KERNEL tree (a local cache entry means its recorded"
                    + " source tree); with KTSTR_KERNEL unset values are used as typed.")
    List<String> kernelCommit = new ArrayList<>();
    @Option(names = "--run-source", paramLabel = "RUN_SOURCE",
            description = "Run source (local, ci, archive), both sides (repeatable, OR, case-sensitive).")
    List<String> runSource = new ArrayList<>();
    @Option(names = "--scheduler", paramLabel = "SCHEDULER", description = "Scheduler, both sides (repeatable, OR).")
    List<String> scheduler = new ArrayList<>();
    @Option(names = "--topology", paramLabel = "TOPOLOGY",
            description = "Topology label (e.g. 1n2l4c1t), both sides (repeatable, OR).")
    List<String> topology = new ArrayList<>();
    @Option(names = "--work-type", paramLabel = "WORK_TYPE", description = "Work type, both sides (repeatable, OR).")
    List<String> workType = new ArrayList<>();
    @Option(names = "--flag", paramLabel = "FLAGS",
            description = "Active flag, both sides (repeatable, AND: every listed flag must be set).")
    List<String> flags = new ArrayList<>();

    @Option(names = "--a-kernel", paramLabel = "A_KERNEL", description = "Side A --kernel.")
    List<String> aKernel = new ArrayList<>();
    @Option(names = "--a-project-commit", paramLabel = "A_PROJECT_COMMIT", description = "Side A --project-commit.")
    List<String> aProjectCommit = new ArrayList<>();
    @Option(names = "--a-kernel-commit", paramLabel = "A_KERNEL_COMMIT", description = "Side A --kernel-commit.")
    List<String> aKernelCommit = new ArrayList<>();
    @Option(names = "--a-run-source", paramLabel = "A_RUN_SOURCE", description = "Side A --run-source.")
    List<String> aRunSource = new ArrayList<>();
    @Option(names = "--a-scheduler", paramLabel = "A_SCHEDULER", description = "Side A --scheduler.")
    List<String> aScheduler = new ArrayList<>();
    @Option(names = "--a-topology", paramLabel = "A_TOPOLOGY", description = "Side A --topology.")
    List<String> aTopology = new ArrayList<>();
    @Option(names = "--a-work-type", paramLabel = "A_WORK_TYPE", description = "Side A --work-type.")
    List<String> aWorkType = new ArrayList<>();
    @Option(names = "--a-flag", paramLabel = "A_FLAGS", description = "Side A --flag.")
    List<String> aFlags = new ArrayList<>();

    @Option(names = "--b-kernel", paramLabel = "B_KERNEL", description = "Side B --kernel.")
    List<String> bKernel = new ArrayList<>();
    @Option(names = "--b-project-commit", paramLabel = "B_PROJECT_COMMIT", description = "Side B --project-commit.")
    List<String> bProjectCommit = new ArrayList<>();
    @Option(names = "--b-kernel-commit", paramLabel = "B_KERNEL_COMMIT", description = "Side B --kernel-commit.")
    List<String> bKernelCommit = new ArrayList<>();
    @Option(names = "--b-run-source", paramLabel = "B_RUN_SOURCE", description = "Side B --run-source.")
    List<String> bRunSource = new ArrayList<>();
    @Option(names = "--b-scheduler", paramLabel = "B_SCHEDULER", description = "Side B --scheduler.")
    List<String> bScheduler = new ArrayList<>();
    @Option(names = "--b-topology", paramLabel = "B_TOPOLOGY", description = "Side B --topology.")
    List<String> bTopology = new ArrayList<>();
    @Option(names = "--b-work-type", paramLabel = "B_WORK_TYPE", description = "Side B --work-type.")
    List<String> bWorkType = new ArrayList<>();
    @Option(names = "--b-flag", paramLabel = "B_FLAGS", description = "Side B --flag.")
    List<String> bFlags = new ArrayList<>();

    @Option(names = "--alpha", paramLabel = "ALPHA", defaultValue = "0.05",
            description = "Significance level of the Mann-Whitney U test, in (0, 1) (default: ${DEFAULT-VALUE})."
                    + " Reported only; the exit status follows the threshold gates, as upstream. Not in upstream.")
    double alpha;

    @Option(names = "--significance",
            description = "Add a P column (Mann-Whitney p-value, or n<3) and a significance summary line to the"
                    + " text report. Not in upstream.")
    boolean significance;

    @Option(names = "--json", description = "Emit the comparison as JSON (shape: docs/cli-json.md); same as"
            + " --format json. Not in upstream.")
    boolean json;

    @Mixin
    FormatOptions formatOptions;

    @Option(names = "--all-pairs",
            description = "With --json, add every compared pair with every metric, not only the findings."
                    + " Not in upstream.")
    boolean allPairs;

    @Override
    public Integer call() {
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--alpha': " + alpha + " is not in (0, 1)");
        }
        ReportFormat format = formatOptions.resolve(spec, json, FormatOptions.all());
        if (allPairs && format != ReportFormat.JSON) {
            throw new ParameterException(spec.commandLine(), "--all-pairs requires --json");
        }
        return StatsIo.guarded(spec, () -> compare(format));
    }

    private int compare(ReportFormat format) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ComparisonPolicy policy = resolvePolicy();
        // Revspecs expand after the policy and before anything derives from filter values
        // (slicing dimensions, side labels), in upstream's flag order.
        CommitRevspecs revspecs = new CommitRevspecs(parent.probe(), parent.projectDir(),
                Providers.host().kernelRepositoryDir(parent.env()), err);
        List<String> sharedProject = revspecs.project("project-commit", projectCommit);
        List<String> sharedKernel = revspecs.kernel("kernel-commit", kernelCommit);
        List<String> aProject = revspecs.project("a-project-commit", aProjectCommit);
        List<String> aKernelC = revspecs.kernel("a-kernel-commit", aKernelCommit);
        List<String> bProject = revspecs.project("b-project-commit", bProjectCommit);
        List<String> bKernelC = revspecs.kernel("b-kernel-commit", bKernelCommit);
        RowFilter shared = filter(kernel, sharedProject, sharedKernel, runSource, scheduler, topology, workType, flags);
        RowFilter a = RowFilter.effective(shared,
                filter(aKernel, aProject, aKernelC, aRunSource, aScheduler, aTopology, aWorkType, aFlags));
        RowFilter b = RowFilter.effective(shared,
                filter(bKernel, bProject, bKernelC, bRunSource, bScheduler, bTopology, bWorkType, bFlags));
        CompareOptions options = CompareOptions.defaults().withPolicy(policy).withAverage(!noAverage)
                .withAlpha(alpha).withArchiveOverride(dir != null)
                .withSubstringFilter(filter == null ? "" : filter);
        if (Compare.slicingDimensions(a, b).isEmpty()) {
            Compare.run(List.of(), a, b, options); // throws upstream's "identical rows" error before any I/O
        }
        // A store that can select before reading (PostgreSQL) reads only rows either side can match.
        List<PooledSidecar> pooled = PooledRead.pool(parent, dir, err, Compare.poolQuery(a, b, dir != null), "compare");
        CompareResult result = Compare.run(pooled, a, b, options);
        err.print(CompareText.warnings(result));
        err.flush();
        formatOptions.emit(out, switch (format) {
            case JSON -> CompareJson.render(result, allPairs) + "\n";
            case MARKDOWN -> CompareMarkdown.render(result, a, b);
            case HTML -> CompareHtml.render(result, a, b);
            case JUNIT -> CompareJunit.render(result);
            case TEXT -> CompareText.render(result, parent.stdoutTerminal() && formatOptions.output == null,
                    significance);
        });
        return result.exitCode();
    }

    private ComparisonPolicy resolvePolicy() {
        if (gate == null) {
            return ComparisonPolicy.empty();
        }
        if (gate.threshold != null) {
            return ComparisonPolicy.uniform(gate.threshold);
        }
        String text;
        try {
            text = Files.readString(Path.of(gate.policy), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException("read comparison policy from " + gate.policy + ": " + StatsIo.ioText(e));
        }
        return ComparisonPolicy.load(gate.policy, text);
    }

    /** A row filter of the eight dimensions, in {@link Dimension} terms (compare's sides, matrix, trend). */
    static RowFilter filter(List<String> kernels, List<String> projectCommits, List<String> kernelCommits,
            List<String> runSources, List<String> schedulers, List<String> topologies, List<String> workTypes,
            List<String> flagList) {
        Map<Dimension, List<String>> m = new EnumMap<>(Dimension.class);
        m.put(Dimension.KERNEL, kernels);
        m.put(Dimension.PROJECT_COMMIT, projectCommits);
        m.put(Dimension.KERNEL_COMMIT, kernelCommits);
        m.put(Dimension.RUN_SOURCE, runSources);
        m.put(Dimension.SCHEDULER, schedulers);
        m.put(Dimension.TOPOLOGY, topologies);
        m.put(Dimension.WORK_TYPE, workTypes);
        m.put(Dimension.FLAGS, flagList);
        return new RowFilter(m);
    }
}
