package dev.ktstr.report.compare;

import dev.ktstr.api.schema.HostContext;
import java.util.List;
import java.util.Optional;

/**
 * Everything a compare found; the text and JSON renderings are two views of it.
 *
 * @param slicing dimensions whose A and B values differ
 * @param pairing the other dimensions, canonical order
 * @param labelA side-A label
 * @param labelB side-B label
 * @param averaged whether trials were averaged per pairing key
 * @param rowsA side-A rows before averaging (after the typed filters)
 * @param rowsB side-B rows before averaging
 * @param pairs every paired key, in side-B order
 * @param findings regressions and improvements, in pair then registry order
 * @param regressions count of regressions
 * @param improvements count of improvements
 * @param unchanged count of metric comparisons that failed a gate
 * @param skippedFailed pairs excluded because a side failed or was skipped
 * @param newInB side-B keys with no side-A match (that pass {@code -E})
 * @param removedFromA side-A keys with no side-B match (that pass {@code -E})
 * @param groups per-group pass counts (empty under {@code --no-average})
 * @param hostA host context of the first pooled sidecar matching A
 * @param hostB host context of the first pooled sidecar matching B
 * @param policy the gate overrides used
 * @param alpha the significance level
 * @param warnings stderr notices upstream prints (multi-dimension slicing, dirty builds), each
 *     complete with its newline
 */
public record CompareResult(List<Dimension> slicing, List<Dimension> pairing, String labelA, String labelB,
        boolean averaged, int rowsA, int rowsB, List<PairComparison> pairs, List<Finding> findings, int regressions,
        int improvements, int unchanged, int skippedFailed, List<List<String>> newInB, List<List<String>> removedFromA,
        List<GroupPassCount> groups, Optional<HostContext> hostA, Optional<HostContext> hostB,
        ComparisonPolicy policy, double alpha, List<String> warnings) {
    /**
     * Copies the lists; the record is immutable.
     *
     * @param slicing dimensions whose A and B values differ
     * @param pairing the other dimensions, canonical order
     * @param labelA side-A label
     * @param labelB side-B label
     * @param averaged whether trials were averaged per pairing key
     * @param rowsA side-A rows before averaging (after the typed filters)
     * @param rowsB side-B rows before averaging
     * @param pairs every paired key, in side-B order
     * @param findings regressions and improvements, in pair then registry order
     * @param regressions count of regressions
     * @param improvements count of improvements
     * @param unchanged count of metric comparisons that failed a gate
     * @param skippedFailed pairs excluded because a side failed or was skipped
     * @param newInB side-B keys with no side-A match (that pass {@code -E})
     * @param removedFromA side-A keys with no side-B match (that pass {@code -E})
     * @param groups per-group pass counts (empty under {@code --no-average})
     * @param hostA host context of the first pooled sidecar matching A
     * @param hostB host context of the first pooled sidecar matching B
     * @param policy the gate overrides used
     * @param alpha the significance level
     * @param warnings stderr notices upstream prints (multi-dimension slicing, dirty builds), each
     *     complete with its newline
     */
    public CompareResult {
        slicing = List.copyOf(slicing);
        pairing = List.copyOf(pairing);
        pairs = List.copyOf(pairs);
        findings = List.copyOf(findings);
        newInB = newInB.stream().map(List::copyOf).toList();
        removedFromA = removedFromA.stream().map(List::copyOf).toList();
        groups = List.copyOf(groups);
        warnings = List.copyOf(warnings);
    }

    /**
     * Upstream's exit status: 1 when at least one regression was found, else 0.
     *
     * @return the process exit status
     */
    public int exitCode() {
        return regressions > 0 ? 1 : 0;
    }

    /**
     * Regressions that are also statistically significant (Mann-Whitney p &lt; α).
     *
     * @return the count of regressions with p &lt; {@code alpha}
     */
    public long significantRegressions() {
        return findings.stream().filter(Finding::isRegression)
                .filter(f -> f.comparison().significance().state() == Significance.State.SIGNIFICANT).count();
    }
}
