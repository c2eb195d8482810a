package dev.ktstr.report;

import dev.ktstr.api.codec.SerdeJson;
import dev.ktstr.report.text.TerminalText;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.schema.Utf8Order;
import dev.ktstr.report.text.JsonText;
import dev.ktstr.report.text.RustFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** {@code stats list-values}: the distinct values per filterable dimension of a pool. */
public final class ValueList {
    private static final Comparator<Optional<String>> ABSENT_FIRST = (a, b) -> a.isEmpty()
            ? (b.isEmpty() ? 0 : -1) : b.isEmpty() ? 1 : RustFormat.compareUtf8(a.get(), b.get());

    private ValueList() {
    }

    /**
     * {@code s} reduced to the fields list-values reads (identity, commits, run source, flags),
     * for {@code SidecarReader.pool(root, archive, ValueList::dimensionsOnly)}: a pool of
     * these costs a fraction of the heap of full records.
     *
     * @param s the full sidecar record
     * @return a copy carrying only the dimension fields; every other field at its default
     */
    public static SidecarResult dimensionsOnly(SidecarResult s) {
        return SidecarResult.builder().testName(s.testName()).topology(s.topology()).scheduler(s.scheduler())
                .workType(s.workType()).activeFlags(s.activeFlags()).kernelVersion(s.kernelVersion())
                .projectCommit(s.projectCommit()).kernelCommit(s.kernelCommit()).runSource(s.runSource()).build();
    }

    /**
     * The eight value sets in output order (kernel, commit, kernel_commit, source, scheduler,
     * topology, work_type, flags), each sorted by bytes, absent first. Set
     * {@code archiveOverride} when the pool came from {@code --dir}.
     *
     * @param pool the sidecars to collect values from
     * @param archiveOverride whether every run's source reads as {@code archive}
     * @return dimension name to its distinct values (empty optional = absent), in output order
     */
    public static Map<String, List<Optional<String>>> values(List<SidecarResult> pool, boolean archiveOverride) {
        Map<String, List<Optional<String>>> out = new LinkedHashMap<>();
        out.put("kernel", collect(pool, SidecarResult::kernelVersion));
        out.put("commit", collect(pool, SidecarResult::projectCommit));
        out.put("kernel_commit", collect(pool, SidecarResult::kernelCommit));
        out.put("source", collect(pool, archiveOverride ? s -> Optional.of("archive") : SidecarResult::runSource));
        out.put("scheduler", collect(pool, s -> Optional.of(s.scheduler())));
        out.put("topology", collect(pool, s -> Optional.of(s.topology())));
        out.put("work_type", collect(pool, s -> Optional.of(s.workType())));
        Set<String> flags = new HashSet<>();
        pool.forEach(s -> flags.addAll(s.activeFlags()));
        out.put("flags", Utf8Order.sorted(flags).stream().map(Optional::of).toList());
        return out;
    }

    /** Upstream's text: per key a {@code key:} block, absent as {@code unknown}, blank line after.
     *
     * @param pool the sidecars to collect values from
     * @param archiveOverride whether every run's source reads as {@code archive}
     * @return the text report, one block per dimension
     */
    public static String text(List<SidecarResult> pool, boolean archiveOverride) {
        StringBuilder out = new StringBuilder();
        for (var e : values(pool, archiveOverride).entrySet()) {
            out.append(e.getKey()).append(":\n");
            if (e.getValue().isEmpty()) {
                out.append("  (no sidecars in pool)\n");
            }
            for (Optional<String> v : e.getValue()) {
                out.append("  ").append(v.orElse("unknown")).append('\n');
            }
            out.append('\n');
        }
        return TerminalText.visibleLines(out.toString()); // values from sidecars: shown, not obeyed
    }

    /** Upstream's JSON object (keys alphabetical, absent as null first) followed by a newline.
     *
     * @param pool the sidecars to collect values from
     * @param archiveOverride whether every run's source reads as {@code archive}
     * @return the pretty-printed JSON object and a trailing newline
     */
    public static String json(List<SidecarResult> pool, boolean archiveOverride) {
        TreeMap<String, List<Optional<String>>> sorted = new TreeMap<>(values(pool, archiveOverride));
        return SerdeJson.pretty(g -> {
            g.writeStartObject();
            for (var e : sorted.entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (Optional<String> v : e.getValue()) {
                    JsonText.writeOptString(g, v);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }) + "\n";
    }

    private static List<Optional<String>> collect(List<SidecarResult> pool,
            Function<SidecarResult, Optional<String>> f) {
        // Distinct first, then sort the few distinct values: a sorted set compared strings for
        // every sidecar (a third of a cached 100,000-sidecar list-values).
        Set<Optional<String>> distinct = new HashSet<>();
        pool.forEach(s -> distinct.add(f.apply(s)));
        List<Optional<String>> out = new ArrayList<>(distinct);
        out.sort(ABSENT_FIRST);
        return out;
    }
}
