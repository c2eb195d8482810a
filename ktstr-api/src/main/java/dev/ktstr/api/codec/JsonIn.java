package dev.ktstr.api.codec;

import com.fasterxml.jackson.core.JsonToken;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The reading side of the codec: the slot readers {@link SchemaCodec} and {@link ValueCodec}
 * call, written once against a {@link TokenSource}. {@link #parse} runs them first over
 * {@link FastJson} (strict, declines instead of reporting an error) and, for any document it
 * declines, over {@link JacksonSource}, which gives serde_json's verdict and wording.
 *
 * <p>Recursion follows the schema only (its depth is fixed); values under unknown keys are
 * skipped iteratively by the token source, so deep nesting cannot overflow the stack.
 */
final class JsonIn {
    /** Marker in {@link StructSpec#missing}: the key must be present. */
    static final Object REQUIRED = new Object();

    /** Whether {@link #parse} tries {@link FastJson} first; {@code -Dktstr.codec.noFastPath=true} turns it off. */
    static final boolean FAST_PATH = !Boolean.getBoolean("ktstr.codec.noFastPath");

    /**
     * A struct's shape: its name, keys in declaration order, what an absent key becomes, and
     * two lookups derived from the keys.
     *
     * @param name         the Rust struct's name, as serde's errors give it
     * @param keys         the JSON keys in declaration order (at most 64)
     * @param missing      per key: {@link #REQUIRED}, or what an absent key reads as
     * @param serdeDefault per key: whether it has {@code #[serde(default)]}, the only kind a
     *                     short array form may leave out
     * @param index        key to its position in {@code keys}
     * @param keyUtf8      the keys' UTF-8 bytes, which the fast path matches in place
     */
    record StructSpec(String name, List<String> keys, List<Object> missing, List<Boolean> serdeDefault,
            Map<String, Integer> index, byte[][] keyUtf8) {
        /**
         * The shape of a struct, with the lookups derived from its keys.
         *
         * @param name         the Rust struct's name
         * @param keys         the JSON keys in declaration order (at most 64)
         * @param missing      per key: {@link #REQUIRED}, or what an absent key reads as
         * @param serdeDefault per key: whether it has {@code #[serde(default)]}
         * @return the spec
         */
        static StructSpec of(String name, List<String> keys, List<Object> missing, List<Boolean> serdeDefault) {
            if (keys.size() > 64) {
                throw new IllegalArgumentException(name + ": more than 64 fields do not fit the reader's seen-mask");
            }
            Map<String, Integer> index = new HashMap<>();
            byte[][] utf8 = new byte[keys.size()][];
            for (int i = 0; i < keys.size(); i++) {
                index.put(keys.get(i), i);
                utf8[i] = keys.get(i).getBytes(StandardCharsets.UTF_8);
            }
            return new StructSpec(name, keys, missing, serdeDefault, Map.copyOf(index), utf8);
        }
    }

    private final byte[] src;
    private final TokenSource tokens;

    private JsonIn(byte[] src, TokenSource tokens) {
        this.src = src;
        this.tokens = tokens;
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

    /** The fast path alone: the value, or {@link FastJson#BAIL} (or any exception) when it declines. */
    static <T> T parseFast(byte[] src, Function<JsonIn, T> root) {
        return read(src, new FastJson(src), root);
    }

    /** The jackson-core path alone, with serde_json's verdicts for every input. */
    static <T> T parseFull(byte[] src, Function<JsonIn, T> root) {
        try (JacksonSource tokens = JacksonSource.open(src)) {
            return read(src, tokens, root);
        }
    }

    private static <T> T read(byte[] src, TokenSource tokens, Function<JsonIn, T> root) {
        tokens.begin();
        T value = root.apply(new JsonIn(src, tokens));
        tokens.end();
        return value;
    }

    /** Offset of the first byte that is not well-formed UTF-8, or -1 (the full path's first check). */
    static int firstInvalidUtf8(byte[] b) {
        return Utf8.firstInvalid(b);
    }

    // ---------------------------------------------------------------- tokens and errors

    /** Advances to the next token and returns it. */
    JsonToken next() {
        return tokens.next();
    }

    /** The current token. */
    JsonToken current() {
        return tokens.current();
    }

    /** The error {@code reason} at byte offset {@code index}, with the current field path. */
    SidecarParseException error(String reason, long index) {
        return tokens.error(reason, index);
    }

    /** serde's "invalid type" error for the current token. */
    SidecarParseException invalidType(String expected) {
        return tokens.invalidType(expected);
    }

    // ---------------------------------------------------------------- scalar slots

    /** A Rust {@code String}. */
    String readString() {
        if (tokens.current() != JsonToken.VALUE_STRING) {
            throw tokens.invalidType("a string");
        }
        return tokens.string();
    }

    /** A Rust {@code bool}. */
    boolean readBool() {
        JsonToken t = tokens.current();
        if (t == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw tokens.invalidType("a boolean");
    }

    /** A Rust u64 or usize ({@code expected} names which), as its 64 bits. */
    long readU64(String expected) {
        return tokens.u64(expected);
    }

    /** A Rust {@code u32}. */
    long readU32() {
        return tokens.u32();
    }

    /** A Rust {@code i64}. */
    long readI64() {
        return tokens.i64();
    }

    /** A Rust {@code i32}. */
    int readI32() {
        return tokens.i32();
    }

    /** A Rust {@code f64}. */
    double readF64() {
        return tokens.f64();
    }

    // ---------------------------------------------------------------- composite slots

    /** A Rust {@code Option}: {@code null} is none, anything else is read by {@code value}. */
    <T> Optional<T> readOption(Supplier<T> value) {
        if (tokens.current() == JsonToken.VALUE_NULL) {
            return Optional.empty();
        }
        return Optional.of(value.get());
    }

    /** A Rust {@code Vec}; {@code element} reads each at its first token. */
    <T> List<T> readList(Supplier<T> element) {
        if (tokens.current() != JsonToken.START_ARRAY) {
            throw tokens.invalidType("a sequence");
        }
        List<T> out = new ArrayList<>();
        while (tokens.next() != JsonToken.END_ARRAY) {
            tokens.pushIndex(out.size());
            out.add(element.get());
            tokens.pop();
        }
        return out;
    }

    /** A {@code BTreeMap<String, V>} or {@code HashMap<String, V>}: the last duplicate wins. */
    <V> Map<String, V> readStringMap(Supplier<V> value) {
        if (tokens.current() != JsonToken.START_OBJECT) {
            throw tokens.invalidType("a map");
        }
        Map<String, V> out = new LinkedHashMap<>();
        while (tokens.next() != JsonToken.END_OBJECT) {
            String key = tokens.fieldName();
            tokens.push(key);
            tokens.next();
            out.put(key, value.get());
            tokens.pop();
        }
        return out;
    }

    /** A {@code BTreeMap<usize, V>}: keys are JSON strings holding a plain decimal number. */
    <V> Map<Long, V> readUsizeKeyMap(Supplier<V> value) {
        if (tokens.current() != JsonToken.START_OBJECT) {
            throw tokens.invalidType("a map");
        }
        Map<Long, V> out = new LinkedHashMap<>();
        while (tokens.next() != JsonToken.END_OBJECT) {
            String key = tokens.fieldName();
            long k = numericKey(key);
            tokens.push(key);
            tokens.next();
            out.put(k, value.get());
            tokens.pop();
        }
        return out;
    }

    private long numericKey(String decoded) {
        // serde_json reads the key's raw bytes as a number: no escapes, sign, space or leading zero.
        int start = (int) tokens.tokenStart() + 1;
        int i = start;
        while (i < src.length && src[i] >= '0' && src[i] <= '9') {
            i++;
        }
        boolean plain = i < src.length && src[i] == '"' && i > start && (i - start == 1 || src[start] != '0');
        if (!plain) {
            if (start < src.length && src[start] == '-' && decoded.matches("-[1-9][0-9]*")) {
                throw tokens.error(SerdeErrors.invalidInteger(decoded, "usize"), tokens.afterName());
            }
            throw tokens.error(SerdeErrors.expectedNumericKey(decoded), tokens.afterName());
        }
        try {
            return Long.parseUnsignedLong(decoded);
        } catch (NumberFormatException e) {
            String unexpected = SerdeErrors.floatingPoint(new BigDecimal(decoded).doubleValue());
            throw tokens.error(SerdeErrors.invalidType(unexpected, "usize"), tokens.afterName());
        }
    }

    /**
     * Reads a struct in object form ({@code {"key": value, ...}}) or array form (its field
     * values in declaration order), with serde-derive's rules for unknown, duplicate and missing
     * keys. {@code field} reads field {@code i} at the current token.
     */
    Object[] readStruct(StructSpec spec, IntFunction<Object> field) {
        JsonToken t = tokens.current();
        if (t == JsonToken.START_OBJECT) {
            return readStructObject(spec, field);
        }
        if (t == JsonToken.START_ARRAY) {
            return readStructArray(spec, field);
        }
        throw tokens.invalidType("struct " + spec.name());
    }

    private Object[] readStructObject(StructSpec spec, IntFunction<Object> field) {
        int n = spec.keys().size();
        Object[] values = new Object[n];
        long seen = 0;
        int hint = 0; // writers keep declaration order: the key after the last one read comes next
        int idx;
        while ((idx = tokens.nextField(spec, hint)) != TokenSource.END) {
            if (idx < 0) {
                tokens.next();
                tokens.skipValue();
                continue;
            }
            String key = spec.keys().get(idx);
            long bit = 1L << idx;
            if ((seen & bit) != 0) {
                throw tokens.error(SerdeErrors.duplicateField(key), tokens.afterName());
            }
            seen |= bit;
            tokens.push(key);
            tokens.next();
            values[idx] = field.apply(idx);
            tokens.pop();
            hint = idx + 1;
        }
        if (seen != (n == 64 ? -1L : (1L << n) - 1)) {
            for (int i = 0; i < n; i++) {
                if ((seen & (1L << i)) == 0) {
                    Object missing = spec.missing().get(i);
                    if (missing == REQUIRED) {
                        throw tokens.error(SerdeErrors.missingField(spec.keys().get(i)), tokens.afterToken());
                    }
                    values[i] = missing;
                }
            }
        }
        return values;
    }

    private Object[] readStructArray(StructSpec spec, IntFunction<Object> field) {
        int n = spec.keys().size();
        Object[] values = new Object[n];
        boolean exhausted = false;
        for (int i = 0; i < n; i++) {
            if (!exhausted && tokens.next() == JsonToken.END_ARRAY) {
                exhausted = true;
            }
            if (exhausted) {
                // serde-derive fills only #[serde(default)] fields from a short array.
                if (!spec.serdeDefault().get(i)) {
                    throw tokens.error(SerdeErrors.invalidLength(i, spec.name(), n), tokens.afterToken());
                }
                values[i] = spec.missing().get(i);
                continue;
            }
            tokens.push(spec.keys().get(i));
            values[i] = field.apply(i);
            tokens.pop();
        }
        if (!exhausted && tokens.next() != JsonToken.END_ARRAY) {
            throw tokens.error(SerdeErrors.TRAILING, tokens.tokenStart() + 1);
        }
        return values;
    }

    /** Reads a unit-or-newtype enum; {@code variant} gets the variant name and reads any payload. */
    <T> T readEnum(String enumName, List<String> variants, BiFunction<String, Boolean, T> variant) {
        JsonToken t = tokens.current();
        if (t == JsonToken.VALUE_STRING) {
            String name = readString();
            checkVariant(name, variants);
            return variant.apply(name, false);
        }
        if (t == JsonToken.START_OBJECT) {
            if (tokens.next() != JsonToken.FIELD_NAME) {
                throw tokens.error(SerdeErrors.EXPECTED_VALUE, tokens.tokenStart());
            }
            String name = tokens.fieldName();
            checkVariant(name, variants);
            tokens.push(name);
            tokens.next();
            T value = variant.apply(name, true);
            tokens.pop();
            if (tokens.next() != JsonToken.END_OBJECT) {
                throw tokens.error(SerdeErrors.EXPECTED_VALUE, tokens.tokenStart());
            }
            return value;
        }
        throw tokens.invalidType("enum " + enumName);
    }

    /** Refuses a variant name not among {@code variants}, as serde-derive words it. */
    void checkVariant(String name, List<String> variants) {
        if (!variants.contains(name)) {
            long at = tokens.current() == JsonToken.FIELD_NAME ? tokens.afterName() : tokens.afterToken();
            throw tokens.error(SerdeErrors.unknownVariant(name, variants), at);
        }
    }

    /** For a unit variant given in object form: its payload must be {@code null}. */
    void readUnitPayload() {
        if (tokens.current() != JsonToken.VALUE_NULL) {
            throw tokens.invalidType("unit variant");
        }
    }

    /** For a newtype variant given as a bare string. */
    SidecarParseException newtypeAsUnit() {
        return tokens.error("invalid type: unit variant, expected newtype variant", tokens.afterToken());
    }
}
