package dev.ktstr.report.render;

import dev.ktstr.report.compare.CompareResult;
import dev.ktstr.report.compare.Dimension;
import dev.ktstr.report.compare.GroupPassCount;
import dev.ktstr.report.compare.MetricComparison;
import dev.ktstr.report.compare.RowFilter;
import dev.ktstr.report.compare.Verdict;
import dev.ktstr.report.text.RustFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The GitHub-flavoured Markdown rendering of a compare, for a pull-request comment or a CI job
 * summary: a summary line, the regressions and improvements in a table, the unchanged rows folded
 * in a {@code <details>} block, the per-group pass counts.
 */
public final class CompareMarkdown {
    private CompareMarkdown() {
    }

    /**
     * The Markdown text, ending with a newline.
     *
     * @param r the comparison
     * @param filterA side A's effective filter (shown in the header)
     * @param filterB side B's effective filter
     * @return the Markdown text
     */
    public static String render(CompareResult r, RowFilter filterA, RowFilter filterB) {
        StringBuilder out = new StringBuilder();
        String a = Markdown.text(r.labelA());
        String b = Markdown.text(r.labelB());
        out.append("### ktstr compare: ").append(a).append(" \u2192 ").append(b).append("\n\n");
        out.append(r.regressions() > 0 ? ":red_circle: " : ":white_check_mark: ")
                .append("**").append(r.regressions()).append(" regressions**, ").append(r.improvements())
                .append(" improvements, ").append(r.unchanged()).append(" unchanged");
        if (r.skippedFailed() > 0) {
            out.append(", ").append(r.skippedFailed()).append(" pairs skipped because a side failed");
        }
        out.append(" \u2014 slicing on ")
                .append(Markdown.text(r.slicing().stream().map(Dimension::cliName).collect(Collectors.joining(", "))))
                .append("; A = ").append(Markdown.code(CompareRows.filterText(filterA))).append(" (")
                .append(r.rowsA()).append(" sidecars), B = ").append(Markdown.code(CompareRows.filterText(filterB)))
                .append(" (").append(r.rowsB()).append(" sidecars); ").append(Markdown.text(CompareRows.thresholds(r)))
                .append(".\n\n");
        List<CompareRows.Row> rows = CompareRows.rows(r);
        List<CompareRows.Row> changed = rows.stream().filter(x -> x.c().verdict() != Verdict.UNCHANGED).toList();
        List<CompareRows.Row> unchanged = rows.stream().filter(x -> x.c().verdict() == Verdict.UNCHANGED).toList();
        if (changed.isEmpty()) {
            out.append("No metric crossed its thresholds.\n\n");
        } else {
            table(out, changed, a, b);
            out.append('\n');
        }
        if (!unchanged.isEmpty()) {
            out.append("<details><summary>").append(unchanged.size()).append(" unchanged rows</summary>\n\n");
            table(out, unchanged, a, b);
            out.append("\n</details>\n\n");
        }
        if (!r.groups().isEmpty()) {
            out.append("<details><summary>Per-group pass counts</summary>\n\n");
            out.append("| group | ").append(a).append(" | ").append(b).append(" |\n|---|---:|---:|\n");
            for (GroupPassCount g : r.groups()) {
                out.append("| ").append(Markdown.text(g.scenario() + "/" + g.topology() + "/" + g.workType()))
                        .append(" | ").append(g.a().map(c -> c.passes() + "/" + c.total()).orElse("-"))
                        .append(" | ").append(g.b().map(c -> c.passes() + "/" + c.total()).orElse("-"))
                        .append(" |\n");
            }
            out.append("\n</details>\n\n");
        }
        if (!r.newInB().isEmpty()) {
            out.append(r.newInB().size()).append(" row(s) new in ").append(b).append(".\n");
        }
        if (!r.removedFromA().isEmpty()) {
            out.append(r.removedFromA().size()).append(" row(s) removed from ").append(a).append(".\n");
        }
        String host = dev.ktstr.report.HostReport.compareSection(r.hostA(), r.hostB(), r.labelA(), r.labelB()).strip();
        if (!host.isEmpty()) {
            out.append("\n<details><summary>Host</summary>\n\n```\n")
                    .append(dev.ktstr.report.text.TerminalText.visibleLines(host).replace("```", "'''"))
                    .append("\n```\n\n</details>\n");
        }
        return out.toString();
    }

    private static void table(StringBuilder out, List<CompareRows.Row> rows, String a, String b) {
        out.append("| test | metric | ").append(a).append(" | ").append(b).append(" | delta | verdict |\n");
        out.append("|---|---|---:|---:|---:|---|\n");
        for (CompareRows.Row row : rows) {
            MetricComparison c = row.c();
            String verdict = switch (c.verdict()) {
                case REGRESSION -> ":red_circle: **REGRESSION**";
                case IMPROVEMENT -> ":green_circle: improvement";
                default -> "unchanged";
            };
            out.append("| ").append(Markdown.code(row.test())).append(" | ").append(Markdown.code(c.metric().name()))
                    .append(" | ").append(RustFormat.fixed(c.a(), 2)).append(" | ").append(RustFormat.fixed(c.b(), 2))
                    .append(" | ").append(RustFormat.signedFixed(c.delta(), 2)).append(Markdown.text(c.metric().displayUnit()))
                    .append(" | ").append(verdict).append(" |\n");
        }
    }
}
