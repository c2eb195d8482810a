package dev.ktstr.report.text;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ktstr.api.codec.SerdeJson;
import java.io.IOException;
import java.util.Optional;

/**
 * The reports' JSON helpers, on the API's serde_json writer ({@link SerdeJson}): the same
 * layout, escapes and float text as the sidecar codec.
 */
public final class JsonText {
    /** Writes JSON with a generator. */
    @FunctionalInterface
    public interface Body {
        /**
         * Writes the document.
         *
         * @param g a generator laid out as serde_json's pretty printer
         * @throws IOException when the generator fails
         */
        void write(JsonGenerator g) throws IOException;
    }

    private JsonText() {
    }

    /**
     * Runs {@code body} on a serde-pretty generator.
     *
     * @param body writes one document
     * @return the text, no final newline
     */
    public static String pretty(Body body) {
        return SerdeJson.pretty(body::write);
    }

    /**
     * Writes a float as serde_json does: shortest digits, {@code .0} when integral, null if non-finite.
     *
     * @param g the generator
     * @param value the value
     * @throws IOException when the generator fails
     */
    public static void writeFloat(JsonGenerator g, double value) throws IOException {
        SerdeJson.writeF64(g, value);
    }

    /**
     * Writes a u64 held in a long's bits.
     *
     * @param g the generator
     * @param bits the unsigned value's bits
     * @throws IOException when the generator fails
     */
    public static void writeU64(JsonGenerator g, long bits) throws IOException {
        SerdeJson.writeU64(g, bits);
    }

    /**
     * Writes a string or null.
     *
     * @param g the generator
     * @param value the string, or empty for {@code null}
     * @throws IOException when the generator fails
     */
    public static void writeOptString(JsonGenerator g, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeString(value.get());
        } else {
            g.writeNull();
        }
    }
}
