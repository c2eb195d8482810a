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
    /**
     * Rust {@code str} order: UTF-8 bytes as unsigned, which equals code-point order. The same
     * algorithm as the public {@code dev.ktstr.api.layout.Utf8Order}, kept here because layout
     * depends on schema and the reverse would be a package cycle.
     */
    static final Comparator<String> UTF8 = SchemaMaps::compareCodePoints;

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

    private static int compareCodePoints(String a, String b) {
        // UTF-16 units order like code points except around surrogates: compare units, and
        // take the code-point loop below only when the first difference involves a surrogate.
        int n = Math.min(a.length(), b.length());
        int k = 0;
        while (k < n && a.charAt(k) == b.charAt(k)) {
            k++;
        }
        if (k == n) {
            return Integer.compare(a.length(), b.length());
        }
        char x = a.charAt(k);
        char y = b.charAt(k);
        if (!Character.isSurrogate(x) && !Character.isSurrogate(y)) {
            return Integer.compare(x, y);
        }
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
