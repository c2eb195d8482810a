package dev.ktstr.api.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.NumberInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The full path's tokens: jackson-core's streaming parser, with serde_json's verdicts for every
 * input. Syntax errors are reworded by {@link JacksonErrors}; type and range errors are found
 * here, classifying each number as serde_json does, and worded by {@link SerdeErrors}. It keeps
 * the field path every error reports.
 */
final class JacksonSource implements TokenSource, AutoCloseable {

    /** The parser factory; serde_json has no nesting or length limits for skipped values, neither may we. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** A JSON number as serde_json classifies it; kind: 'u' u64, 'i' negative i64, 'f' f64. */
    private record Num(char kind, long bits, double f) {
        String digits() {
            return kind == 'u' ? Long.toUnsignedString(bits) : Long.toString(bits);
        }
    }

    private final byte[] src;
    private final JsonParser p;
    private final List<String> path = new ArrayList<>();
    /** Whether an unknown key's value is being skipped: serde words a few errors differently there. */
    private boolean skipping;

    private JacksonSource(byte[] src, JsonParser p) {
        this.src = src;
        this.p = p;
    }

    /**
     * A parser over {@code src}, after the checks serde_json makes before its first token
     * (well-formed UTF-8, no byte order mark) and one Jackson needs (no NUL in the first four
     * bytes, which would send it sniffing for UTF-16 or UTF-32).
     *
     * @throws SidecarEncodingException when {@code src} is not UTF-8
     * @throws SidecarParseException    for a byte order mark or an early NUL
     */
    static JacksonSource open(byte[] src) {
        int bad = Utf8.firstInvalid(src);
        if (bad >= 0) {
            int[] lc = SerdeErrors.lineColumn(src, bad + 1);
            throw new SidecarEncodingException(lc[0], lc[1]);
        }
        if (src.length >= 3 && (src[0] & 0xFF) == 0xEF && (src[1] & 0xFF) == 0xBB && (src[2] & 0xFF) == 0xBF) {
            // serde_json does not skip a byte order mark.
            throw SerdeErrors.at(src, SerdeErrors.EXPECTED_VALUE, 1, "");
        }
        for (int i = 0; i < Math.min(4, src.length); i++) {
            if (src[i] == 0) {
                throw SerdeErrors.at(src, SerdeErrors.EXPECTED_VALUE, i + 1, "");
            }
        }
        try {
            return new JacksonSource(src, FACTORY.createParser(src));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the parser's buffers to Jackson's recycler. */
    @Override
    public void close() {
        try {
            p.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void begin() {
        if (next() == null) {
            throw error(SerdeErrors.EOF_VALUE, src.length);
        }
    }

    @Override
    public void end() {
        int trailing = TokenSource.firstNonWhitespace(src, (int) p.currentLocation().getByteOffset());
        if (trailing >= 0) {
            throw error(SerdeErrors.TRAILING, trailing + 1);
        }
    }

    // ---------------------------------------------------------------- tokens

    @Override
    public JsonToken next() {
        try {
            return p.nextToken();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public JsonToken current() {
        return p.currentToken();
    }

    @Override
    public void skipValue() {
        try {
            skipping = true;
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                // Jackson reads strings lazily: finish it here so a bad character in it is
                // reported as part of the skipped value, as serde's skipper reports it.
                p.finishToken();
            } else {
                p.skipChildren();
            }
        } catch (IOException e) {
            throw failure(e);
        } finally {
            skipping = false;
        }
    }

    /** An exception from the parser as serde would report it. */
    private RuntimeException failure(IOException e) {
        if (e instanceof JsonEOFException) {
            return error(JacksonErrors.eofReason(src, skipping, p.getParsingContext()), src.length);
        }
        if (e instanceof JsonProcessingException jpe) {
            JacksonErrors.Verdict v = JacksonErrors.syntax(jpe, src, skipping, p.getParsingContext(), p.currentToken());
            return error(v.reason(), v.index());
        }
        return new UncheckedIOException(e);
    }

    private String text() {
        try {
            return p.getText();
        } catch (JsonEOFException e) {
            throw error(SerdeErrors.EOF_STRING, src.length);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public int nextField(JsonIn.StructSpec spec, int hint) {
        if (next() == JsonToken.END_OBJECT) {
            return END;
        }
        Integer idx = spec.index().get(fieldName());
        return idx == null ? -1 : idx;
    }

    @Override
    public String string() {
        String s = text();
        String bad = SerdeErrors.lonelySurrogate(s);
        if (bad != null) {
            throw error(bad, afterToken());
        }
        return s;
    }

    @Override
    public String fieldName() {
        String key;
        try {
            key = p.currentName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String bad = SerdeErrors.lonelySurrogate(key);
        if (bad != null) {
            throw error(bad, afterName());
        }
        return key;
    }

    // ---------------------------------------------------------------- numbers

    private Num number(String expected) {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw invalidType(expected);
        }
        return number();
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

    @Override
    public long u64(String expected) {
        Num n = number(expected);
        if (n.kind == 'u') {
            return n.bits;
        }
        if (n.kind == 'i') {
            throw error(SerdeErrors.invalidInteger(n.digits(), expected), afterToken());
        }
        throw invalidType(expected);
    }

    @Override
    public long u32() {
        Num n = number("u32");
        if (n.kind == 'u' && n.bits >= 0 && n.bits <= 0xFFFF_FFFFL) {
            return n.bits;
        }
        if (n.kind == 'f') {
            throw invalidType("u32");
        }
        throw error(SerdeErrors.invalidInteger(n.digits(), "u32"), afterToken());
    }

    @Override
    public long i64() {
        Num n = number("i64");
        if (n.kind == 'f') {
            throw invalidType("i64");
        }
        if (n.kind == 'u' && n.bits < 0) {
            throw error(SerdeErrors.invalidInteger(n.digits(), "i64"), afterToken());
        }
        return n.bits;
    }

    @Override
    public int i32() {
        Num n = number("i32");
        if (n.kind == 'f') {
            throw invalidType("i32");
        }
        if (n.kind == 'u' && (n.bits < 0 || n.bits > Integer.MAX_VALUE) || n.kind == 'i' && n.bits < Integer.MIN_VALUE) {
            throw error(SerdeErrors.invalidInteger(n.digits(), "i32"), afterToken());
        }
        return (int) n.bits;
    }

    @Override
    public double f64() {
        Num n = number("f64");
        switch (n.kind) {
            case 'u':
                return dev.ktstr.api.schema.U64.toDouble(n.bits);
            case 'i':
                return n.bits;
            default:
                return n.f;
        }
    }

    // ---------------------------------------------------------------- positions, path, errors

    @Override
    public long tokenStart() {
        return p.currentTokenLocation().getByteOffset();
    }

    @Override
    public long afterToken() {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            text(); // completes the lazily parsed string so the location is past its closing quote
        }
        return p.currentLocation().getByteOffset();
    }

    @Override
    public long afterName() {
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

    @Override
    public void push(String key) {
        path.add(key);
    }

    @Override
    public void pushIndex(int index) {
        path.add(SerdeErrors.index(index));
    }

    @Override
    public void pop() {
        path.remove(path.size() - 1);
    }

    @Override
    public SidecarParseException error(String reason, long index) {
        return SerdeErrors.at(src, reason, index, SerdeErrors.path(path));
    }

    @Override
    public SidecarParseException invalidType(String expected) {
        JsonToken t = p.currentToken();
        boolean container = t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT;
        String unexpected = unexpected(t);
        return error(SerdeErrors.invalidType(unexpected, expected), container ? tokenStart() : afterToken());
    }

    /** The current token as serde names an unexpected value. */
    private String unexpected(JsonToken t) {
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
                return SerdeErrors.string(text());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                Num n = number();
                return n.kind == 'f' ? SerdeErrors.floatingPoint(n.f) : SerdeErrors.integer(n.digits());
            default:
                return t.asString() == null ? t.name() : t.asString();
        }
    }
}
