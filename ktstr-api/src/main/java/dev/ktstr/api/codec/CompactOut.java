package dev.ktstr.api.codec;

import dev.ktstr.api.schema.MetricSource;
import dev.ktstr.api.schema.MetricStream;
import dev.ktstr.api.schema.Polarity;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The writing half of {@link CompactCodec}'s encoding: a growable byte array with the primitive
 * forms the generated {@code CompactSchemaCodec} writes (and {@link CompactIn} reads back), plus
 * the hand-written enums.
 */
final class CompactOut {
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int n;

    CompactOut() {
        this(1024);
    }

    CompactOut(int capacity) {
        buf = new byte[capacity];
    }

    private void room(int more) {
        if (buf.length - n < more) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
        }
    }

    void u8(int b) {
        room(1);
        buf[n++] = (byte) b;
    }

    void bool(boolean v) {
        u8(v ? 1 : 0);
    }

    void present(boolean v) {
        u8(v ? 1 : 0);
    }

    void count(int c) {
        u64(c);
    }

    /** An unsigned LEB128 varint of the 64 bits (u32, u64, usize: up to 10 bytes). */
    void u64(long v) {
        room(10);
        while ((v & ~0x7FL) != 0) {
            buf[n++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[n++] = (byte) v;
    }

    /** A zigzag varint (i32, i64): small magnitudes of either sign are short. */
    void i64(long v) {
        u64((v << 1) ^ (v >> 63));
    }

    /** The raw 8 bytes of the double, bit-exact (-0.0 and every NaN payload included). */
    void f64(double v) {
        room(8);
        LONGS.set(buf, n, Double.doubleToRawLongBits(v));
        n += 8;
    }

    /**
     * The string's UTF-8 length and bytes. A lone surrogate (a Java string may hold one) is
     * written as its 3-byte generalized UTF-8 form, so that every string comes back unchanged.
     */
    void string(String s) {
        int len = s.length();
        int bytes = len;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // two chars, four bytes
                i++;
            } else {
                bytes += 2;
            }
        }
        u64(bytes);
        room(bytes);
        if (bytes == len) {
            for (int i = 0; i < len; i++) {
                buf[n++] = (byte) s.charAt(i);
            }
            return;
        }
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[n++] = (byte) c;
            } else if (c < 0x800) {
                buf[n++] = (byte) (0xC0 | c >> 6);
                buf[n++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[n++] = (byte) (0xF0 | cp >> 18);
                buf[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[n++] = (byte) (0x80 | cp & 0x3F);
            } else {
                buf[n++] = (byte) (0xE0 | c >> 12);
                buf[n++] = (byte) (0x80 | c >> 6 & 0x3F);
                buf[n++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    /** {@code v} framed by its length, so that a reader can find its end (and share it) without decoding it. */
    <T> void framed(T v, BiConsumer<CompactOut, T> writer) {
        CompactOut inner = new CompactOut(256);
        writer.accept(inner, v);
        count(inner.n);
        room(inner.n);
        System.arraycopy(inner.buf, 0, buf, n, inner.n);
        n += inner.n;
    }

    void writePolarity(Polarity p) {
        u8(p.kind().ordinal());
        if (p.kind() == Polarity.Kind.TARGET_VALUE) {
            f64(p.target());
        }
    }

    void writeMetricSource(MetricSource s) {
        u8(s.ordinal());
    }

    void writeMetricStream(MetricStream s) {
        u8(s.ordinal());
    }

    byte[] toBytes() {
        return Arrays.copyOf(buf, n);
    }
}
