package dev.ktstr.cli.stats;

import dev.ktstr.report.compare.Dimension;
import dev.ktstr.report.compare.RowFilter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The typed filters of {@code stats matrix} and {@code stats trend}: compare's shared filters,
 * with compare's matching rules (OR within a dimension, AND across; kernel major.minor prefixes;
 * every listed flag). Values are matched as typed (no revspec expansion).
 */
final class FilterOptions {
    @Option(names = "--kernel", paramLabel = "KERNEL",
            description = "Kernel version (repeatable, OR); a major.minor value such as 6.12 matches 6.12.x.")
    List<String> kernel = new ArrayList<>();
    @Option(names = "--project-commit", paramLabel = "PROJECT_COMMIT",
            description = "Project commit as recorded (repeatable, OR, exact; e.g. abcdef1 or abcdef1-dirty).")
    List<String> projectCommit = new ArrayList<>();
    @Option(names = "--kernel-commit", paramLabel = "KERNEL_COMMIT",
            description = "Kernel source commit as recorded (repeatable, OR, exact).")
    List<String> kernelCommit = new ArrayList<>();
    @Option(names = "--run-source", paramLabel = "RUN_SOURCE",
            description = "Run source (local, ci, archive; repeatable, OR, case-sensitive).")
    List<String> runSource = new ArrayList<>();
    @Option(names = "--scheduler", paramLabel = "SCHEDULER", description = "Scheduler (repeatable, OR).")
    List<String> scheduler = new ArrayList<>();
    @Option(names = "--topology", paramLabel = "TOPOLOGY", description = "Topology label (repeatable, OR).")
    List<String> topology = new ArrayList<>();
    @Option(names = "--work-type", paramLabel = "WORK_TYPE", description = "Work type (repeatable, OR).")
    List<String> workType = new ArrayList<>();
    @Option(names = "--flag", paramLabel = "FLAGS", description = "Active flag (repeatable, AND).")
    List<String> flags = new ArrayList<>();

    RowFilter filter() {
        return CompareCommand.filter(kernel, projectCommit, kernelCommit, runSource, scheduler, topology, workType,
                flags);
    }

    /** The filter as {@code kernel=6.14 scheduler=scx_a}, or {@code (none)}. */
    String text() {
        List<String> parts = new ArrayList<>();
        RowFilter f = filter();
        for (Dimension d : Dimension.values()) {
            if (!f.get(d).isEmpty()) {
                parts.add(d.cliName() + "=" + String.join("|", f.get(d)));
            }
        }
        return parts.isEmpty() ? "(none)" : String.join(" ", parts);
    }
}
