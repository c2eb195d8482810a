package dev.ktstr.api.schema;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Immutable, ordered copies of the schema's maps (the order is the write order). A map made here
 * is taken as is by the next record it is given (as {@link List#copyOf} does with its own lists),
 * so records can share one (see {@link RecordMaps}).
 */
final class SchemaMaps {
    /** Rust {@code str} order, the schema's map order: {@link Utf8Order}. */
    static final Comparator<String> UTF8 = Utf8Order.INSTANCE;
    /** {@code usize} key order. */
    static final Comparator<Long> UNSIGNED = Long::compareUnsigned;

    private SchemaMaps() {
    }

    static <V> Map<String, V> byUtf8(Map<String, V> map, String component) {
        return copy(map, UTF8, component);
    }

    static <V> Map<Long, V> byUnsignedKey(Map<Long, V> map, String component) {
        return copy(map, UNSIGNED, component);
    }

    private static <K, V> Map<K, V> copy(Map<K, V> map, Comparator<K> order, String component) {
        Objects.requireNonNull(map, component);
        if (map instanceof Frozen<K, V> f && f.comparator() == order) {
            return f;
        }
        TreeMap<K, V> copy = new TreeMap<>(order);
        for (Map.Entry<K, V> e : map.entrySet()) {
            K k = e.getKey();
            V v = e.getValue();
            if (k == null || v == null) {
                throw new NullPointerException(component + (k == null ? " key" : " value"));
            }
            copy.put(k, v);
        }
        return new Frozen<>(copy);
    }

    static <V> List<Map<String, V>> listByUtf8(List<Map<String, V>> maps, String component) {
        Objects.requireNonNull(maps, component);
        List<Map<String, V>> copy = new ArrayList<>(maps.size());
        for (Map<String, V> m : maps) {
            copy.add(byUtf8(m, component));
        }
        return List.copyOf(copy);
    }

    /** An unmodifiable view of a sorted map only this class holds, so it never changes. */
    static final class Frozen<K, V> extends AbstractMap<K, V> implements SortedMap<K, V> {
        private final SortedMap<K, V> view;

        Frozen(TreeMap<K, V> owned) {
            this.view = Collections.unmodifiableSortedMap(owned);
        }

        @Override
        public Comparator<? super K> comparator() {
            return view.comparator();
        }

        @Override
        public SortedMap<K, V> subMap(K fromKey, K toKey) {
            return view.subMap(fromKey, toKey);
        }

        @Override
        public SortedMap<K, V> headMap(K toKey) {
            return view.headMap(toKey);
        }

        @Override
        public SortedMap<K, V> tailMap(K fromKey) {
            return view.tailMap(fromKey);
        }

        @Override
        public K firstKey() {
            return view.firstKey();
        }

        @Override
        public K lastKey() {
            return view.lastKey();
        }

        @Override
        public Set<K> keySet() {
            return view.keySet();
        }

        @Override
        public java.util.Collection<V> values() {
            return view.values();
        }

        @Override
        public Set<Map.Entry<K, V>> entrySet() {
            return view.entrySet();
        }

        @Override
        public int size() {
            return view.size();
        }

        @Override
        public boolean isEmpty() {
            return view.isEmpty();
        }

        @Override
        public V get(Object key) {
            return view.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return view.containsKey(key);
        }

        @Override
        public void forEach(java.util.function.BiConsumer<? super K, ? super V> action) {
            view.forEach(action);
        }
    }
}
