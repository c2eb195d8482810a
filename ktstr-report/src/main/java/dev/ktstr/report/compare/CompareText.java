package dev.ktstr.report.compare;

import dev.ktstr.report.HostReport;
import dev.ktstr.report.text.RustFormat;
import dev.ktstr.report.text.Table;
import dev.ktstr.report.text.TerminalText;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The text rendering of a {@link CompareResult}: upstream's stdout of {@code stats compare}. */
public final class CompareText {
    private static final String RED = "\u001b[38;5;9m";
    private static final String GREEN = "\u001b[38;5;10m";

    private CompareText() {
    }

    /**
     * Upstream's exact stdout, uncoloured, without the significance additions.
     *
     * @param r the comparison
     * @return the stdout text
     */
    public static String render(CompareResult r) {
        return render(r, false, false);
    }

    /**
     * The stdout text.
     *
     * @param colour colour the VERDICT cell (only when stdout is a terminal)
     * @param significance add a {@code P} column (Mann-Whitney p-value, or {@code n<3}) and a
     *     significance summary line; off reproduces upstream byte for byte
     * @param r the comparison
     * @return the stdout text
     */
    public static String render(CompareResult r, boolean colour, boolean significance) {
        StringBuilder out = new StringBuilder();
        out.append("slicing dimensions: ")
                .append(r.slicing().stream().map(Dimension::cliName).collect(Collectors.joining(", "))).append('\n');
        out.append("pairing on: scenario");
        if (!r.pairing().isEmpty()) {
            out.append(", ").append(r.pairing().stream().map(Dimension::cliName).collect(Collectors.joining(", ")));
        }
        out.append('\n');
        if (r.averaged()) {
            out.append("averaged across ").append(r.rowsA()).append(" runs (").append(r.labelA()).append(") and ")
                    .append(r.rowsB()).append(" runs (").append(r.labelB()).append(")\n");
        }
        List<String> header = new ArrayList<>(List.of("TEST", "METRIC", r.labelA(), r.labelB(), "DELTA", "VERDICT"));
        if (significance) {
            header.add("P");
        }
        Table table = new Table(header);
        for (Finding f : r.findings()) {
            MetricComparison c = f.comparison();
            List<String> row = new ArrayList<>(List.of(f.label(), c.metric().name(), RustFormat.fixed(c.a(), 2),
                    RustFormat.fixed(c.b(), 2), RustFormat.signedFixed(c.delta(), 2) + c.metric().displayUnit(),
                    f.isRegression() ? "REGRESSION" : "improvement"));
            if (significance) {
                row.add(c.significance().shortText());
            }
            table.addRow(row);
        }
        // Everything but the table's own colour codes comes from sidecars or arguments: shown, not obeyed
        // (the table escapes its cells itself).
        String head = TerminalText.visibleLines(out.toString());
        String tableText = table.render((row, col) -> colour && col == 5
                ? (r.findings().get(row).isRegression() ? RED : GREEN) : null);
        out.setLength(0);
        out.append('\n');
        out.append('\n');
        out.append("summary: ").append(r.regressions()).append(" regressions, ").append(r.improvements())
                .append(" improvements, ").append(r.unchanged()).append(" unchanged\n");
        if (significance) {
            long tested = r.findings().stream()
                    .filter(f -> f.comparison().significance().state() != Significance.State.TOO_FEW_TRIALS).count();
            long sig = r.findings().stream()
                    .filter(f -> f.comparison().significance().state() == Significance.State.SIGNIFICANT).count();
            out.append("significance: ").append(sig).append(" of ").append(r.findings().size())
                    .append(" changes significant at alpha=").append(RustFormat.display(r.alpha()))
                    .append(" (Mann-Whitney U, two-sided); ").append(r.findings().size() - tested)
                    .append(" with fewer than ").append(Significance.MIN_TRIALS)
                    .append(" trials per side: no test possible\n");
        }
        if (r.skippedFailed() > 0) {
            out.append("  ").append(r.skippedFailed())
                    .append(" pairing-key row pair(s) skipped because one or both sides failed\n");
        }
        if (r.averaged() && !r.groups().isEmpty()) {
            out.append("\nper-group pass counts (passes_observed/total_observed):\n");
            for (GroupPassCount g : r.groups()) {
                out.append("  ").append(g.scenario()).append('/').append(g.topology()).append('/').append(g.workType())
                        .append(": ").append(r.labelA()).append('=')
                        .append(g.a().map(GroupPassCount.Counts::text).orElse("-")).append(' ').append(r.labelB())
                        .append('=').append(g.b().map(GroupPassCount.Counts::text).orElse("-")).append('\n');
            }
        }
        if (!r.newInB().isEmpty()) {
            out.append("  ").append(r.newInB().size()).append(" row(s) new in '").append(r.labelB())
                    .append("' (no matching key in '").append(r.labelA()).append("')\n");
        }
        if (!r.removedFromA().isEmpty()) {
            out.append("  ").append(r.removedFromA().size()).append(" row(s) removed from '").append(r.labelA())
                    .append("' (no matching key in '").append(r.labelB()).append("')\n");
        }
        out.append(HostReport.compareSection(r.hostA(), r.hostB(), r.labelA(), r.labelB()));
        return head + tableText + TerminalText.visibleLines(out.toString());
    }

    /**
     * The stderr notices (slicing on several dimensions, dirty builds), concatenated.
     *
     * @param r the comparison
     * @return the notices, each ending with a newline; empty when none
     */
    public static String warnings(CompareResult r) {
        return TerminalText.visibleLines(String.join("", r.warnings()));
    }
}
