package dev.ktstr.api.schema;

import java.util.Map;

/**
 * The immutable maps the schema's records keep. A record copies every map it is given, except one
 * made here (or taken from another record), which it keeps as is: so decoders can build a map
 * once and share it between records, as {@link java.util.List#copyOf} shares its own lists.
 */
public final class RecordMaps {
    private RecordMaps() {
    }

    /**
     * The map a record keeps for a string-keyed map component.
     *
     * @param map the entries; no {@code null} key or value
     * @param <V> the value type
     * @return an immutable copy iterating in UTF-8 byte order of its keys, or {@code map} itself
     *         when it is already such a map
     * @throws NullPointerException when {@code map}, a key or a value is {@code null}
     */
    public static <V> Map<String, V> byUtf8(Map<String, V> map) {
        return SchemaMaps.byUtf8(map, "map");
    }

    /**
     * The map a record keeps for a {@code usize}-keyed map component.
     *
     * @param map the entries, keys as their 64 bits; no {@code null} key or value
     * @param <V> the value type
     * @return an immutable copy iterating in unsigned key order, or {@code map} itself when it is
     *         already such a map
     * @throws NullPointerException when {@code map}, a key or a value is {@code null}
     */
    public static <V> Map<Long, V> byUnsignedKey(Map<Long, V> map) {
        return SchemaMaps.byUnsignedKey(map, "map");
    }
}
