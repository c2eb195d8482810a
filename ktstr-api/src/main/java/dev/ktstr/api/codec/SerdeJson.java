package dev.ktstr.api.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * JSON text as serde_json's {@code to_string_pretty} writes it, on jackson-core's streaming
 * generator: the layout of its {@code PrettyFormatter} (two-space indent, {@code "key": value},
 * {@code {}} and {@code []} for empty containers, no trailing newline), its escapes (short ones
 * for {@code \n}, {@code \t} and the like, lowercase <code>&#92;u00XX</code> for other control
 * characters, non-ASCII raw) and its float text ({@link SerdeFloats}).
 *
 * <p>The sidecar writer and every JSON view of the reports and the command line write through
 * this class, so there is one implementation of serde's layout.
 */
public final class SerdeJson {
    // serde_json writes control-character escapes with lowercase hex (Jackson: uppercase) and
    // characters above the BMP as raw UTF-8 (Jackson's UTF-8 generator: an escaped pair).
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    /** Writes one JSON document with a generator. */
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

    private SerdeJson() {
    }

    /**
     * A UTF-8 generator laid out as serde_json's pretty printer. Write a number with
     * {@link #writeF64} or {@link #writeU64} to get serde's text for it.
     *
     * @param out where the bytes go; closing the generator closes it
     * @return the generator
     * @throws IOException when the generator cannot be created
     */
    public static JsonGenerator prettyGenerator(OutputStream out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        g.setPrettyPrinter(new SerdePrettyPrinter());
        return g;
    }

    /**
     * A fresh printer of serde_json's pretty layout, e.g. for a databind {@code ObjectWriter}.
     * It keeps the nesting level: use one per generator (databind copies it per write).
     *
     * @return the printer
     */
    public static PrettyPrinter prettyPrinter() {
        return new SerdePrettyPrinter();
    }

    /**
     * The factory behind {@link #prettyGenerator}: lowercase hex escapes, raw UTF-8 above the
     * BMP, otherwise Jackson's defaults. A generator of its own has no pretty printer until one is set.
     *
     * @return the shared factory (do not reconfigure it)
     */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /**
     * Runs {@code body} on a serde-pretty generator and returns the text.
     *
     * @param body writes one document
     * @return the document, no trailing newline
     * @throws UncheckedIOException when the body throws an {@link IOException}
     */
    public static String pretty(Body body) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new SerdePrettyPrinter());
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string failed", e);
        }
        return out.toString();
    }

    /**
     * Writes an {@code f64} as serde_json does: {@link SerdeFloats#format}'s text, {@code null}
     * for NaN and infinities.
     *
     * @param g the generator
     * @param value the value
     * @throws IOException when the generator fails
     */
    public static void writeF64(JsonGenerator g, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumber(SerdeFloats.format(value));
        } else {
            g.writeNull();
        }
    }

    /**
     * Writes a {@code u64} held in a long's bits (values above {@code Long.MAX_VALUE} are
     * negative longs), in decimal.
     *
     * @param g the generator
     * @param bits the unsigned value's bits
     * @throws IOException when the generator fails
     */
    public static void writeU64(JsonGenerator g, long bits) throws IOException {
        if (bits >= 0) {
            g.writeNumber(bits);
        } else {
            g.writeNumber(Long.toUnsignedString(bits));
        }
    }
}
