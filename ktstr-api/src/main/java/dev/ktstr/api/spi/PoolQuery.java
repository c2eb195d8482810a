package dev.ktstr.api.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which sidecars a pool read needs, for stores that can select before they read (the
 * PostgreSQL store turns it into SQL {@code WHERE} on indexed columns). A store may return
 * more than the query selects, never less: callers still apply their own filters, so a store
 * that ignores the query (the filesystem store walks everything) is correct, only slower.
 *
 * <p>Each entry is a sidecar field ({@link #DIMENSIONS}) and the values it may take: a
 * sidecar is selected when, for every entry, its field equals one of the values (string
 * fields compare exactly; an absent optional field equals no value). An empty query selects
 * everything.
 *
 * @param filters field name to accepted values
 */
public record PoolQuery(Map<String, Set<String>> filters) {

    /** The fields a query may name: the indexed dimensions of a sidecar. */
    public static final List<String> DIMENSIONS = List.of("test_name", "topology", "scheduler", "work_type",
            "kernel_version", "project_commit", "kernel_commit", "run_source");

    /** The query that selects everything. */
    public static final PoolQuery ALL = new PoolQuery(Map.of());

    /**
     * A query of the given entries, copied.
     *
     * @param filters field name to accepted values; each field one of {@link #DIMENSIONS}
     * @throws IllegalArgumentException when a field is not one of {@link #DIMENSIONS}
     * @throws NullPointerException     when {@code filters}, a field or a value set is null
     */
    public PoolQuery {
        Objects.requireNonNull(filters, "filters");
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        filters.forEach((field, values) -> {
            if (!DIMENSIONS.contains(field)) {
                throw new IllegalArgumentException("pool query on '" + field + "': only " + DIMENSIONS
                        + " can be selected on");
            }
            copy.put(field, Set.copyOf(values));
        });
        filters = Map.copyOf(copy);
    }

    /**
     * This query with {@code field} restricted to {@code values} as well (replacing an earlier
     * restriction of the same field).
     *
     * @param field  one of {@link #DIMENSIONS}
     * @param values the values the field may take
     * @return a new query; this one is unchanged
     * @throws IllegalArgumentException when {@code field} is not one of {@link #DIMENSIONS}
     */
    public PoolQuery and(String field, Set<String> values) {
        Map<String, Set<String>> m = new LinkedHashMap<>(filters);
        m.put(field, values);
        return new PoolQuery(m);
    }

    /** {@return whether this query selects everything (it has no entries)} */
    public boolean isAll() {
        return filters.isEmpty();
    }
}
