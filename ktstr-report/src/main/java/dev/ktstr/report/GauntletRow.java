package dev.ktstr.report;

import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.report.text.RustFormat;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One sidecar flattened for statistics: identity dimensions plus the value of every registry
 * metric ({@link Metrics}), all finite, and the ext metrics sorted by UTF-8 byte order.
 *
 * @param scenario the test name
 * @param topology the topology label
 * @param workType the work type
 * @param scheduler the scheduler
 * @param kernelVersion the kernel version, if recorded
 * @param commit the project commit, if recorded
 * @param kernelCommit the kernel commit, if recorded
 * @param flags the active flags
 * @param runSource the run source, if recorded
 * @param passed whether the test passed
 * @param skipped whether the test was skipped
 * @param values the registry metrics' values (read them through {@link MetricDef#value})
 * @param extMetrics the payload's ext metrics
 */
public record GauntletRow(
        String scenario,
        String topology,
        String workType,
        String scheduler,
        Optional<String> kernelVersion,
        Optional<String> commit,
        Optional<String> kernelCommit,
        List<String> flags,
        Optional<String> runSource,
        boolean passed,
        boolean skipped,
        MetricValues values,
        Map<String, Double> extMetrics) {

    /** The ext-metric key upstream's JSON walker uses to flag truncation; never a metric. */
    public static final String WALK_TRUNCATION_SENTINEL = "__walk_json_leaves_truncated";

    /**
     * Checks presence, copies the flags, sorts the ext metrics.
     *
     * @param scenario the test name
     * @param topology the topology label
     * @param workType the work type
     * @param scheduler the scheduler
     * @param kernelVersion the kernel version, if recorded
     * @param commit the project commit, if recorded
     * @param kernelCommit the kernel commit, if recorded
     * @param flags the active flags (copied)
     * @param runSource the run source, if recorded
     * @param passed whether the test passed
     * @param skipped whether the test was skipped
     * @param values the registry metrics' values
     * @param extMetrics the payload's ext metrics (copied, sorted by UTF-8 bytes)
     * @throws NullPointerException when a reference component is null
     */
    public GauntletRow {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(workType, "workType");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(kernelVersion, "kernelVersion");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(kernelCommit, "kernelCommit");
        flags = List.copyOf(flags);
        Objects.requireNonNull(runSource, "runSource");
        Objects.requireNonNull(values, "values");
        TreeMap<String, Double> sorted = new TreeMap<>(RustFormat::compareUtf8);
        sorted.putAll(extMetrics);
        extMetrics = Collections.unmodifiableSortedMap(sorted);
    }

    /**
     * Converts a sidecar, discarding sanitizer warnings.
     *
     * @param sidecar the sidecar
     * @return its row
     */
    public static GauntletRow of(SidecarResult sidecar) {
        return of(sidecar, w -> { });
    }

    /**
     * Converts a sidecar. A non-finite float metric becomes 0.0 and a non-finite ext metric is
     * dropped; each such event is reported to {@code warnings} with upstream's message text.
     *
     * @param sc the sidecar
     * @param warnings receives the sanitizer's warnings
     * @return its row
     */
    public static GauntletRow of(SidecarResult sc, Consumer<String> warnings) {
        Objects.requireNonNull(warnings, "warnings");
        String test = sc.testName();
        TreeMap<String, Double> ext = new TreeMap<>(RustFormat::compareUtf8);
        sc.stats().extMetrics().forEach((k, v) -> {
            if (WALK_TRUNCATION_SENTINEL.equals(k)) {
                return;
            }
            if (Double.isFinite(v)) {
                ext.put(k, v);
            } else {
                warnings.accept("dropping non-finite ext_metric; serde_json rejects NaN/Infinity test=" + test
                        + " metric=" + k + " value=" + RustFormat.display(v));
            }
        });
        MetricValues values = MetricValues.of(m -> {
            long bits = m.extract(sc);
            if (m.kind() != MetricDef.Kind.F64 || Double.isFinite(Double.longBitsToDouble(bits))) {
                return bits;
            }
            warnings.accept("non-finite f64 in GauntletRow field; substituting 0.0 test=" + test + " field="
                    + m.rowField() + " value=" + RustFormat.display(Double.longBitsToDouble(bits)));
            return Double.doubleToRawLongBits(0.0);
        });
        return new GauntletRow(test, sc.topology(), sc.workType(), sc.scheduler(), sc.kernelVersion(),
                sc.projectCommit(), sc.kernelCommit(), sc.activeFlags(), sc.runSource(), sc.passed(), sc.skipped(),
                values, ext);
    }
}
