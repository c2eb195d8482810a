package dev.ktstr.api.codec;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The text serde_json 1.0.149 (zmij) writes for an {@code f64}.
 *
 * <p>Digits are the shortest that read back to the same double (Schubfach, taken from
 * jackson-core because Java 17's {@code Double.toString} is not always shortest). They are
 * rendered in plain notation when the decimal exponent is in {@code [-5, 15]} (always with a
 * {@code .}, so {@code 1.0}, {@code 1000000000000000.0}, {@code 0.00001}) and in scientific
 * notation otherwise, with an explicit exponent sign ({@code 1e+16}, {@code 1.5e-7}).
 *
 * <p>This is the one shortest-digits routine of the project: the sidecar writer, the report
 * views and Rust's {@code {}} formatting in the text reports all take their digits from here.
 */
public final class SerdeFloats {
    private static final RoundingMode[] ONE_DIGIT_MODES = {RoundingMode.HALF_EVEN, RoundingMode.DOWN, RoundingMode.UP};

    private SerdeFloats() {
    }

    /**
     * serde_json's text for {@code value}: shortest round-trip digits, plain notation with a
     * {@code .} when the decimal exponent is in {@code [-5, 15]}, scientific otherwise.
     *
     * @param value any double
     * @return the JSON number text, or {@code null} for NaN and infinities, as serde writes them
     */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        if (value == 0.0) {
            return Double.doubleToRawLongBits(value) == 0L ? "0.0" : "-0.0";
        }
        Decimal d = shortestDigits(Math.abs(value));
        String digits = d.digits();
        int n = digits.length();
        int e = d.q() + n - 1;
        StringBuilder sb = new StringBuilder(24);
        if (value < 0) {
            sb.append('-');
        }
        if (e >= -5 && e <= 15) {
            if (n - 1 <= e) {
                sb.append(digits);
                for (int i = 0; i < e - n + 1; i++) {
                    sb.append('0');
                }
                sb.append(".0");
            } else if (e >= 0) {
                sb.append(digits, 0, e + 1).append('.').append(digits, e + 1, n);
            } else {
                sb.append("0.");
                for (int i = 0; i < -e - 1; i++) {
                    sb.append('0');
                }
                sb.append(digits);
            }
        } else {
            sb.append(digits.charAt(0));
            if (n > 1) {
                sb.append('.').append(digits, 1, n);
            }
            sb.append('e').append(e >= 0 ? '+' : '-').append(Math.abs(e));
        }
        return sb.toString();
    }

    /**
     * The shortest decimal that reads back as {@code value} (the closest one when several are
     * that short): the digits serde_json and Rust's {@code {}} formatting both print, without
     * their layouts. Trailing zeros are stripped; the sign is kept, except for zero.
     *
     * @param value a finite double
     * @return the decimal, e.g. {@code 1E-7} for {@code 1e-7}, {@code 0} for {@code -0.0}
     * @throws IllegalArgumentException for NaN or an infinity
     */
    public static BigDecimal shortest(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("non-finite double has no decimal: " + value);
        }
        if (value == 0.0) {
            return BigDecimal.ZERO;
        }
        Decimal d = shortestDigits(Math.abs(value));
        BigDecimal abs = new BigDecimal(new java.math.BigInteger(d.digits()), -d.q());
        return value < 0 ? abs.negate() : abs;
    }

    /** {@code digits * 10^q}, digits without leading or trailing zeros. */
    private record Decimal(String digits, int q) {
    }

    /** The shortest round-trip digits of a finite, positive {@code abs}. */
    private static Decimal shortestDigits(double abs) {
        String text = NumberOutput.toString(abs, true);
        int ePos = text.indexOf('E');
        String mantissa = ePos < 0 ? text : text.substring(0, ePos);
        int exp10 = ePos < 0 ? 0 : Integer.parseInt(text.substring(ePos + 1));
        int dot = mantissa.indexOf('.');
        String intPart = dot < 0 ? mantissa : mantissa.substring(0, dot);
        String fracPart = dot < 0 ? "" : mantissa.substring(dot + 1);
        String all = intPart + fracPart;
        int start = 0;
        while (start < all.length() - 1 && all.charAt(start) == '0') {
            start++;
        }
        int end = all.length();
        while (end > start + 1 && all.charAt(end - 1) == '0') {
            end--;
        }
        String digits = all.substring(start, end);
        // value = digits * 10^q
        int q = exp10 - fracPart.length() + (all.length() - end);
        if (digits.length() == 2) {
            // Schubfach as specified for the JDK may prefer a closer 2-digit decimal over a
            // 1-digit one (only for tiny subnormals); serde takes the shortest.
            BigDecimal exact = new BigDecimal(abs);
            BigDecimal best = null;
            for (RoundingMode mode : ONE_DIGIT_MODES) {
                BigDecimal c = exact.round(new MathContext(1, mode));
                if (Double.parseDouble(c.toString()) == abs
                        && (best == null || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = c;
                }
            }
            if (best != null) {
                BigDecimal s = best.stripTrailingZeros();
                digits = s.unscaledValue().toString();
                q = -s.scale();
            }
        }
        return new Decimal(digits, q);
    }
}
