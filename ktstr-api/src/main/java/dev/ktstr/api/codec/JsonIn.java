package dev.ktstr.api.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The reading side of the codec. Two token sources behind one set of slot readers: the fast
 * path ({@link FastJson}, tried first, never reports an error) and the full path, jackson-core's
 * streaming parser with serde_json's verdicts and error positions layered on top, which reads
 * every document the fast path declines.
 *
 * <p>Recursion follows the schema only (its depth is fixed); values under unknown keys are
 * skipped iteratively by the parser, so deep nesting cannot overflow the stack.
 */
final class JsonIn {
    /** Marker in {@link StructSpec#missing}: the key must be present. */
    static final Object REQUIRED = new Object();

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // serde_json has no nesting or length limits for skipped values; neither may we.
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** A struct's shape: its name, keys in declaration order, and what an absent key becomes. */
    record StructSpec(String name, List<String> keys, List<Object> missing, List<Boolean> serdeDefault,
            Map<String, Integer> index, byte[][] keyUtf8) {
        /**
         * @param missing      per key: {@link #REQUIRED}, or what an absent key reads as
         * @param serdeDefault per key: whether it has {@code #[serde(default)]}, the only kind a
         *                     short array form may leave out
         */
        static StructSpec of(String name, List<String> keys, List<Object> missing, List<Boolean> serdeDefault) {
            if (keys.size() > 64) {
                throw new IllegalArgumentException(name + ": more than 64 fields do not fit the fast path's seen-mask");
            }
            Map<String, Integer> index = new java.util.HashMap<>();
            byte[][] utf8 = new byte[keys.size()][];
            for (int i = 0; i < keys.size(); i++) {
                index.put(keys.get(i), i);
                utf8[i] = keys.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            return new StructSpec(name, keys, missing, serdeDefault, Map.copyOf(index), utf8);
        }
    }

    /** A JSON number as serde_json classifies it. */
    private record Num(char kind, long bits, double f) {
        // kind: 'u' u64, 'i' negative i64, 'f' f64
    }

    private final byte[] src;
    /** The jackson-core path (every verdict worded as serde's); null on the fast path. */
    private final JsonParser p;
    /** The fast path; null on the jackson-core path. */
    private final FastJson f;
    private final List<String> path = new ArrayList<>();
    /** Whether an unknown key's value is being skipped: serde words a few errors differently there. */
    private boolean skipping;

    private JsonIn(byte[] src, JsonParser p) {
        this.src = src;
        this.p = p;
        this.f = null;
    }

    private JsonIn(byte[] src, FastJson f) {
        this.src = src;
        this.p = null;
        this.f = f;
    }

    /** Parses one document whose root is read by {@code root}. */
    static <T> T parse(byte[] src, Function<JsonIn, T> root) {
        if (FAST_PATH) {
            try {
                // Also checks UTF-8: the fast path declines any byte sequence that is not.
                return parseFast(src, root);
            } catch (RuntimeException e) {
                // Declined or failed: the jackson-core path decides, and words any error as serde does.
            }
        }
        return parseFull(src, root);
    }

    /** Whether {@link #parse} tries {@link FastJson} first; {@code -Dktstr.codec.noFastPath=true} turns it off. */
    static final boolean FAST_PATH = !Boolean.getBoolean("ktstr.codec.noFastPath");

    /** The fast path alone: the value, or {@link FastJson#BAIL} (or any exception) when it declines. */
    static <T> T parseFast(byte[] src, Function<JsonIn, T> root) {
        FastJson fast = new FastJson(src);
        JsonIn in = new JsonIn(src, fast);
        if (in.next() == null) {
            throw FastJson.bail();
        }
        T value = root.apply(in);
        if (firstNonWhitespace(src, fast.position()) >= 0) {
            throw FastJson.bail();
        }
        return value;
    }

    /** JSON's four whitespace bytes, the only ones serde_json skips between tokens. */
    static boolean isWhitespace(int b) {
        return b == ' ' || b == '\n' || b == '\t' || b == '\r';
    }

    /** Offset of the first byte at or after {@code from} that is not whitespace, or -1. */
    private static int firstNonWhitespace(byte[] src, int from) {
        for (int i = from; i < src.length; i++) {
            if (!isWhitespace(src[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The jackson-core path alone, with serde_json's verdicts for every input. */
    static <T> T parseFull(byte[] src, Function<JsonIn, T> root) {
        checkUtf8(src);
        if (src.length >= 3 && (src[0] & 0xFF) == 0xEF && (src[1] & 0xFF) == 0xBB && (src[2] & 0xFF) == 0xBF) {
            // serde_json does not skip a byte order mark.
            throw at("expected value", 1, 1, "");
        }
        for (int i = 0; i < Math.min(4, src.length); i++) {
            if (src[i] == 0) {
                // Never legal in JSON here; also keeps jackson's UTF-16/32 sniffing out of play.
                throw new JsonIn(src, (JsonParser) null).error("expected value", i + 1);
            }
        }
        JsonParser parser;
        try {
            parser = FACTORY.createParser(src);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonIn in = new JsonIn(src, parser);
        try (parser) {
            if (in.next() == null) {
                throw in.error("EOF while parsing a value", src.length);
            }
            T value = root.apply(in);
            int trailing = firstNonWhitespace(src, (int) parser.currentLocation().getByteOffset());
            if (trailing >= 0) {
                throw in.error("trailing characters", trailing + 1);
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkUtf8(byte[] src) {
        int bad = firstInvalidUtf8(src);
        if (bad >= 0) {
            int[] lc = new JsonIn(src, (JsonParser) null).lineColumn(bad + 1);
            throw new SidecarEncodingException(lc[0], lc[1]);
        }
    }

    /**
     * Offset of the first byte that is not well-formed UTF-8 (RFC 3629: no overlongs, no
     * surrogates, nothing above U+10FFFF), or -1. A hand-written scan because a CharsetDecoder
     * per file showed up as a tenth of pool-read time; sidecars are mostly ASCII.
     */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static int firstInvalidUtf8(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            // Eight ASCII bytes at a time: the common case is a file without a single high bit.
            if (i + 8 <= n && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
                i += 8;
                continue;
            }
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            int end = utf8SequenceEnd(b, i);
            if (end < 0) {
                return i;
            }
            i = end;
        }
        return -1;
    }

    /**
     * Where the multi-byte UTF-8 sequence starting at {@code b[i]} (a byte with the high bit set)
     * ends, or -1 when it is not well-formed (RFC 3629: no overlong forms, no surrogates,
     * nothing above U+10FFFF, no truncation).
     */
    static int utf8SequenceEnd(byte[] b, int i) {
        int c = b[i] & 0xFF;
        int len;
        int min;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + len > b.length) {
            return -1;
        }
        int cp = c & (0xFF >> (len + 1));
        for (int k = 1; k < len; k++) {
            int x = b[i + k];
            if ((x & 0xC0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (x & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return -1;
        }
        return i + len;
    }

    // ---------------------------------------------------------------- tokens and positions

    JsonToken next() {
        if (f != null) {
            return f.next();
        }
        try {
            return p.nextToken();
        } catch (JsonEOFException e) {
            throw error(eofReason(), src.length);
        } catch (JsonProcessingException e) {
            throw syntax(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonToken current() {
        return f != null ? f.current() : p.currentToken();
    }

    private void skipValue() {
        if (f != null) {
            f.skipValue();
            return;
        }
        try {
            skipping = true;
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                // Jackson reads strings lazily: finish it here so a bad character in it is
                // reported as part of the skipped value, as serde's skipper reports it.
                p.finishToken();
            } else {
                p.skipChildren();
            }
        } catch (JsonEOFException e) {
            throw error(eofReason(), src.length);
        } catch (JsonProcessingException e) {
            throw syntax(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            skipping = false;
        }
    }

    private String text() {
        try {
            return p.getText();
        } catch (JsonEOFException e) {
            throw error("EOF while parsing a string", src.length);
        } catch (JsonProcessingException e) {
            throw syntax(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** serde's words for input that ends too early, from where it ends. */
    private String eofReason() {
        if (endsInsideString()) {
            return "EOF while parsing a string";
        }
        if (endsInIncompleteNumber()) {
            return "EOF while parsing a value";
        }
        JsonStreamContext ctx = p.getParsingContext();
        boolean inObject = ctx != null && ctx.inObject();
        boolean inArray = ctx != null && ctx.inArray();
        int prev = previousNonWhitespace(src.length);
        if (prev == ':') {
            return "EOF while parsing a value";
        }
        if (prev == ',') {
            // After a comma serde expects a value, except its skipper (unknown keys) inside an
            // object, which reports the object.
            return skipping && inObject ? "EOF while parsing an object" : "EOF while parsing a value";
        }
        if (inObject) {
            return "EOF while parsing an object";
        }
        if (inArray) {
            return "EOF while parsing a list";
        }
        return "EOF while parsing a value";
    }

    /** Whether the input ends inside a number that still needs digits ({@code -}, {@code 1.}, {@code 1e+}). */
    private boolean endsInIncompleteNumber() {
        if (src.length == 0) {
            return false;
        }
        byte last = src[src.length - 1];
        return last == '-' || last == '+' || last == '.' || last == 'e' || last == 'E';
    }

    /** Whether the input ends inside a string literal (an odd number of unescaped quotes). */
    private boolean endsInsideString() {
        boolean inside = false;
        for (int i = 0; i < src.length; i++) {
            byte c = src[i];
            if (inside && c == '\\') {
                i++;
            } else if (c == '"') {
                inside = !inside;
            }
        }
        return inside;
    }

    /**
     * A syntax error found by Jackson, reworded as serde_json words it, at serde's position.
     * Jackson's location is the offending byte; serde counts that byte as consumed, hence
     * {@code at + 1}. The texts and positions were taken from serde_json itself (a Rust
     * program over the same inputs); unknown kinds keep Jackson's message.
     */
    private SidecarParseException syntax(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        int nl = msg.indexOf('\n');
        if (nl >= 0) {
            msg = msg.substring(0, nl);
        }
        long at = Math.max(0, e.getLocation() == null ? 0 : e.getLocation().getByteOffset());
        if (msg.startsWith("Illegal character") && at > 0 && at <= src.length && (src[(int) at - 1] & 0xFF) < 0x20) {
            at--; // Jackson reports a stray control character from just past it
        }
        int here = at < src.length ? src[(int) at] & 0xFF : -1;
        int tokenEnd = msg.indexOf('\'', "Unrecognized token '".length());
        if (msg.startsWith("Unrecognized token '") && tokenEnd > 0) {
            return unrecognizedToken(msg.substring("Unrecognized token '".length(), tokenEnd), at);
        }
        if (msg.startsWith("Unexpected end-of-input")) {
            return error(eofReason(), src.length);
        }
        String reason = null;
        long index = at + 1;
        if (msg.contains("was expecting a colon")) {
            reason = "expected `:`";
        } else if (msg.contains("was expecting double-quote to start field name")) {
            // serde's skipper of unknown values has no trailing-comma check; its map access does.
            reason = !skipping && here == '}' && previousNonWhitespace(at) == ',' ? "trailing comma"
                    : "key must be a string";
        } else if (msg.contains("was expecting comma to separate Object entries")) {
            reason = "expected `,` or `}`";
        } else if (msg.contains("was expecting comma to separate Array entries")) {
            reason = "expected `,` or `]`";
        } else if (msg.startsWith("Illegal unquoted character")) {
            reason = "control character (\\u0000-\\u001F) found while parsing a string";
            index = skipping ? at : at + 1; // the skipper reports before consuming the character
        } else if (msg.startsWith("Unrecognized character escape") || msg.contains("hex-digit for character escape")) {
            reason = "invalid escape";
        } else if (msg.contains("plus sign")) {
            reason = "expected value";
            index = at;
        } else if (msg.startsWith("Invalid numeric value") || msg.contains("in numeric value")) {
            if (at >= src.length - 1 && endsInIncompleteNumber()) {
                return error("EOF while parsing a value", src.length); // e.g. "1." at the very end
            }
            reason = "invalid number";
        } else if (msg.contains("expected a value") || msg.contains("expected a valid value")) {
            reason = !skipping && here == ']' && previousNonWhitespace(at) == ',' ? "trailing comma"
                    : "expected value";
        }
        if (reason == null && (msg.startsWith("Unexpected close marker") || msg.startsWith("Illegal character")
                || msg.startsWith("Unexpected character"))) {
            reason = unexpectedHere(at);
            index = at + 1;
        }
        return reason != null ? error(reason, index) : error("invalid JSON: " + msg, at);
    }

    /**
     * What serde expected at a byte that cannot start the next token, read from the byte before
     * it and the open container, as serde's parser state would have it.
     */
    private String unexpectedHere(long at) {
        int prev = previousNonWhitespace(at);
        JsonStreamContext ctx = p.getParsingContext();
        boolean inObject = ctx != null && ctx.inObject();
        boolean inArray = ctx != null && ctx.inArray();
        if (prev == ':' || prev == '[' || (prev == ',' && inArray)) {
            return "expected value";
        }
        if (prev == '{' || (prev == ',' && inObject)) {
            return "key must be a string";
        }
        if (inObject && p.currentToken() == JsonToken.FIELD_NAME) {
            return "expected `:`";
        }
        if (inObject) {
            return "expected `,` or `}`";
        }
        if (inArray) {
            return "expected `,` or `]`";
        }
        return prev < 0 ? "expected value" : "trailing characters";
    }

    /** serde's verdict on a bare word: a mangled {@code null}/{@code true}/{@code false}, or no value at all. */
    private SidecarParseException unrecognizedToken(String token, long at) {
        int start = lastIndexOf(token, (int) Math.min(at, src.length));
        if (start < 0) {
            return error("expected value", at);
        }
        String literal = switch (src[start]) {
            case 'n' -> "null";
            case 't' -> "true";
            case 'f' -> "false";
            default -> null;
        };
        if (literal == null) {
            return error("expected value", start + 1);
        }
        for (int k = 1; k < literal.length(); k++) {
            if (start + k >= src.length) {
                return error("EOF while parsing a value", src.length);
            }
            if (src[start + k] != literal.charAt(k)) {
                return error("expected ident", start + k + 1);
            }
        }
        return error("expected value", start + 1);
    }

    private int lastIndexOf(String token, int end) {
        byte[] t = token.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = end - t.length; i >= 0; i--) {
            if (java.util.Arrays.equals(src, i, i + t.length, t, 0, t.length)) {
                return i;
            }
        }
        return -1;
    }

    private int previousNonWhitespace(long at) {
        for (int i = (int) Math.min(at, src.length) - 1; i >= 0; i--) {
            if (!isWhitespace(src[i])) {
                return src[i];
            }
        }
        return -1;
    }

    /** Byte index just past the current token, as serde counts "consumed". */
    private long afterToken() {
        if (f != null) {
            throw FastJson.bail(); // positions only serve errors, which the full path words
        }
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            text(); // completes the lazily parsed string so the location is past its closing quote
        }
        return p.currentLocation().getByteOffset();
    }

    private long tokenStart() {
        if (f != null) {
            throw FastJson.bail(); // positions only serve errors, which the full path words
        }
        return p.currentTokenLocation().getByteOffset();
    }

    /** Byte index just past the closing quote of the current field name. */
    private long afterName() {
        if (f != null) {
            throw FastJson.bail(); // positions only serve errors, which the full path words
        }
        int i = (int) tokenStart();
        if (i < 0 || i >= src.length || src[i] != '"') {
            return afterToken();
        }
        i++;
        while (i < src.length && src[i] != '"') {
            i += src[i] == '\\' ? 2 : 1;
        }
        return Math.min(src.length, i + 1);
    }

    private int[] lineColumn(long index) {
        int end = (int) Math.min(Math.max(index, 0), src.length);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < end; i++) {
            if (src[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, end - lineStart};
    }

    SidecarParseException error(String reason, long index) {
        if (f != null) {
            throw FastJson.bail(); // the full path rebuilds this error with serde's position
        }
        int[] lc = lineColumn(index);
        return at(reason, lc[0], lc[1], pathString());
    }

    private static SidecarParseException at(String reason, int line, int column, String path) {
        return new SidecarParseException(reason, line, column, path);
    }

    private String pathString() {
        StringBuilder sb = new StringBuilder();
        for (String s : path) {
            if (!s.startsWith("[") && sb.length() > 0) {
                sb.append('.');
            }
            sb.append(s);
        }
        return sb.toString();
    }

    private void push(String segment) {
        if (f == null) { // the fast path never reports an error, so it keeps no path
            path.add(segment);
        }
    }

    private void pop() {
        if (f == null) {
            path.remove(path.size() - 1);
        }
    }

    /** serde's "invalid type" error for the current token. */
    SidecarParseException invalidType(String expected) {
        if (f != null) {
            throw FastJson.bail();
        }
        JsonToken t = p.currentToken();
        boolean container = t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT;
        String unexpected = unexpected();
        return error("invalid type: " + unexpected + ", expected " + expected, container ? tokenStart() : afterToken());
    }

    private String unexpected() {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "end of input";
        }
        switch (t) {
            case START_ARRAY:
                return "sequence";
            case START_OBJECT:
                return "map";
            case VALUE_NULL:
                return "null";
            case VALUE_TRUE:
                return "boolean `true`";
            case VALUE_FALSE:
                return "boolean `false`";
            case VALUE_STRING:
                return "string " + debugQuote(text());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                Num n = number();
                if (n.kind == 'f') {
                    return "floating point `" + SerdeFloats.format(n.f) + "`";
                }
                return "integer `" + (n.kind == 'u' ? Long.toUnsignedString(n.bits) : Long.toString(n.bits)) + "`";
            default:
                return t.asString() == null ? t.name() : t.asString();
        }
    }

    private static String debugQuote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c == 0x7F) {
                sb.append("\\u{").append(Integer.toHexString(c)).append('}');
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** Classifies the current number token the way serde_json's parser does. */
    private Num number() {
        String s = text();
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            if (s.equals("-0")) {
                return new Num('f', 0, -0.0); // serde_json parses "-0" as the float -0.0
            }
            try {
                if (s.startsWith("-")) {
                    return new Num('i', Long.parseLong(s), 0);
                }
                return new Num('u', Long.parseUnsignedLong(s), 0);
            } catch (NumberFormatException e) {
                // beyond i64/u64: serde_json falls back to a float
                return new Num('f', 0, finite(new BigDecimal(s).doubleValue()));
            }
        }
        // FastDoubleParser: correctly rounded like Double.parseDouble, without its slow path on
        // the 17-digit values sidecars are full of.
        return new Num('f', 0, finite(NumberInput.parseDouble(s, true)));
    }

    private double finite(double d) {
        if (Double.isInfinite(d)) {
            throw error("number out of range", afterToken());
        }
        return d;
    }

    private static String lonelySurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isHighSurrogate(c)) {
                return "unexpected end of hex escape";
            } else if (Character.isLowSurrogate(c)) {
                return "lone leading surrogate in hex escape";
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- scalar slots

    String readString() {
        if (f != null) {
            if (f.current() != JsonToken.VALUE_STRING) {
                throw FastJson.bail();
            }
            return f.text(); // no lone surrogate: the fast path declines every surrogate escape
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw invalidType("a string");
        }
        String s = text();
        String bad = lonelySurrogate(s);
        if (bad != null) {
            throw error(bad, afterToken());
        }
        return s;
    }

    boolean readBool() {
        JsonToken t = current();
        if (t == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw invalidType("a boolean");
    }

    private Num readNumber(String expected) {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw invalidType(expected);
        }
        return number();
    }

    /** A Rust u64 or usize ({@code expected} names which), as its 64 bits. */
    long readU64(String expected) {
        if (f != null) {
            return f.unsigned();
        }
        Num n = readNumber(expected);
        if (n.kind == 'u') {
            return n.bits;
        }
        if (n.kind == 'i') {
            throw error("invalid value: integer `" + n.bits + "`, expected " + expected, afterToken());
        }
        throw invalidType(expected);
    }

    long readU32() {
        if (f != null) {
            long v = f.unsigned();
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw FastJson.bail();
            }
            return v;
        }
        Num n = readNumber("u32");
        if (n.kind == 'u' && n.bits >= 0 && n.bits <= 0xFFFF_FFFFL) {
            return n.bits;
        }
        if (n.kind == 'f') {
            throw invalidType("u32");
        }
        throw error("invalid value: integer `" + (n.kind == 'u' ? Long.toUnsignedString(n.bits) : Long.toString(n.bits))
                + "`, expected u32", afterToken());
    }

    long readI64() {
        if (f != null) {
            return f.signed();
        }
        Num n = readNumber("i64");
        if (n.kind == 'f') {
            throw invalidType("i64");
        }
        if (n.kind == 'u' && n.bits < 0) {
            throw error("invalid value: integer `" + Long.toUnsignedString(n.bits) + "`, expected i64", afterToken());
        }
        return n.bits;
    }

    int readI32() {
        if (f != null) {
            long v = f.signed();
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw FastJson.bail();
            }
            return (int) v;
        }
        Num n = readNumber("i32");
        if (n.kind == 'f') {
            throw invalidType("i32");
        }
        if (n.kind == 'u' && (n.bits < 0 || n.bits > Integer.MAX_VALUE) || n.kind == 'i' && n.bits < Integer.MIN_VALUE) {
            throw error("invalid value: integer `" + (n.kind == 'u' ? Long.toUnsignedString(n.bits) : Long.toString(n.bits))
                    + "`, expected i32", afterToken());
        }
        return (int) n.bits;
    }

    double readF64() {
        if (f != null) {
            return f.f64();
        }
        Num n = readNumber("f64");
        switch (n.kind) {
            case 'u':
                return dev.ktstr.api.schema.U64.toDouble(n.bits);
            case 'i':
                return n.bits;
            default:
                return n.f;
        }
    }

    // ---------------------------------------------------------------- composite slots

    <T> Optional<T> readOption(Supplier<T> value) {
        if (current() == JsonToken.VALUE_NULL) {
            return Optional.empty();
        }
        return Optional.of(value.get());
    }

    <T> List<T> readList(Supplier<T> element) {
        if (current() != JsonToken.START_ARRAY) {
            throw invalidType("a sequence");
        }
        List<T> out = new ArrayList<>();
        while (next() != JsonToken.END_ARRAY) {
            if (f != null) {
                out.add(element.get());
                continue;
            }
            push("[" + out.size() + "]");
            out.add(element.get());
            pop();
        }
        return out;
    }

    /** A {@code BTreeMap<String, V>} or {@code HashMap<String, V>}: the last duplicate wins. */
    <V> Map<String, V> readStringMap(Supplier<V> value) {
        if (current() != JsonToken.START_OBJECT) {
            throw invalidType("a map");
        }
        Map<String, V> out = new LinkedHashMap<>();
        while (next() != JsonToken.END_OBJECT) {
            String key = fieldName();
            push(key);
            next();
            out.put(key, value.get());
            pop();
        }
        return out;
    }

    /** A {@code BTreeMap<usize, V>}: keys are JSON strings holding a plain decimal number. */
    <V> Map<Long, V> readUsizeKeyMap(Supplier<V> value) {
        if (current() != JsonToken.START_OBJECT) {
            throw invalidType("a map");
        }
        Map<Long, V> out = new LinkedHashMap<>();
        while (next() != JsonToken.END_OBJECT) {
            String key = fieldName();
            long k = numericKey(key);
            push(key);
            next();
            out.put(k, value.get());
            pop();
        }
        return out;
    }

    private long numericKey(String decoded) {
        // serde_json reads the key's raw bytes as a number: no escapes, sign, space or leading zero.
        int start = (f != null ? f.tokenStart() : (int) tokenStart()) + 1;
        int i = start;
        while (i < src.length && src[i] >= '0' && src[i] <= '9') {
            i++;
        }
        boolean plain = i < src.length && src[i] == '"' && i > start && (i - start == 1 || src[start] != '0');
        if (!plain) {
            if (start < src.length && src[start] == '-' && decoded.matches("-[1-9][0-9]*")) {
                throw error("invalid value: integer `" + decoded + "`, expected usize", afterName());
            }
            throw error("expected numeric key, got " + debugQuote(decoded), afterName());
        }
        try {
            return Long.parseUnsignedLong(decoded);
        } catch (NumberFormatException e) {
            throw error("invalid type: floating point `" + SerdeFloats.format(new BigDecimal(decoded).doubleValue())
                    + "`, expected usize", afterName());
        }
    }

    private String fieldName() {
        if (f != null) {
            return f.text(); // no lone surrogate: the fast path declines every surrogate escape
        }
        String key;
        try {
            key = p.currentName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String bad = lonelySurrogate(key);
        if (bad != null) {
            throw error(bad, afterName());
        }
        return key;
    }

    /**
     * Reads a struct in object form ({@code {"key": value, ...}}) or array form (its field
     * values in declaration order), with serde-derive's rules for unknown, duplicate and missing
     * keys. {@code field} reads field {@code i} at the current token.
     */
    Object[] readStruct(StructSpec spec, IntFunction<Object> field) {
        if (f != null) {
            return readStructFast(spec, field);
        }
        JsonToken t = p.currentToken();
        int n = spec.keys().size();
        Object[] values = new Object[n];
        if (t == JsonToken.START_OBJECT) {
            boolean[] seen = new boolean[n];
            while (next() != JsonToken.END_OBJECT) {
                String key = fieldName();
                Integer idx = spec.index().get(key);
                if (idx == null) {
                    next();
                    skipValue();
                    continue;
                }
                if (seen[idx]) {
                    throw error("duplicate field `" + key + "`", afterName());
                }
                seen[idx] = true;
                push(key);
                next();
                values[idx] = field.apply(idx);
                pop();
            }
            for (int i = 0; i < n; i++) {
                if (!seen[i]) {
                    Object missing = spec.missing().get(i);
                    if (missing == REQUIRED) {
                        throw error("missing field `" + spec.keys().get(i) + "`", afterToken());
                    }
                    values[i] = missing;
                }
            }
            return values;
        }
        if (t == JsonToken.START_ARRAY) {
            boolean exhausted = false;
            int missingAt = -1;
            for (int i = 0; i < n; i++) {
                if (!exhausted && next() == JsonToken.END_ARRAY) {
                    exhausted = true;
                }
                if (exhausted) {
                    // serde-derive fills only #[serde(default)] fields from a short array.
                    if (!spec.serdeDefault().get(i)) {
                        missingAt = i;
                        break;
                    }
                    values[i] = spec.missing().get(i);
                    continue;
                }
                push(spec.keys().get(i));
                values[i] = field.apply(i);
                pop();
            }
            if (missingAt >= 0) {
                throw error("invalid length " + missingAt + ", expected struct " + spec.name() + " with " + n + " elements",
                        afterToken());
            }
            if (!exhausted && next() != JsonToken.END_ARRAY) {
                throw error("trailing characters", tokenStart() + 1);
            }
            return values;
        }
        throw invalidType("struct " + spec.name());
    }

    /**
     * {@link #readStruct} on the fast path: object form only, keys matched on their bytes with
     * declaration order as the first guess; anything unusual declines (duplicate, missing or
     * mistyped field, the array form) and the full path decides.
     */
    private Object[] readStructFast(StructSpec spec, IntFunction<Object> field) {
        if (f.current() != JsonToken.START_OBJECT) {
            throw FastJson.bail();
        }
        byte[][] keys = spec.keyUtf8();
        int n = keys.length;
        Object[] values = new Object[n];
        long seen = 0;
        int hint = 0;
        int idx;
        while ((idx = f.nextField(keys, hint)) != FastJson.END) {
            f.next();
            if (idx < 0) {
                f.skipValue();
                continue;
            }
            long bit = 1L << idx;
            if ((seen & bit) != 0) {
                throw FastJson.bail();
            }
            seen |= bit;
            values[idx] = field.apply(idx);
            hint = idx + 1;
        }
        if (seen != (n == 64 ? -1L : (1L << n) - 1)) {
            for (int i = 0; i < n; i++) {
                if ((seen & (1L << i)) == 0) {
                    Object missing = spec.missing().get(i);
                    if (missing == REQUIRED) {
                        throw FastJson.bail();
                    }
                    values[i] = missing;
                }
            }
        }
        return values;
    }

    /** Reads a unit-or-newtype enum; {@code variant} gets the variant name and reads any payload. */
    <T> T readEnum(String enumName, List<String> variants, java.util.function.BiFunction<String, Boolean, T> variant) {
        JsonToken t = current();
        if (t == JsonToken.VALUE_STRING) {
            String name = readString();
            checkVariant(name, variants);
            return variant.apply(name, false);
        }
        if (t == JsonToken.START_OBJECT) {
            if (next() != JsonToken.FIELD_NAME) {
                throw error("expected value", tokenStart());
            }
            String name = fieldName();
            checkVariant(name, variants);
            push(name);
            next();
            T value = variant.apply(name, true);
            pop();
            if (next() != JsonToken.END_OBJECT) {
                throw error("expected value", tokenStart());
            }
            return value;
        }
        throw invalidType("enum " + enumName);
    }

    private void checkVariant(String name, List<String> variants) {
        if (!variants.contains(name)) {
            if (f != null) {
                throw FastJson.bail();
            }
            String expected;
            if (variants.size() == 2) {
                expected = "expected `" + variants.get(0) + "` or `" + variants.get(1) + "`";
            } else {
                StringBuilder sb = new StringBuilder("expected one of ");
                for (int i = 0; i < variants.size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append('`').append(variants.get(i)).append('`');
                }
                expected = sb.toString();
            }
            long at = p.currentToken() == JsonToken.FIELD_NAME ? afterName() : afterToken();
            throw error("unknown variant `" + name + "`, " + expected, at);
        }
    }

    /** For a unit variant given in object form: its payload must be {@code null}. */
    void readUnitPayload() {
        if (current() != JsonToken.VALUE_NULL) {
            throw invalidType("unit variant");
        }
    }

    /** For a newtype variant given as a bare string. */
    SidecarParseException newtypeAsUnit() {
        return error("invalid type: unit variant, expected newtype variant", afterToken());
    }
}
