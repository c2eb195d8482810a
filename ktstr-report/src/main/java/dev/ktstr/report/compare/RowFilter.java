package dev.ktstr.report.compare;

import dev.ktstr.report.GauntletRow;
import dev.ktstr.report.text.RustFormat;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One side's filter: values per dimension (empty = unconstrained). Kernels match exactly or as
 * a {@code major.minor} prefix; flags must all be present; other dimensions match any listed
 * value exactly. A row lacking an optional value never matches a populated filter.
 */
public record RowFilter(Map<Dimension, List<String>> values) {
    /**
     * Copies {@code values}, giving every dimension a list (empty when not given).
     *
     * @param values accepted values per dimension; a missing dimension is unconstrained
     */
    public RowFilter {
        EnumMap<Dimension, List<String>> copy = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            copy.put(d, List.copyOf(values.getOrDefault(d, List.of())));
        }
        values = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * A filter that matches every row.
     *
     * @return the unconstrained filter
     */
    public static RowFilter none() {
        return new RowFilter(Map.of());
    }

    /**
     * This filter with {@code dimension} set to {@code list}.
     *
     * @param dimension the dimension to set
     * @param list its accepted values (empty = unconstrained)
     * @return a new filter; this one is unchanged
     */
    public RowFilter with(Dimension dimension, List<String> list) {
        EnumMap<Dimension, List<String>> copy = new EnumMap<>(values);
        copy.put(dimension, List.copyOf(list));
        return new RowFilter(copy);
    }

    /**
     * Values of one dimension (possibly empty).
     *
     * @param d the dimension
     * @return its accepted values; empty when unconstrained
     */
    public List<String> get(Dimension d) {
        return values.get(d);
    }

    /**
     * The effective filter of one side: for each dimension the side's values when non-empty,
     * else the shared values ("more specific replaces").
     *
     * @param shared the filter both sides share (the unprefixed flags)
     * @param side the side's own filter ({@code --a-*} or {@code --b-*})
     * @return the filter the side actually applies
     */
    public static RowFilter effective(RowFilter shared, RowFilter side) {
        EnumMap<Dimension, List<String>> out = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            out.put(d, side.get(d).isEmpty() ? shared.get(d) : side.get(d));
        }
        return new RowFilter(out);
    }

    /**
     * Whether a row satisfies every populated dimension.
     *
     * @param row the row to test
     * @return {@code true} when every constrained dimension accepts the row
     */
    public boolean matches(GauntletRow row) {
        return matchesKernel(row.kernelVersion())
                && anyExact(Dimension.PROJECT_COMMIT, row.commit())
                && anyExact(Dimension.KERNEL_COMMIT, row.kernelCommit())
                && anyExact(Dimension.RUN_SOURCE, row.runSource())
                && anyExact(Dimension.SCHEDULER, Optional.of(row.scheduler()))
                && anyExact(Dimension.TOPOLOGY, Optional.of(row.topology()))
                && anyExact(Dimension.WORK_TYPE, Optional.of(row.workType()))
                && row.flags().containsAll(get(Dimension.FLAGS));
    }

    private boolean anyExact(Dimension d, Optional<String> value) {
        List<String> want = get(d);
        return want.isEmpty() || value.isPresent() && want.contains(value.get());
    }

    private boolean matchesKernel(Optional<String> kernel) {
        List<String> want = get(Dimension.KERNEL);
        if (want.isEmpty()) {
            return true;
        }
        if (kernel.isEmpty()) {
            return false;
        }
        String k = kernel.get();
        for (String w : want) {
            if (isMajorMinor(w) ? k.equals(w) || k.startsWith(w + ".") : k.equals(w)) {
                return true;
            }
        }
        return false;
    }

    static boolean isMajorMinor(String s) {
        int dot = s.indexOf('.');
        if (dot <= 0 || dot == s.length() - 1 || s.indexOf('.', dot + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (i != dot && (s.charAt(i) < '0' || s.charAt(i) > '9')) {
                return false;
            }
        }
        return true;
    }

    /** Values sorted by UTF-8 bytes and deduplicated. */
    static List<String> sortedDedup(List<String> values) {
        java.util.TreeSet<String> set = new java.util.TreeSet<>(RustFormat::compareUtf8);
        set.addAll(values);
        return List.copyOf(set);
    }
}
