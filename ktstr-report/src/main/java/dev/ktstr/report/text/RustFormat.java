package dev.ktstr.report.text;

import dev.ktstr.api.codec.SerdeFloats;
import dev.ktstr.api.schema.Utf8Order;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Number and padding formatting with Rust {@code format!} semantics.
 *
 * <p>Java's {@code String.format} rounds the decimal string half-up and pads by UTF-16 units;
 * Rust rounds the exact binary value half to even and pads by Unicode scalar values. Reports
 * must match upstream byte for byte, hence this class. The digits of {@link #display} are
 * those of the API's {@link SerdeFloats}; serde_json's own layout of them is
 * {@link SerdeFloats#format}.
 */
public final class RustFormat {
    private static final BigDecimal TWO_64 = new BigDecimal(BigInteger.ONE.shiftLeft(64));

    private RustFormat() {
    }

    /**
     * Rust {@code {:.N}}: exact binary value rounded half to even, sign kept for negative zero.
     *
     * @param value the number to format; NaN and infinities print as Rust does
     * @param precision digits after the decimal point, at least 0
     * @return the formatted number
     */
    public static String fixed(double value, int precision) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(value).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        if (isNegative(value) && !text.startsWith("-")) {
            text = "-" + text;
        }
        return text;
    }

    /**
     * Rust {@code {:+.N}}: like {@link #fixed} with a sign always written.
     *
     * @param value the number to format
     * @param precision digits after the decimal point, at least 0
     * @return the formatted number with a leading {@code +} or {@code -}
     */
    public static String signedFixed(double value, int precision) {
        String text = fixed(value, precision);
        if (Double.isNaN(value) || text.startsWith("-")) {
            return text;
        }
        return "+" + text;
    }

    /**
     * Rust {@code {}} of an {@code f64}: the shortest digits that round-trip, never an exponent,
     * no trailing {@code .0} ({@code 5.0 -> "5"}, {@code 1e-7 -> "0.0000001"}).
     *
     * @param value the number to format
     * @return the shortest round-trip decimal text
     */
    public static String display(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0.0) {
            return isNegative(value) ? "-0" : "0";
        }
        return SerdeFloats.shortest(value).toPlainString();
    }

    /**
     * Rust {@code f64::round}: half away from zero (Java's {@code Math.round} is half up).
     *
     * @param value the number to round
     * @return the nearest integral value, ties away from zero; non-finite values unchanged
     */
    public static double roundHalfAwayFromZero(double value) {
        if (!Double.isFinite(value) || value == 0.0) {
            return value;
        }
        double r = new BigDecimal(value).setScale(0, RoundingMode.HALF_UP).doubleValue();
        return r == 0.0 ? Math.copySign(0.0, value) : r;
    }

    /**
     * Rust {@code x as u64} of a float: saturating, NaN to 0; result holds unsigned bits.
     *
     * @param value the number to convert
     * @return the truncated value clamped to [0, 2^64-1], as unsigned bits
     */
    public static long saturatingToU64(double value) {
        if (Double.isNaN(value) || value <= 0.0) {
            return 0L;
        }
        BigDecimal bd = new BigDecimal(value).setScale(0, RoundingMode.DOWN);
        if (bd.compareTo(TWO_64) >= 0) {
            return -1L;
        }
        return bd.toBigInteger().longValue();
    }

    /**
     * Rust {@code x as i64} of a float: saturating, NaN to 0.
     *
     * @param value the number to convert
     * @return the truncated value clamped to the {@code long} range
     */
    public static long saturatingToI64(double value) {
        if (Double.isNaN(value)) {
            return 0L;
        }
        return (long) value; // Java's narrowing is already saturating and truncating
    }

    /**
     * Rust {@code {:<width}}: pads by Unicode scalar count, never truncates.
     *
     * @param text the text to pad
     * @param width the minimum width in Unicode scalars
     * @return {@code text} followed by spaces up to {@code width}
     */
    public static String padRight(String text, int width) {
        int count = text.codePointCount(0, text.length());
        return count >= width ? text : text + " ".repeat(width - count);
    }

    /**
     * Rust {@code {:>width}}: pads by Unicode scalar count, never truncates.
     *
     * @param text the text to pad
     * @param width the minimum width in Unicode scalars
     * @return spaces up to {@code width} followed by {@code text}
     */
    public static String padLeft(String text, int width) {
        int count = text.codePointCount(0, text.length());
        return count >= width ? text : " ".repeat(width - count) + text;
    }

    /**
     * Compares two strings by their UTF-8 bytes, as Rust's {@code Ord for str} does.
     *
     * @param a the first string
     * @param b the second string
     * @return negative, zero or positive as {@code a} sorts before, equal to or after {@code b}
     */
    public static int compareUtf8(String a, String b) {
        return Utf8Order.INSTANCE.compare(a, b);
    }

    private static boolean isNegative(double value) {
        return Double.doubleToRawLongBits(value) < 0;
    }
}
