package dev.ktstr.api.codec;

import ch.randelshofer.fastdoubleparser.JsonDoubleParser;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A strict, allocation-light JSON tokenizer over a byte array: the fast path of {@link JsonIn},
 * one of its two {@link TokenSource}s.
 *
 * <p>It accepts only what serde_json accepts and gives up ({@link #BAIL}) at the first thing
 * it does not handle itself: any syntax or schema error, a UTF-16 surrogate written as an
 * escape, an integer of more than 18 or 19 digits, a float that overflows. {@link JsonIn} then
 * reparses the whole document with the jackson-core path, which words and positions every
 * error as serde_json does. So this class never produces an error message ({@link #error} and
 * {@link #invalidType} decline, and it keeps no field path), and a document it accepts reads
 * exactly as the full path reads it (checked by {@code FastPathDifferentialTest}).
 *
 * <p>Why it exists: on a pool of 20,000 sidecars, Jackson's name canonicalization, number text
 * buffers and per-number strings were half of the parse time, and its large parser methods
 * took the JIT long to compile in a fresh CLI JVM.
 */
final class FastJson implements TokenSource {

    /** Thrown (preallocated, no stack trace) when the fast path declines a document. */
    static final RuntimeException BAIL = new RuntimeException("fast path declined", null, false, false) {
        private static final long serialVersionUID = 1L;
    };

    /** {@code -Dktstr.codec.traceBail=true}: each decline carries its own stack trace (diagnostics only). */
    private static final boolean TRACE = Boolean.getBoolean("ktstr.codec.traceBail");

    static RuntimeException bail() {
        return TRACE ? new IllegalStateException("fast path declined") : BAIL;
    }

    private static final byte OBJECT = 1;
    private static final byte ARRAY = 2;

    /** Exact powers of ten for Clinger's fast path (10^22 is the largest exact double power). */
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    private final byte[] b;
    private final int n;
    private int pos;
    private JsonToken cur;
    /** Strings and names: content between the quotes. Numbers: the whole literal. */
    private int start;
    private int end;
    private boolean escaped;
    private boolean negative;
    private byte[] stack = new byte[16];
    private int depth;
    /** No member read yet in the innermost container. */
    private boolean first;
    /** A field name was returned; its value comes next. */
    private boolean nameDone;
    private boolean rootDone;

    FastJson(byte[] src) {
        this.b = src;
        this.n = src.length;
    }

    @Override
    public void begin() {
        next(); // declines an empty document: no value to start
    }

    @Override
    public void end() {
        if (TokenSource.firstNonWhitespace(b, pos) >= 0) {
            throw bail();
        }
    }

    @Override
    public JsonToken current() {
        return cur;
    }

    @Override
    public JsonToken next() {
        int c = ws();
        if (depth == 0) {
            if (rootDone) {
                throw bail();
            }
            rootDone = true;
            return cur = value(c);
        }
        if (stack[depth - 1] == OBJECT) {
            if (nameDone) {
                nameDone = false;
                return cur = value(c);
            }
            field(NO_KEYS, 0); // a key, or the object's end
            return cur;
        }
        if (c == ']') {
            leave();
            return cur = JsonToken.END_ARRAY;
        }
        if (!first) {
            if (c != ',') {
                throw bail();
            }
            pos++;
            c = ws();
            if (c == ']') {
                throw bail();
            }
        }
        first = false;
        return cur = value(c);
    }

    private static final byte[][] NO_KEYS = {};

    @Override
    public int nextField(JsonIn.StructSpec spec, int hint) {
        return field(spec.keyUtf8(), hint);
    }

    /**
     * Inside an object, after its start or a member's value: reads the next key and its colon
     * and returns its index in {@code keys}, -1 for a key not among them, or {@link #END} when
     * the object closes. The expected key ({@code hint}: writers keep declaration order) is
     * matched on the raw bytes without scanning the string: keys hold no quote, backslash or
     * control byte, so equal bytes followed by a quote are that key.
     */
    private int field(byte[][] keys, int hint) {
        int c = ws();
        if (c == '}') {
            leave();
            cur = JsonToken.END_OBJECT;
            return END;
        }
        if (!first) {
            if (c != ',') {
                throw bail();
            }
            pos++;
            c = ws();
        }
        first = false;
        if (c != '"') {
            throw bail();
        }
        int idx;
        int s = pos + 1;
        byte[] k = hint < keys.length ? keys[hint] : null;
        if (k != null && s + k.length < n && b[s + k.length] == '"' && Arrays.equals(b, s, s + k.length, k, 0, k.length)) {
            start = s;
            end = s + k.length;
            escaped = false;
            pos = end + 1;
            idx = hint;
        } else {
            scanString();
            idx = matchName(keys, hint);
        }
        if (ws() != ':') {
            throw bail();
        }
        pos++;
        nameDone = true;
        cur = JsonToken.FIELD_NAME;
        return idx;
    }

    @Override
    public void skipValue() {
        if (cur != JsonToken.START_OBJECT && cur != JsonToken.START_ARRAY) {
            return; // scalars were checked when tokenized
        }
        int target = depth - 1;
        while (depth > target) {
            next();
        }
    }

    /** Skips whitespace; returns the next byte (not consumed) or -1 at the end. */
    private int ws() {
        int i = pos;
        while (i < n) {
            byte c = b[i];
            if (!TokenSource.isWhitespace(c)) {
                pos = i;
                return c;
            }
            i++;
        }
        pos = i;
        return -1;
    }

    private JsonToken value(int c) {
        switch (c) {
            case '{':
                pos++;
                enter(OBJECT);
                return JsonToken.START_OBJECT;
            case '[':
                pos++;
                enter(ARRAY);
                return JsonToken.START_ARRAY;
            case '"':
                scanString();
                return JsonToken.VALUE_STRING;
            case 't':
                literal('t', 'r', 'u', 'e');
                return JsonToken.VALUE_TRUE;
            case 'f':
                if (pos + 5 > n || b[pos + 4] != 'e') {
                    throw bail();
                }
                literal('f', 'a', 'l', 's');
                pos++;
                return JsonToken.VALUE_FALSE;
            case 'n':
                literal('n', 'u', 'l', 'l');
                return JsonToken.VALUE_NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return scanNumber();
                }
                throw bail();
        }
    }

    private void literal(char c0, char c1, char c2, char c3) {
        if (pos + 4 > n || b[pos] != c0 || b[pos + 1] != c1 || b[pos + 2] != c2 || b[pos + 3] != c3) {
            throw bail();
        }
        pos += 4;
    }

    private void enter(byte kind) {
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = kind;
        first = true;
        nameDone = false;
    }

    private void leave() {
        pos++; // past the closing bracket
        depth--;
        first = false; // the enclosing container has just read this member
    }

    /** From the opening quote at {@code pos}: finds the closing quote, checking escapes and control bytes. */
    private void scanString() {
        int i = pos + 1;
        boolean esc = false;
        while (true) {
            if (i >= n) {
                throw bail();
            }
            byte c = b[i];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                esc = true;
                if (i + 1 >= n) {
                    throw bail();
                }
                byte e = b[i + 1];
                if (e == 'u') {
                    int cp = hex4(i + 2);
                    if (cp >= 0xD800 && cp <= 0xDFFF) {
                        throw bail(); // surrogates: pairing rules are left to the full path
                    }
                    i += 6;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r'
                        || e == 't') {
                    i += 2;
                } else {
                    throw bail();
                }
                continue;
            }
            if (c < 0) {
                i = utf8(i);
                continue;
            }
            if (c < 0x20) {
                throw bail();
            }
            i++;
        }
        start = pos + 1;
        end = i;
        escaped = esc;
        pos = i + 1;
    }

    /**
     * Checks the multi-byte UTF-8 sequence at {@code i} and returns the offset after it. Only
     * string contents may hold such bytes; anywhere else the grammar declines them, so a
     * document this class accepts is valid UTF-8 without a separate pass.
     */
    private int utf8(int i) {
        int end = Utf8.sequenceEnd(b, i);
        if (end < 0) {
            throw bail();
        }
        return end;
    }

    private int hex4(int at) {
        if (at + 4 > n) {
            throw bail();
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(b[at + k], 16);
            if (d < 0) {
                throw bail();
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** No lone surrogate to check: the scan declines every surrogate escape. */
    @Override
    public String string() {
        return text();
    }

    /** No lone surrogate to check: the scan declines every surrogate escape. */
    @Override
    public String fieldName() {
        return text();
    }

    /** The current string or name, decoded. */
    private String text() {
        if (!escaped) {
            return new String(b, start, end - start, StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder(end - start);
        int run = start;
        int i = start;
        while (i < end) {
            if (b[i] != '\\') {
                i++;
                continue;
            }
            if (i > run) {
                sb.append(new String(b, run, i - run, StandardCharsets.UTF_8));
            }
            byte e = b[i + 1];
            if (e == 'u') {
                sb.append((char) hex4(i + 2));
                i += 6;
            } else {
                sb.append(unescape(e));
                i += 2;
            }
            run = i;
        }
        if (end > run) {
            sb.append(new String(b, run, end - run, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static char unescape(byte e) {
        switch (e) {
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            default: // '"', '\\', '/': the scan let no other escape through
                return (char) e;
        }
    }

    /**
     * Index of the current field name in {@code keys} (UTF-8 bytes), trying {@code hint} first
     * since writers emit fields in declaration order; -1 for an unknown key.
     */
    private int matchName(byte[][] keys, int hint) {
        if (keys.length == 0) {
            return -1;
        }
        if (escaped) {
            byte[] name = text().getBytes(StandardCharsets.UTF_8);
            for (int k = 0; k < keys.length; k++) {
                if (Arrays.equals(name, keys[k])) {
                    return k;
                }
            }
            return -1;
        }
        int len = end - start;
        if (hint < keys.length && keys[hint].length == len && Arrays.equals(b, start, end, keys[hint], 0, len)) {
            return hint;
        }
        for (int k = 0; k < keys.length; k++) {
            if (keys[k].length == len && Arrays.equals(b, start, end, keys[k], 0, len)) {
                return k;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- numbers

    private JsonToken scanNumber() {
        int i = pos;
        boolean neg = b[i] == '-';
        if (neg) {
            i++;
        }
        if (i >= n) {
            throw bail();
        }
        if (b[i] == '0') {
            i++;
            if (i < n && isDigit(b[i])) {
                throw bail();
            }
        } else if (isDigit(b[i])) {
            while (i < n && isDigit(b[i])) {
                i++;
            }
        } else {
            throw bail();
        }
        boolean isFloat = false;
        if (i < n && b[i] == '.') {
            isFloat = true;
            i++;
            if (i >= n || !isDigit(b[i])) {
                throw bail();
            }
            while (i < n && isDigit(b[i])) {
                i++;
            }
        }
        if (i < n && (b[i] == 'e' || b[i] == 'E')) {
            isFloat = true;
            i++;
            if (i < n && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            if (i >= n || !isDigit(b[i])) {
                throw bail();
            }
            while (i < n && isDigit(b[i])) {
                i++;
            }
        }
        start = pos;
        end = i;
        negative = neg;
        pos = i;
        return isFloat ? JsonToken.VALUE_NUMBER_FLOAT : JsonToken.VALUE_NUMBER_INT;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public long u64(String expected) {
        return unsigned();
    }

    @Override
    public long u32() {
        long v = unsigned();
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw bail();
        }
        return v;
    }

    @Override
    public long i64() {
        return signed();
    }

    @Override
    public int i32() {
        long v = signed();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw bail();
        }
        return (int) v;
    }

    /** The current integer token as a u64 (at most 19 digits, so it cannot overflow 64 bits). */
    private long unsigned() {
        if (cur != JsonToken.VALUE_NUMBER_INT || negative || end - start > 19) {
            throw bail();
        }
        long v = 0;
        for (int i = start; i < end; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    /** The current integer token as an i64, for at most 18 digits (so no overflow); "-0" declines (serde reads a float). */
    private long signed() {
        int digits = end - start - (negative ? 1 : 0);
        if (cur != JsonToken.VALUE_NUMBER_INT || digits > 18) {
            throw bail();
        }
        long v = 0;
        for (int i = negative ? start + 1 : start; i < end; i++) {
            v = v * 10 + (b[i] - '0');
        }
        if (negative && v == 0) {
            throw bail();
        }
        return negative ? -v : v;
    }

    /** The current number as an f64, as serde_json reads it; declines what would overflow. */
    @Override
    public double f64() {
        if (cur == JsonToken.VALUE_NUMBER_INT) {
            if (negative) {
                if (end - start == 2 && b[start + 1] == '0') {
                    return -0.0;
                }
                return signed();
            }
            return dev.ktstr.api.schema.U64.toDouble(unsigned());
        }
        if (cur != JsonToken.VALUE_NUMBER_FLOAT) {
            throw bail();
        }
        double d = clinger();
        if (Double.isNaN(d)) {
            d = slowDouble();
        }
        if (Double.isInfinite(d)) {
            throw bail();
        }
        return d;
    }

    /**
     * Clinger's exact fast path: at most 15 significant digits and a power of ten of at most 22
     * each way give a correctly rounded result with one multiplication or division. NaN when
     * the literal is outside it.
     */
    private double clinger() {
        int i = negative ? start + 1 : start;
        long m = 0;
        int digits = 0;
        int scale = 0;
        boolean fraction = false;
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '.') {
                fraction = true;
                continue;
            }
            if (c == 'e' || c == 'E') {
                break;
            }
            if (m != 0 || c != '0') {
                if (++digits > 15) {
                    return Double.NaN;
                }
            }
            m = m * 10 + (c - '0');
            if (fraction) {
                scale--;
            }
        }
        if (i < end) {
            i++; // past 'e'
            boolean expNeg = false;
            if (b[i] == '+' || b[i] == '-') {
                expNeg = b[i] == '-';
                i++;
            }
            if (end - i > 4) {
                return Double.NaN;
            }
            int e = 0;
            for (; i < end; i++) {
                e = e * 10 + (b[i] - '0');
            }
            scale += expNeg ? -e : e;
        }
        double v;
        if (m == 0) {
            v = 0.0;
        } else if (scale >= 0 && scale <= 22) {
            v = (double) m * POW10[scale];
        } else if (scale < 0 && scale >= -22) {
            v = (double) m / POW10[-scale];
        } else {
            return Double.NaN;
        }
        return negative ? -v : v;
    }

    /** Correctly rounded like {@code Double.parseDouble}: FastDoubleParser's JSON parser, on the bytes in place. */
    private double slowDouble() {
        return JsonDoubleParser.parseDouble(b, start, end - start);
    }

    // ---------------------------------------------------------------- errors: all declined

    /** The current string's or name's opening quote. */
    @Override
    public long tokenStart() {
        return start - 1;
    }

    /** Just past the last token read. */
    @Override
    public long afterToken() {
        return pos;
    }

    /** Just past the current name's closing quote. */
    @Override
    public long afterName() {
        return end + 1;
    }

    /** No path: the fast path reports no error. */
    @Override
    public void push(String key) {
    }

    /** No path: the fast path reports no error. */
    @Override
    public void pushIndex(int index) {
    }

    /** No path: the fast path reports no error. */
    @Override
    public void pop() {
    }

    /** Declines: the full path rebuilds the error with serde's wording and position. */
    @Override
    public SidecarParseException error(String reason, long index) {
        throw bail();
    }

    /** Declines: the full path rebuilds the error with serde's wording and position. */
    @Override
    public SidecarParseException invalidType(String expected) {
        throw bail();
    }
}
