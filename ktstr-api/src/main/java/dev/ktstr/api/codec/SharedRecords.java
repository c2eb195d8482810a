package dev.ktstr.api.codec;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values decoded from framed bytes, kept by tag and bytes so that equal bytes decode once and
 * share one immutable value (see {@link CompactCodec#sharingDecoder()}). Bounded: past
 * {@link #MAX} distinct frames, new ones are decoded but not kept. Thread-safe.
 */
final class SharedRecords {
    static final int MAX = 256;

    private final ConcurrentHashMap<Key, Object> records = new ConcurrentHashMap<>();
    private final int max;

    SharedRecords() {
        this(MAX);
    }

    SharedRecords(int max) {
        this.max = max;
    }

    /** A frame's tag and bytes; a lookup key may point into the caller's array, a kept one owns its copy. */
    static final class Key {
        private final String type;
        private final byte[] bytes;
        private final int from;
        private final int to;
        private final int hash;

        private Key(String type, byte[] bytes, int from, int to, int hash) {
            this.type = type;
            this.bytes = bytes;
            this.from = from;
            this.to = to;
            this.hash = hash;
        }

        static Key of(String type, byte[] bytes, int from, int to) {
            int h = type.hashCode();
            for (int i = from; i < to; i++) {
                h = 31 * h + bytes[i];
            }
            return new Key(type, bytes, from, to, h);
        }

        Key detached() {
            return new Key(type, Arrays.copyOfRange(bytes, from, to), 0, to - from, hash);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.type.equals(type)
                    && Arrays.equals(bytes, from, to, k.bytes, k.from, k.to);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    Object get(Key key) {
        return records.get(key);
    }

    void put(Key key, Object record) {
        if (records.size() < max) {
            records.putIfAbsent(key.detached(), record);
        }
    }
}
