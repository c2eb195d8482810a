package dev.ktstr.api.layout;

import dev.ktstr.api.schema.Utf8Order;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Scheduler flag names and their canonical order, as {@code active_flags} is stored. */
public final class Flags {
    /** The known flags in canonical order (upstream's {@code scenario::flags::ALL}). */
    public static final List<String> ALL = List.of("llc", "borrow", "steal", "rebal", "reject-pin", "no-ctrl");

    private static final Comparator<String> CANONICAL =
            Comparator.<String>comparingInt(Flags::rank).thenComparing(Utf8Order.INSTANCE);

    private Flags() {
    }

    /**
     * The canonical order: known flags by their position in {@link #ALL}, then unknown flags in
     * UTF-8 byte order. Duplicates are kept, as upstream keeps them.
     *
     * @param flags flag names, in any order
     * @return a new immutable list of the same names in canonical order
     */
    public static List<String> canonicalOrder(Collection<String> flags) {
        List<String> copy = new ArrayList<>(flags);
        copy.sort(CANONICAL);
        return List.copyOf(copy);
    }

    /**
     * Whether {@code flags} is already in canonical order.
     *
     * @param flags flag names as stored
     * @return true when {@link #canonicalOrder} would not change them
     */
    public static boolean isCanonical(List<String> flags) {
        return canonicalOrder(flags).equals(flags);
    }

    private static int rank(String flag) {
        int i = ALL.indexOf(flag);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
