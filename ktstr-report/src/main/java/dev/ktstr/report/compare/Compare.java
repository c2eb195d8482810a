package dev.ktstr.report.compare;

import dev.ktstr.api.schema.HostContext;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.schema.Utf8Order;
import dev.ktstr.api.schema.U64;
import dev.ktstr.api.spi.PoolQuery;
import dev.ktstr.report.GauntletRow;
import dev.ktstr.report.MetricDef;
import dev.ktstr.report.MetricValues;
import dev.ktstr.report.Metrics;
import dev.ktstr.report.ReportException;
import dev.ktstr.report.text.RustFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * The A/B compare of a sidecar pool, as upstream's {@code stats compare} does it, plus a
 * Mann-Whitney U test per metric where each side has at least three passing trials.
 *
 * <p>The pool is first sorted by run name, then path (UTF-8 byte order), so every order that
 * upstream takes from the filesystem walk (finding order, first contributor of a group, host
 * context choice) is deterministic here.
 */
public final class Compare {
    private static final double EPSILON = Math.ulp(1.0);
    private static final MannWhitneyUTest MWU = MannWhitneyUTest.withDefaults();

    private Compare() {
    }

    /**
     * What a store may select before reading for a comparison of {@code a} and {@code b}: per
     * exact-match dimension, the union of both sides' values when both sides filter on it (a
     * side that does not filter needs every value). Kernel (prefix matching), flags (subset)
     * and the substring filter stay with {@link RowFilter#matches}. With the archive override
     * ({@code --dir}) every run source becomes {@code archive} after reading, so run source is
     * not pushed down then. The rows read are a superset of those either side matches.
     *
     * @param a side A's effective filter
     * @param b side B's effective filter
     * @param archiveOverride whether the pool comes from {@code --dir} (run source then not pushed down)
     * @return the per-field value sets a store may restrict its read to; no entry means any value
     */
    public static PoolQuery poolQuery(RowFilter a, RowFilter b, boolean archiveOverride) {
        Map<String, Set<String>> q = new LinkedHashMap<>();
        push(q, "project_commit", a, b, Dimension.PROJECT_COMMIT);
        push(q, "kernel_commit", a, b, Dimension.KERNEL_COMMIT);
        if (!archiveOverride) {
            push(q, "run_source", a, b, Dimension.RUN_SOURCE);
        }
        push(q, "scheduler", a, b, Dimension.SCHEDULER);
        push(q, "topology", a, b, Dimension.TOPOLOGY);
        push(q, "work_type", a, b, Dimension.WORK_TYPE);
        return new PoolQuery(q);
    }

    private static void push(Map<String, Set<String>> q, String field, RowFilter a, RowFilter b, Dimension d) {
        if (!a.get(d).isEmpty() && !b.get(d).isEmpty()) {
            Set<String> union = new LinkedHashSet<>(a.get(d));
            union.addAll(b.get(d));
            q.put(field, union);
        }
    }

    /**
     * Dimensions whose effective A and B value lists differ after sort and dedup.
     *
     * @param a side A's effective filter
     * @param b side B's effective filter
     * @return the dimensions that separate the sides, in {@link Dimension} order; empty when the sides are identical
     */
    public static List<Dimension> slicingDimensions(RowFilter a, RowFilter b) {
        List<Dimension> out = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            if (!RowFilter.sortedDedup(a.get(d)).equals(RowFilter.sortedDedup(b.get(d)))) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * A side's label: per slicing dimension its 1-3 values sorted and joined by {@code |}, else the letter.
     *
     * @param filter the side's effective filter
     * @param slicing the slicing dimensions (see {@link #slicingDimensions})
     * @param letter the fallback label, {@code A} or {@code B}
     * @return the label shown for the side
     */
    public static String sideLabel(RowFilter filter, List<Dimension> slicing, String letter) {
        if (slicing.isEmpty()) {
            return letter;
        }
        List<String> parts = new ArrayList<>();
        for (Dimension d : slicing) {
            List<String> values = filter.get(d);
            if (values.isEmpty() || values.size() > 3) {
                parts.add(letter);
            } else {
                parts.add(values.stream().sorted(RustFormat::compareUtf8).collect(Collectors.joining("|")));
            }
        }
        return String.join(":", parts);
    }

    /**
     * The pairing key of a row: scenario, then one value per pairing dimension.
     *
     * @param row the row to key
     * @param pairing the dimensions rows are paired on (not sliced on), in order
     * @return the scenario followed by one value per pairing dimension (absent as empty, commits
     *     without {@code -dirty})
     */
    public static List<String> pairingKey(GauntletRow row, List<Dimension> pairing) {
        List<String> key = new ArrayList<>(1 + pairing.size());
        key.add(row.scenario());
        for (Dimension d : pairing) {
            key.add(switch (d) {
                case KERNEL -> row.kernelVersion().orElse("");
                case SCHEDULER -> row.scheduler();
                case TOPOLOGY -> row.topology();
                case WORK_TYPE -> row.workType();
                case PROJECT_COMMIT -> stripDirty(row.commit());
                case KERNEL_COMMIT -> stripDirty(row.kernelCommit());
                case RUN_SOURCE -> row.runSource().orElse("");
                case FLAGS -> row.flags().stream().sorted(RustFormat::compareUtf8).collect(Collectors.joining("|"));
            });
        }
        return key;
    }

    /**
     * The message of an empty pool ({@code root} as the operator should read it).
     *
     * @param root the pool's directory as shown to the operator
     * @return the message for {@code stats compare}
     */
    public static String emptyPoolMessage(String root) {
        return emptyPoolMessage("compare", root);
    }

    /**
     * {@link #emptyPoolMessage(String)} for {@code stats <command>} (compare, matrix, trend).
     *
     * @param command the {@code stats} subcommand named in the message
     * @param root the pool's directory as shown to the operator
     * @return the message
     */
    public static String emptyPoolMessage(String command, String root) {
        return "stats " + command + ": no sidecar data found under " + root + ". Run `cargo ktstr test` to generate"
                + " runs, or pass --dir to point at an archived sidecar tree.";
    }

    /**
     * Compares the pool's A and B partitions.
     *
     * @param pool every pooled sidecar (any order; it is sorted first)
     * @param filterA side A's effective filter (see {@link RowFilter#effective})
     * @param filterB side B's effective filter
     * @param options gates, averaging, {@code -E}, α, archive override
     * @throws ReportException with upstream's messages: identical sides, empty pool (root shown
     *     as {@code (pool)}; callers that know the root should check {@link #emptyPoolMessage}
     *     first), a side matching nothing, duplicate keys under {@code --no-average}
     * @return the paired rows, findings and per-side counts
     */
    public static CompareResult run(List<PooledSidecar> pool, RowFilter filterA, RowFilter filterB,
            CompareOptions options) {
        List<Dimension> slicing = slicingDimensions(filterA, filterB);
        if (slicing.isEmpty()) {
            throw new ReportException("stats compare: A and B select identical rows. Specify at least one per-side"
                    + " filter (e.g. --a-kernel 6.14 --b-kernel 6.15) to define what dimension separates the two"
                    + " sides.");
        }
        List<String> warnings = new ArrayList<>();
        if (slicing.size() > 1) {
            warnings.add("warning: stats compare: slicing on " + slicing.size() + " dimensions ["
                    + slicing.stream().map(Dimension::cliName).collect(Collectors.joining(", "))
                    + "]; results compress multiple axes into a single A/B contrast.\n");
        }
        List<Dimension> pairing = Dimension.pairing(slicing);
        if (pool.isEmpty()) {
            throw new ReportException(emptyPoolMessage("(pool)"));
        }
        List<SidecarResult> sidecars = sortedPool(pool, options.archiveOverride());
        List<GauntletRow> rows = new ArrayList<>(sidecars.size());
        for (SidecarResult sc : sidecars) {
            rows.add(GauntletRow.of(sc));
        }
        List<GauntletRow> rowsA = new ArrayList<>();
        List<GauntletRow> rowsB = new ArrayList<>();
        Optional<HostContext> hostA = Optional.empty();
        Optional<HostContext> hostB = Optional.empty();
        for (int i = 0; i < rows.size(); i++) {
            GauntletRow r = rows.get(i);
            Optional<HostContext> host = sidecars.get(i).host();
            if (filterA.matches(r)) {
                rowsA.add(r);
                hostA = hostA.or(() -> host);
            }
            if (filterB.matches(r)) {
                rowsB.add(r);
                hostB = hostB.or(() -> host);
            }
        }
        if (rowsA.isEmpty()) {
            throw new ReportException(zeroMatchMessage("A", filterA, rows));
        }
        if (rowsB.isEmpty()) {
            throw new ReportException(zeroMatchMessage("B", filterB, rows));
        }
        dirtyWarning(rowsA, rowsB).ifPresent(warnings::add);

        List<Group> groupsA;
        List<Group> groupsB;
        if (options.average()) {
            groupsA = average(rowsA, pairing);
            groupsB = average(rowsB, pairing);
        } else {
            checkNoDuplicateKeys(rowsA, pairing, "A");
            checkNoDuplicateKeys(rowsB, pairing, "B");
            groupsA = singletons(rowsA, pairing);
            groupsB = singletons(rowsB, pairing);
        }
        String labelA = sideLabel(filterA, slicing, "A");
        String labelB = sideLabel(filterB, slicing, "B");
        return compareGroups(groupsA, groupsB, options, slicing, pairing, labelA, labelB, rowsA.size(), rowsB.size(),
                hostA, hostB, warnings);
    }

    /**
     * What a comparison reads of a sidecar and nothing more, for
     * {@code SidecarReader.pool(root, archive, Compare::projection)}: identity, pass/skip, the
     * stats' scalars and ext metrics, the monitor's summary and event deltas, and the host. A
     * pool of these holds a fraction of the heap of full records, which at 100,000 sidecars kept
     * the collector copying a gigabyte of survivors. {@link #run} gives the same result either way.
     *
     * @param s the full sidecar record
     * @return a copy carrying only the fields a comparison reads
     */
    public static SidecarResult projection(SidecarResult s) {
        return s.toBuilder()
                .metrics(List.of())
                .stimulusEvents(List.of())
                .verifierStats(List.of())
                .kvmStats(Optional.empty())
                .sysctls(List.of())
                .kargs(List.of())
                .stats(s.stats().toBuilder().cgroups(List.of()).build())
                .monitor(s.monitor().map(m -> m.toBuilder().schedstatDeltas(Optional.empty())
                        .progStatsDeltas(Optional.empty()).build()))
                .build();
    }

    private static List<SidecarResult> sortedPool(List<PooledSidecar> pool, boolean archive) {
        List<PooledSidecar> sorted = new ArrayList<>(pool);
        // By run, then path: one UTF-8 key each, NUL between (no file name holds one, and it
        // sorts before every other byte, so a run that prefixes another still sorts first).
        Utf8Order.sort(sorted, p -> p.run() + '\0' + p.path());
        List<SidecarResult> out = new ArrayList<>(sorted.size());
        for (PooledSidecar p : sorted) {
            out.add(p.sidecar(archive));
        }
        return out;
    }

    /** An averaged (or single) row with the trials behind it. */
    record Group(List<String> key, GauntletRow row, int passes, int total, List<GauntletRow> passingTrials) {
    }

    private static CompareResult compareGroups(List<Group> groupsA, List<Group> groupsB, CompareOptions options,
            List<Dimension> slicing, List<Dimension> pairing, String labelA, String labelB, int nA, int nB,
            Optional<HostContext> hostA, Optional<HostContext> hostB, List<String> warnings) {
        Map<List<String>, Group> firstA = new HashMap<>();
        for (Group g : groupsA) {
            firstA.putIfAbsent(g.key(), g);
        }
        Set<List<String>> keysB = new HashSet<>();
        for (Group g : groupsB) {
            keysB.add(g.key());
        }
        String filter = options.substringFilter();
        List<PairComparison> pairs = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<List<String>> newInB = new ArrayList<>();
        List<List<String>> removedFromA = new ArrayList<>();
        int regressions = 0;
        int improvements = 0;
        int unchanged = 0;
        int skippedFailed = 0;
        for (Group b : groupsB) {
            if (!haystack(b.row()).contains(filter)) {
                continue;
            }
            Group a = firstA.get(b.key());
            if (a == null) {
                newInB.add(b.key());
                continue;
            }
            GauntletRow ra = a.row();
            GauntletRow rb = b.row();
            if (!ra.passed() || !rb.passed() || ra.skipped() || rb.skipped()) {
                skippedFailed++;
                pairs.add(new PairComparison(b.key(), true, List.of(), a.passingTrials(), b.passingTrials()));
                continue;
            }
            List<MetricComparison> metrics = new ArrayList<>(Metrics.all().size());
            for (MetricDef m : Metrics.all()) {
                double va = m.read(ra).orElse(0.0);
                double vb = m.read(rb).orElse(0.0);
                double relThreshold = options.policy().relThreshold(m);
                double delta = vb - va;
                double rel = Math.abs(va) > EPSILON ? Math.abs(delta / va) : 0.0;
                Verdict verdict;
                if (Math.abs(va) < EPSILON && Math.abs(vb) < EPSILON) {
                    verdict = Verdict.BOTH_ZERO;
                } else if (Math.abs(delta) < m.defaultAbs() || rel < relThreshold) {
                    verdict = Verdict.UNCHANGED;
                    unchanged++;
                } else if (m.higherIsWorse() ? delta > 0.0 : delta < 0.0) {
                    verdict = Verdict.REGRESSION;
                    regressions++;
                } else {
                    verdict = Verdict.IMPROVEMENT;
                    improvements++;
                }
                Significance sig = significance(m, a, b, verdict, options.alpha());
                MetricComparison mc = new MetricComparison(m, va, vb, delta, rel, relThreshold, verdict, sig);
                metrics.add(mc);
                if (verdict == Verdict.REGRESSION || verdict == Verdict.IMPROVEMENT) {
                    findings.add(new Finding(b.key(), mc));
                }
            }
            pairs.add(new PairComparison(b.key(), false, metrics, a.passingTrials(), b.passingTrials()));
        }
        for (Group a : groupsA) {
            if (haystack(a.row()).contains(filter) && !keysB.contains(a.key())) {
                removedFromA.add(a.key());
            }
        }
        List<GroupPassCount> groups = options.average() ? passCounts(groupsA, groupsB) : List.of();
        return new CompareResult(slicing, pairing, labelA, labelB, options.average(), nA, nB, pairs, findings,
                regressions, improvements, unchanged, skippedFailed, newInB, removedFromA, groups, hostA, hostB,
                options.policy(), options.alpha(), warnings);
    }

    private static Significance significance(MetricDef m, Group a, Group b, Verdict verdict, double alpha) {
        int na = a.passingTrials().size();
        int nb = b.passingTrials().size();
        if (na < Significance.MIN_TRIALS || nb < Significance.MIN_TRIALS) {
            return new Significance(Significance.State.TOO_FEW_TRIALS, Double.NaN, na, nb);
        }
        double[] x = new double[na];
        double[] y = new double[nb];
        for (int i = 0; i < na; i++) {
            x[i] = m.read(a.passingTrials().get(i)).orElse(0.0);
        }
        for (int i = 0; i < nb; i++) {
            y[i] = m.read(b.passingTrials().get(i)).orElse(0.0);
        }
        double p = MWU.test(x, y).getPValue();
        if (Double.isNaN(p)) {
            p = 1.0; // every trial tied: no evidence of a shift
        }
        boolean gated = verdict == Verdict.REGRESSION || verdict == Verdict.IMPROVEMENT;
        return new Significance(gated && p < alpha ? Significance.State.SIGNIFICANT
                : Significance.State.NOT_SIGNIFICANT, p, na, nb);
    }

    private static String haystack(GauntletRow r) {
        return r.scenario() + " " + r.topology() + " " + r.scheduler() + " " + r.workType() + " "
                + String.join(",", r.flags());
    }

    private static List<Group> singletons(List<GauntletRow> rows, List<Dimension> pairing) {
        List<Group> out = new ArrayList<>(rows.size());
        for (GauntletRow r : rows) {
            boolean pass = r.passed() && !r.skipped();
            out.add(new Group(pairingKey(r, pairing), r, pass ? 1 : 0, 1, pass ? List.of(r) : List.of()));
        }
        return out;
    }

    private static void checkNoDuplicateKeys(List<GauntletRow> rows, List<Dimension> pairing, String side) {
        TreeMap<List<String>, Integer> seen = new TreeMap<>(Compare::compareKeys);
        for (GauntletRow r : rows) {
            seen.merge(pairingKey(r, pairing), 1, Integer::sum);
        }
        for (var e : seen.entrySet()) {
            if (e.getValue() > 1) {
                throw new ReportException("stats compare --no-average: side " + side + " has " + e.getValue()
                        + " sidecars with the same pairing key "
                        + e.getKey().stream().map(ComparisonPolicy::rustDebug).collect(Collectors.joining(", ", "[", "]"))
                        + ". Either drop --no-average to average them, or add another --" + side.toLowerCase()
                        + "-X filter to disambiguate.");
            }
        }
    }

    static int compareKeys(List<String> x, List<String> y) {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = RustFormat.compareUtf8(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    /** Averages rows per pairing key (first-seen order), as upstream's group_and_average_by. */
    static List<Group> average(List<GauntletRow> rows, List<Dimension> pairing) {
        LinkedHashMap<List<String>, List<GauntletRow>> byKey = new LinkedHashMap<>();
        for (GauntletRow r : rows) {
            byKey.computeIfAbsent(pairingKey(r, pairing), k -> new ArrayList<>()).add(r);
        }
        List<Group> out = new ArrayList<>(byKey.size());
        for (var e : byKey.entrySet()) {
            out.add(averageGroup(e.getValue(), pairing));
        }
        return out;
    }

    private static Group averageGroup(List<GauntletRow> members, List<Dimension> pairing) {
        GauntletRow first = members.get(0);
        boolean anySkipped = false;
        boolean anyFailed = false;
        List<GauntletRow> passing = new ArrayList<>();
        for (GauntletRow r : members) {
            if (r.skipped()) {
                anySkipped = true;
            } else if (!r.passed()) {
                anyFailed = true;
            } else {
                passing.add(r);
            }
        }
        int n = passing.size();
        double denom = n == 0 ? 1.0 : n;
        MetricValues avgValues = MetricValues.of(m -> averageBits(m, passing, denom));
        TreeMap<String, double[]> ext = new TreeMap<>(RustFormat::compareUtf8);
        for (GauntletRow r : passing) {
            r.extMetrics().forEach((k, v) -> {
                double[] acc = ext.computeIfAbsent(k, x -> new double[2]);
                acc[0] += v;
                acc[1] += 1;
            });
        }
        Map<String, Double> extAvg = new TreeMap<>(RustFormat::compareUtf8);
        ext.forEach((k, acc) -> extAvg.put(k, acc[0] / acc[1]));
        GauntletRow avg = new GauntletRow(first.scenario(), first.topology(), first.workType(), first.scheduler(),
                first.kernelVersion(), mixedDirty(members, true), mixedDirty(members, false), first.flags(),
                first.runSource(), !anyFailed && !anySkipped && n > 0, anySkipped, avgValues, extAvg);
        // Upstream keys the averaged row again: a "+mixed" commit keeps its suffix and pairs with nothing clean.
        return new Group(pairingKey(avg, pairing), avg, n, members.size(), List.copyOf(passing));
    }

    /**
     * A metric's mean over the passing trials, as upstream's {@code group_and_average_by} takes
     * it for the metric's Rust type: floats summed in order and divided; integers summed
     * (wrapping, as the Rust sum of these values never does in practice), divided as f64,
     * rounded half away from zero and cast back saturating (a u32 is capped at {@code u32::MAX}).
     */
    private static long averageBits(MetricDef m, List<GauntletRow> passing, double denom) {
        if (m.kind() == MetricDef.Kind.F64) {
            double sum = 0;
            for (GauntletRow r : passing) {
                sum += m.value(r);
            }
            return Double.doubleToRawLongBits(sum / denom);
        }
        long sum = 0;
        for (GauntletRow r : passing) {
            sum += r.values().bits(m);
        }
        return switch (m.kind()) {
            case U64 -> roundU64(sum, denom);
            case U32 -> Math.min(roundU64(sum, denom), U64.U32_MAX);
            case I64 -> RustFormat.saturatingToI64(RustFormat.roundHalfAwayFromZero((double) sum / denom));
            case F64 -> throw new AssertionError(m);
        };
    }

    private static long roundU64(long sumBits, double denom) {
        return RustFormat.saturatingToU64(RustFormat.roundHalfAwayFromZero(U64.toDouble(sumBits) / denom));
    }

    /** {@code base+mixed} when the group mixes {@code -dirty} and clean commits, else the first value. */
    private static Optional<String> mixedDirty(List<GauntletRow> members, boolean project) {
        boolean anyClean = false;
        boolean anyDirty = false;
        String firstBase = null;
        for (GauntletRow r : members) {
            Optional<String> v = project ? r.commit() : r.kernelCommit();
            if (v.isEmpty()) {
                continue;
            }
            String s = v.get();
            boolean dirty = s.endsWith("-dirty");
            String base = dirty ? s.substring(0, s.length() - "-dirty".length()) : s;
            if (dirty) {
                anyDirty = true;
            } else {
                anyClean = true;
            }
            if (firstBase == null) {
                firstBase = base;
            }
        }
        if (anyClean && anyDirty) {
            return Optional.of(firstBase + "+mixed");
        }
        return project ? members.get(0).commit() : members.get(0).kernelCommit();
    }

    private static String stripDirty(Optional<String> commit) {
        if (commit.isEmpty()) {
            return "";
        }
        String s = commit.get();
        return s.endsWith("-dirty") ? s.substring(0, s.length() - "-dirty".length()) : s;
    }

    private static List<GroupPassCount> passCounts(List<Group> groupsA, List<Group> groupsB) {
        Comparator<GroupPassCount> order = Comparator.comparing(GroupPassCount::scenario, RustFormat::compareUtf8)
                .thenComparing(GroupPassCount::topology, RustFormat::compareUtf8)
                .thenComparing(GroupPassCount::workType, RustFormat::compareUtf8)
                .thenComparing(GroupPassCount::flags, Compare::compareKeys);
        // Counted by equal fields (the order above is 0 exactly for equal strings and lists),
        // then sorted once: a sorted map compared four strings per level of every lookup,
        // three lookups per group (half of a cached 20,000-sidecar compare's own samples).
        record Key(String scenario, String topology, String workType, List<String> flags) {
        }
        Map<Key, GroupPassCount> map = new HashMap<>();
        for (int side = 0; side < 2; side++) {
            for (Group g : side == 0 ? groupsA : groupsB) {
                GauntletRow r = g.row();
                Key key = new Key(r.scenario(), r.topology(), r.workType(), r.flags());
                GroupPassCount cur = map.get(key);
                if (cur == null) {
                    cur = new GroupPassCount(r.scenario(), r.topology(), r.workType(), r.flags(),
                            Optional.empty(), Optional.empty());
                }
                Optional<GroupPassCount.Counts> counts = Optional.of(new GroupPassCount.Counts(g.passes(), g.total()));
                GroupPassCount next = side == 0
                        ? new GroupPassCount(cur.scenario(), cur.topology(), cur.workType(), cur.flags(), counts, cur.b())
                        : new GroupPassCount(cur.scenario(), cur.topology(), cur.workType(), cur.flags(), cur.a(), counts);
                map.put(key, next);
            }
        }
        List<GroupPassCount> sorted = new ArrayList<>(map.values());
        sorted.sort(order);
        return List.copyOf(sorted);
    }

    /** Upstream's stderr warning about {@code -dirty} commits among the compared rows. */
    static Optional<String> dirtyWarning(List<GauntletRow> rowsA, List<GauntletRow> rowsB) {
        TreeSet<String> kernel = new TreeSet<>(RustFormat::compareUtf8);
        TreeSet<String> project = new TreeSet<>(RustFormat::compareUtf8);
        for (List<GauntletRow> rows : List.of(rowsA, rowsB)) {
            for (GauntletRow r : rows) {
                r.kernelCommit().filter(c -> c.endsWith("-dirty")).ifPresent(kernel::add);
                r.commit().filter(c -> c.endsWith("-dirty")).ifPresent(project::add);
            }
        }
        if (kernel.isEmpty() && project.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder("warning: comparison includes dirty builds:\n");
        kernel.forEach(v -> out.append("  - kernel source: ").append(v)
                .append(" (working tree may have changed since this run)\n"));
        project.forEach(v -> out.append("  - project: ").append(v)
                .append(" (working tree may have changed since this run)\n"));
        out.append("  Dirty runs overwrite previous results with the same HEAD.\n");
        out.append("  Commit changes for reproducible-ish comparisons.\n");
        return Optional.of(out.toString());
    }

    /** A hint per wanted commit that the pool holds only as {@code <commit>-dirty}. */
    private static void dirtyHints(StringBuilder msg, String flag, List<String> wanted, List<GauntletRow> rows,
            Function<GauntletRow, Optional<String>> commit) {
        for (String want : wanted) {
            String dirty = want + "-dirty";
            if (rows.stream().anyMatch(r -> commit.apply(r).filter(dirty::equals).isPresent())) {
                msg.append("\nhint: no rows match `").append(flag).append(' ').append(want).append("` but `")
                        .append(dirty).append("` exists in the pool \u2014 did you mean `").append(flag).append(' ')
                        .append(dirty).append("`?");
            }
        }
    }

    /** Upstream's message when a side matches no row, with its hints. */
    static String zeroMatchMessage(String side, RowFilter filter, List<GauntletRow> rows) {
        StringBuilder msg = new StringBuilder("stats compare: ").append(side).append(" side filter matched 0 sidecars in"
                + " pool (").append(rows.size()).append(" pooled). Check the per-side filters or confirm the runs exist"
                + " with `ktstr-sidecar stats list`.");
        dirtyHints(msg, "--project-commit", filter.get(Dimension.PROJECT_COMMIT), rows, GauntletRow::commit);
        dirtyHints(msg, "--kernel-commit", filter.get(Dimension.KERNEL_COMMIT), rows, GauntletRow::kernelCommit);
        List<String> sources = filter.get(Dimension.RUN_SOURCE);
        if (!sources.isEmpty()) {
            TreeSet<String> present = new TreeSet<>(RustFormat::compareUtf8);
            rows.forEach(r -> r.runSource().ifPresent(present::add));
            List<String> unknown = sources.stream().filter(s -> !present.contains(s)).toList();
            if (!unknown.isEmpty()) {
                String presentText = present.isEmpty() ? "(none \u2014 every row has `run_source: null`)"
                        : present.stream().map(s -> "`" + s + "`").collect(Collectors.joining(", "));
                msg.append("\nhint: --run-source ")
                        .append(unknown.stream().map(s -> "`" + s + "`").collect(Collectors.joining(", ")))
                        .append(" not found in pool; distinct values present: ").append(presentText)
                        .append(". Values are case-sensitive (`ci` \u2260 `CI`).");
            }
        }
        if (!filter.get(Dimension.PROJECT_COMMIT).isEmpty() || !filter.get(Dimension.KERNEL_COMMIT).isEmpty()) {
            msg.append("\nhint: run `ktstr-sidecar stats list-values` to see every distinct commit value present in the"
                    + " pool \u2014 the specific value the filter expected may not have a sidecar yet, or may differ"
                    + " from what was recorded by `detect_project_commit` / `detect_kernel_commit`.");
        }
        return msg.toString();
    }
}
