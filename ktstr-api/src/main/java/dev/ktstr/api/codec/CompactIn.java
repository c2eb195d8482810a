package dev.ktstr.api.codec;

import dev.ktstr.api.schema.MetricSource;
import dev.ktstr.api.schema.MetricStream;
import dev.ktstr.api.schema.Polarity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The reading half of {@link CompactCodec}'s encoding: reads exactly what {@link CompactOut}
 * writes and throws {@link IOException} at anything else (past the end, a varint that is too
 * long or not in its shortest form, a flag byte other than 0 or 1, a count larger than the
 * bytes left, malformed or non-shortest UTF-8, an integer out of its type's range, an unknown
 * enum ordinal).
 */
final class CompactIn {
    private static final MetricSource[] SOURCES = MetricSource.values();
    private static final MetricStream[] STREAMS = MetricStream.values();
    private static final Polarity.Kind[] KINDS = Polarity.Kind.values();

    /** Reads one value of a type; what {@link #framed} is given. */
    @FunctionalInterface
    interface Reader<T> {
        T read(CompactIn in) throws IOException;
    }

    /** Longer strings are rare and mostly unique; shorter ones (names, labels, host strings) repeat. */
    static final int SHARED_STRING_BYTES = 256;

    private final byte[] b;
    private final SharedRecords shared;
    private final SharedRecords strings;
    private int p;
    /** The end of the frame being read (the array's end outside any frame). */
    private int limit;

    CompactIn(byte[] bytes) {
        this(bytes, null, null);
    }

    /**
     * Reads {@code bytes}; frames found in {@code shared} and strings found in {@code strings}
     * (when not null) are not decoded again, and those decoded are added.
     */
    CompactIn(byte[] bytes, SharedRecords shared, SharedRecords strings) {
        this.b = bytes;
        this.shared = shared;
        this.strings = strings;
        this.limit = bytes.length;
    }

    IOException malformed(String what) {
        return new IOException("compact sidecar: " + what + " at byte " + p);
    }

    private void need(int k) throws IOException {
        if (limit - p < k) {
            throw malformed("truncated");
        }
    }

    int u8() throws IOException {
        need(1);
        return b[p++] & 0xFF;
    }

    boolean bool() throws IOException {
        int v = u8();
        if (v > 1) {
            throw malformed("flag byte " + v);
        }
        return v == 1;
    }

    boolean present() throws IOException {
        return bool();
    }

    /** A count of elements, each at least one byte, so never more than the bytes left. */
    int count() throws IOException {
        long c = u64();
        if (c < 0 || c > limit - p) {
            throw malformed("count " + Long.toUnsignedString(c));
        }
        return (int) c;
    }

    long u64() throws IOException {
        need(1);
        byte x = b[p++];
        if (x >= 0) {
            return x;
        }
        long r = x & 0x7F;
        for (int shift = 7; ; shift += 7) {
            need(1);
            x = b[p++];
            r |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                if (x == 0 || (shift == 63 && x > 1)) {
                    throw malformed(x == 0 ? "varint not in shortest form" : "varint over 64 bits");
                }
                return r;
            }
            if (shift == 63) {
                throw malformed("varint over 64 bits");
            }
        }
    }

    long u32() throws IOException {
        long v = u64();
        if ((v & ~0xFFFF_FFFFL) != 0) {
            throw malformed("u32 out of range");
        }
        return v;
    }

    long i64() throws IOException {
        long z = u64();
        return (z >>> 1) ^ -(z & 1);
    }

    int i32() throws IOException {
        long v = i64();
        if (v != (int) v) {
            throw malformed("i32 out of range");
        }
        return (int) v;
    }

    double f64() throws IOException {
        need(8);
        double d = Double.longBitsToDouble((long) CompactOut.LONGS.get(b, p));
        p += 8;
        return d;
    }

    String string() throws IOException {
        int len = count();
        int start = p;
        int end = start + len;
        if (strings != null && len <= SHARED_STRING_BYTES) {
            SharedRecords.Key key = SharedRecords.Key.of("", b, start, end);
            String known = (String) strings.get(key);
            if (known != null) {
                p = end;
                return known;
            }
            String s = decodeString(start, end, len);
            strings.put(key, s);
            return s;
        }
        return decodeString(start, end, len);
    }

    private String decodeString(int start, int end, int len) throws IOException {
        for (int i = start; i < end; i++) {
            if (b[i] < 0) {
                return utf8(start, end);
            }
        }
        p = end;
        return new String(b, start, len, StandardCharsets.ISO_8859_1);
    }

    /** Strict UTF-8, plus the 3-byte form of a lone surrogate that {@link CompactOut#string} writes. */
    private String utf8(int start, int end) throws IOException {
        char[] out = new char[end - start];
        int o = 0;
        boolean afterLoneHigh = false;
        int i = start;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                out[o++] = (char) c;
                i++;
                afterLoneHigh = false;
                continue;
            }
            int k = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
            if (k < 0 || c > 0xF4 || end - i <= k) {
                p = i;
                throw malformed("malformed UTF-8");
            }
            int cp = c & (0x3F >> k);
            for (int j = 1; j <= k; j++) {
                int t = b[i + j] & 0xFF;
                if ((t & 0xC0) != 0x80) {
                    p = i;
                    throw malformed("malformed UTF-8");
                }
                cp = cp << 6 | t & 0x3F;
            }
            int min = k == 1 ? 0x80 : k == 2 ? 0x800 : 0x10000;
            if (cp < min || cp > 0x10FFFF) {
                p = i;
                throw malformed("non-shortest or out-of-range UTF-8");
            }
            if (k == 3) {
                out[o++] = Character.highSurrogate(cp);
                out[o++] = Character.lowSurrogate(cp);
                afterLoneHigh = false;
            } else {
                // A lone low surrogate right after a lone high one would have been written as a pair.
                if (afterLoneHigh && Character.isLowSurrogate((char) cp)) {
                    p = i;
                    throw malformed("surrogate pair written as two halves");
                }
                out[o++] = (char) cp;
                afterLoneHigh = Character.isHighSurrogate((char) cp);
            }
            i += k + 1;
        }
        p = end;
        return new String(out, 0, o);
    }

    Polarity readPolarity() throws IOException {
        int k = u8();
        if (k >= KINDS.length) {
            throw malformed("polarity " + k);
        }
        return switch (KINDS[k]) {
            case HIGHER_BETTER -> Polarity.HIGHER_BETTER;
            case LOWER_BETTER -> Polarity.LOWER_BETTER;
            case UNKNOWN -> Polarity.UNKNOWN;
            case TARGET_VALUE -> Polarity.targetValue(f64());
        };
    }

    MetricSource readMetricSource() throws IOException {
        int k = u8();
        if (k >= SOURCES.length) {
            throw malformed("metric source " + k);
        }
        return SOURCES[k];
    }

    MetricStream readMetricStream() throws IOException {
        int k = u8();
        if (k >= STREAMS.length) {
            throw malformed("metric stream " + k);
        }
        return STREAMS[k];
    }

    /**
     * A value written by {@link CompactOut#framed}: its length, then its bytes, which must be
     * exactly one value. With shared records, bytes equal to a frame of the same {@code tag}
     * decoded before give that frame's value without decoding them.
     *
     * @param tag    what the frame holds; one tag per reader (so per value type)
     * @param reader reads the value
     */
    <T> T framed(String tag, Reader<T> reader) throws IOException {
        int n = count();
        int start = p;
        int end = p + n;
        SharedRecords.Key key = null;
        if (shared != null) {
            key = SharedRecords.Key.of(tag, b, start, end);
            @SuppressWarnings("unchecked") // a tag's values all come from its one reader
            T known = (T) shared.get(key);
            if (known != null) {
                p = end;
                return known;
            }
        }
        int outer = limit;
        limit = end;
        T v = reader.read(this);
        if (p != end) {
            throw malformed("frame not filled");
        }
        limit = outer;
        if (key != null) {
            shared.put(key, v);
        }
        return v;
    }

    /** Throws unless every byte was read. */
    void end() throws IOException {
        if (p != limit || limit != b.length) {
            throw malformed("trailing bytes");
        }
    }
}
