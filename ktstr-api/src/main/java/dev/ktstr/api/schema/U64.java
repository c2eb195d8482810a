package dev.ktstr.api.schema;

import java.math.BigInteger;

/**
 * Helpers for Rust {@code u64}/{@code usize} values held in a Java {@code long}.
 *
 * <p>The schema stores every unsigned 64-bit field as the {@code long} with the same 64 bits:
 * values up to {@code 2^63-1} read as themselves, larger ones appear negative in Java. Use these
 * helpers (or the {@code Long.*Unsigned*} methods) to print, compare or convert them.
 */
public final class U64 {
    /** The largest Rust {@code u32}. */
    public static final long U32_MAX = 0xFFFF_FFFFL;

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private U64() {
    }

    /**
     * Decimal text of the unsigned value, e.g. {@code 18446744073709551615} for {@code -1L}.
     *
     * @param bits the value's 64 bits
     * @return the decimal text
     */
    public static String toString(long bits) {
        return Long.toUnsignedString(bits);
    }

    /**
     * The unsigned value as the nearest {@code double}, e.g. for averages and ratios.
     *
     * @param bits the value's 64 bits
     * @return the nearest double
     */
    public static double toDouble(long bits) {
        if (bits >= 0) {
            return bits;
        }
        // (bits >>> 1) keeps 63 bits; the dropped low bit is folded in as a sticky bit so the
        // final doubling rounds exactly like a direct conversion would.
        return ((bits >>> 1) | (bits & 1)) * 2.0;
    }

    /**
     * The unsigned value as a {@link BigInteger}.
     *
     * @param bits the value's 64 bits
     * @return the value, in {@code [0, 2^64)}
     */
    public static BigInteger toBigInteger(long bits) {
        BigInteger b = BigInteger.valueOf(bits);
        return bits >= 0 ? b : b.add(TWO_64);
    }

    /**
     * Compares two values as unsigned.
     *
     * @param a the first value's 64 bits
     * @param b the second value's 64 bits
     * @return negative, zero or positive as {@code a} is below, equal to or above {@code b}
     */
    public static int compare(long a, long b) {
        return Long.compareUnsigned(a, b);
    }

    /**
     * Parses a decimal unsigned value in {@code [0, 2^64)}.
     *
     * @param text the decimal text
     * @return the value's 64 bits
     * @throws NumberFormatException when the text is not such a number
     */
    public static long parse(String text) {
        return Long.parseUnsignedLong(text);
    }

    static void checkU32(long value, String component) {
        if (value < 0 || value > U32_MAX) {
            throw new IllegalArgumentException(component + " must be a u32 (0.." + U32_MAX + "), got "
                    + toString(value));
        }
    }
}
