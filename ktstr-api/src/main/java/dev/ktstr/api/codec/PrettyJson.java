package dev.ktstr.api.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.ktstr.api.KtstrException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The sidecar codec's writer: a {@link SerdeJson#prettyGenerator} over an in-memory buffer,
 * with one call per serde event so the schema writers read like the struct they write.
 * Separators, newlines and indent are the printer's job; strings are checked for unpaired
 * surrogates first, which serde cannot hold and which the generator would reject in its own words.
 */
final class PrettyJson {
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(8192);
    private final JsonGenerator g;

    PrettyJson() {
        try {
            g = SerdeJson.prettyGenerator(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document's UTF-8 bytes; ends the writing. */
    byte[] toBytes() {
        try {
            g.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** The document as a string; ends the writing. */
    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }

    void beginObject() {
        try {
            g.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void endObject() {
        try {
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void beginArray() {
        try {
            g.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void endArray() {
        try {
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts an object member: the quoted key; the value follows. */
    void key(String key) {
        checkScalars(key);
        try {
            g.writeFieldName(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Marks the start of an array element. The printer writes the separator when the element's
     * value comes, so this writes nothing; it keeps array loops symmetric with {@link #key}.
     */
    void element() {
        // separators come from SerdePrettyPrinter
    }

    void nullValue() {
        try {
            g.writeNull();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void bool(boolean v) {
        try {
            g.writeBoolean(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void i64(long v) {
        try {
            g.writeNumber(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void u64(long bits) {
        try {
            SerdeJson.writeU64(g, bits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void f64(double v) {
        try {
            SerdeJson.writeF64(g, v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void string(String s) {
        checkScalars(s);
        try {
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses an unpaired UTF-16 surrogate: Rust strings hold only Unicode scalar values. */
    private static void checkScalars(String s) {
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new KtstrException("cannot write a sidecar string with an unpaired UTF-16 surrogate"
                            + " (U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT) + " at index " + i
                            + "): Rust strings hold only Unicode scalar values; fix the value before writing");
                }
            }
        }
    }
}
