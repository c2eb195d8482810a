package dev.ktstr.report.trend;

import dev.ktstr.report.GauntletRow;
import dev.ktstr.report.MetricDef;
import dev.ktstr.report.compare.ComparisonPolicy;
import dev.ktstr.report.compare.PooledSidecar;
import dev.ktstr.report.compare.RowFilter;
import dev.ktstr.report.compare.Verdict;
import dev.ktstr.report.matrix.Axis;
import dev.ktstr.report.text.RustFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One metric across cohorts (project commits, kernels or runs), oldest first, per test. A
 * cohort's time is its earliest sidecar timestamp; a test's value in a cohort is the mean of its
 * passing trials there. Each value is judged against the test's previous value with the gates of
 * {@code stats compare} (the registry's absolute gate, the policy's or registry's relative gate):
 * the first point that crosses them is the test's crossing.
 *
 * @param metric the metric
 * @param by what a cohort is
 * @param cohorts cohort names, oldest first
 * @param firstSeen each cohort's earliest sidecar timestamp, as written
 * @param tests one line per test, tests in UTF-8 byte order
 * @param sidecars sidecars counted (those the filter matched)
 * @param relThreshold the relative gate (a fraction)
 */
public record MetricTrend(MetricDef metric, Axis by, List<String> cohorts, List<String> firstSeen, List<Line> tests,
        int sidecars, double relThreshold) {
    /**
     * Copies the lists; the record is immutable.
     *
     * @param metric the metric
     * @param by what a cohort is
     * @param cohorts cohort names, oldest first
     * @param firstSeen each cohort's earliest sidecar timestamp, as written
     * @param tests one line per test, tests in UTF-8 byte order
     * @param sidecars sidecars counted (those the filter matched)
     * @param relThreshold the relative gate (a fraction)
     */
    public MetricTrend {
        cohorts = List.copyOf(cohorts);
        firstSeen = List.copyOf(firstSeen);
        tests = List.copyOf(tests);
    }

    /** The axes that may define cohorts. */
    public static final List<Axis> COHORT_AXES = List.of(Axis.PROJECT_COMMIT, Axis.KERNEL, Axis.RUN);

    /** One test's values across the cohorts. */
    public record Line(String test, List<Point> points) {
        /**
         * Copies {@code points}; the record is immutable.
         *
         * @param test the test name
         * @param points one point per cohort, in cohort order (copied)
         */
        public Line {
            points = List.copyOf(points);
        }

        /**
         * The index of the first point whose verdict is a regression or an improvement.
         *
         * @return the point's index, or empty when no point crosses the gates
         */
        public OptionalInt crossing() {
            for (int i = 0; i < points.size(); i++) {
                Verdict v = points.get(i).verdict();
                if (v == Verdict.REGRESSION || v == Verdict.IMPROVEMENT) {
                    return OptionalInt.of(i);
                }
            }
            return OptionalInt.empty();
        }
    }

    /**
     * A test in a cohort.
     *
     * @param value mean over the passing trials, NaN when there are none
     * @param trials every passing trial's value
     * @param passes passing trials
     * @param total sidecars of the test in the cohort (0: the test did not run there)
     * @param verdict against the test's previous value; {@link Verdict#BOTH_ZERO} when there is
     *     none to compare with (the first value, or no value)
     * @param delta value minus the previous value (NaN when none)
     */
    public record Point(double value, List<Double> trials, int passes, int total, Verdict verdict, double delta) {
        /**
         * Copies {@code trials}; the record is immutable.
         *
         * @param value mean over the passing trials, NaN when there are none
         * @param trials every passing trial's value
         * @param passes passing trials
         * @param total sidecars of the test in the cohort (0: the test did not run there)
         * @param verdict against the test's previous value; {@link Verdict#BOTH_ZERO} when there is
         *     none to compare with (the first value, or no value)
         * @param delta value minus the previous value (NaN when none)
         */
        public Point {
            trials = List.copyOf(trials);
        }

        /**
         * Whether the test has a value in the cohort.
         *
         * @return {@code false} when no trial passed there
         */
        public boolean hasValue() {
            return !Double.isNaN(value);
        }
    }

    /**
     * Computes the trend.
     *
     * @param pool every pooled sidecar
     * @param filter which sidecars count
     * @param metric the metric
     * @param by the cohort axis: {@link #COHORT_AXES}
     * @param policy relative gates ({@link ComparisonPolicy#empty()}: the registry's)
     * @param archiveOverride read every run source as {@code archive}
     * @return the trend
     */
    public static MetricTrend of(List<PooledSidecar> pool, RowFilter filter, MetricDef metric, Axis by,
            ComparisonPolicy policy, boolean archiveOverride) {
        if (!COHORT_AXES.contains(by)) {
            throw new IllegalArgumentException("trend cohorts are project-commit, kernel or run, not " + by.cliName());
        }
        List<Axis> testAxes = new ArrayList<>(List.of(Axis.TEST, Axis.KERNEL, Axis.SCHEDULER, Axis.TOPOLOGY,
                Axis.WORK_TYPE, Axis.PROJECT_COMMIT, Axis.FLAGS));
        testAxes.remove(by);
        if (by == Axis.RUN) {
            testAxes.remove(Axis.KERNEL);
            testAxes.remove(Axis.PROJECT_COMMIT);
        }
        Map<String, String> firstSeen = new HashMap<>();
        Map<String, Map<String, List<GauntletRow>>> byTest = new TreeMap<>(RustFormat::compareUtf8);
        List<PooledSidecar.Match> matches = PooledSidecar.matching(pool, filter, archiveOverride);
        int counted = matches.size();
        for (PooledSidecar.Match m : matches) {
            GauntletRow row = m.row();
            String run = m.source().run();
            String cohort = by.value(row, run);
            firstSeen.merge(cohort, m.sidecar().timestamp(), (x, y) -> RustFormat.compareUtf8(x, y) <= 0 ? x : y);
            List<String> parts = new ArrayList<>();
            for (Axis a : testAxes) {
                parts.add(a == Axis.FLAGS && row.flags().isEmpty() ? "" : a.value(row, run));
            }
            byTest.computeIfAbsent(String.join("/", parts), k -> new HashMap<>())
                    .computeIfAbsent(cohort, k -> new ArrayList<>()).add(row);
        }
        List<String> cohorts = new ArrayList<>(firstSeen.keySet());
        cohorts.sort(Comparator.comparing((String c) -> firstSeen.get(c), RustFormat::compareUtf8)
                .thenComparing(RustFormat::compareUtf8));
        double rel = policy.relThreshold(metric);
        List<Line> lines = new ArrayList<>();
        for (var e : byTest.entrySet()) {
            List<Point> points = new ArrayList<>();
            double previous = Double.NaN;
            for (String cohort : cohorts) {
                List<GauntletRow> rows = e.getValue().getOrDefault(cohort, List.of());
                List<Double> trials = new ArrayList<>();
                for (GauntletRow r : rows) {
                    if (r.passed() && !r.skipped()) {
                        trials.add(metric.read(r).orElse(0.0));
                    }
                }
                double value = trials.isEmpty() ? Double.NaN
                        : trials.stream().mapToDouble(Double::doubleValue).sum() / trials.size();
                Verdict verdict = Verdict.BOTH_ZERO;
                double delta = Double.NaN;
                if (!Double.isNaN(value) && !Double.isNaN(previous)) {
                    delta = value - previous;
                    verdict = judge(metric, previous, value, rel);
                }
                points.add(new Point(value, trials, trials.size(), rows.size(), verdict, delta));
                if (!Double.isNaN(value)) {
                    previous = value;
                }
            }
            lines.add(new Line(e.getKey(), points));
        }
        List<String> seen = cohorts.stream().map(firstSeen::get).toList();
        return new MetricTrend(metric, by, cohorts, seen, lines, counted, rel);
    }

    /** The gates of {@code stats compare}, applied to one step. */
    static Verdict judge(MetricDef m, double a, double b, double relThreshold) {
        double eps = Math.ulp(1.0);
        if (Math.abs(a) < eps && Math.abs(b) < eps) {
            return Verdict.UNCHANGED;
        }
        double delta = b - a;
        double rel = Math.abs(a) > eps ? Math.abs(delta / a) : 0.0;
        if (Math.abs(delta) < m.defaultAbs() || rel < relThreshold) {
            return Verdict.UNCHANGED;
        }
        return (m.higherIsWorse() ? delta > 0.0 : delta < 0.0) ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
    }
}
