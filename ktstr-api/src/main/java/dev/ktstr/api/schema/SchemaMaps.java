package dev.ktstr.api.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Immutable, ordered copies of the schema's maps (the order is the write order). */
final class SchemaMaps {
    /** Rust {@code str} order, the schema's map order: {@link Utf8Order}. */
    static final Comparator<String> UTF8 = Utf8Order.INSTANCE;

    private SchemaMaps() {
    }

    static <V> Map<String, V> byUtf8(Map<String, V> map, String component) {
        Objects.requireNonNull(map, component);
        TreeMap<String, V> copy = new TreeMap<>(UTF8);
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, component + " key"),
                Objects.requireNonNull(v, component + " value")));
        return Collections.unmodifiableSortedMap(copy);
    }

    static <V> Map<Long, V> byUnsignedKey(Map<Long, V> map, String component) {
        Objects.requireNonNull(map, component);
        TreeMap<Long, V> copy = new TreeMap<>(Long::compareUnsigned);
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, component + " key"),
                Objects.requireNonNull(v, component + " value")));
        return Collections.unmodifiableSortedMap(copy);
    }

    static <V> List<Map<String, V>> listByUtf8(List<Map<String, V>> maps, String component) {
        Objects.requireNonNull(maps, component);
        List<Map<String, V>> copy = new ArrayList<>(maps.size());
        for (Map<String, V> m : maps) {
            copy.add(byUtf8(m, component));
        }
        return List.copyOf(copy);
    }
}
