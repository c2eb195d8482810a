package dev.ktstr.report.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Pretty JSON in serde_json's layout (two-space indent, {@code "key": value}, {@code []} and
 * {@code {}} for empty containers, non-ASCII unescaped), written with jackson-core streaming.
 */
public final class JsonText {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Writes JSON with a generator. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private JsonText() {
    }

    /** Runs {@code body} on a serde-pretty generator and returns the text (no final newline). */
    public static String pretty(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new SerdePretty());
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string failed", e);
        }
        return out.toString();
    }

    /** Writes a float as serde_json does: shortest digits, {@code .0} when integral, null if non-finite. */
    public static void writeFloat(JsonGenerator g, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumber(RustFormat.json(value));
        } else {
            g.writeNull();
        }
    }

    /** Writes a u64 held in a long's bits. */
    public static void writeU64(JsonGenerator g, long bits) throws IOException {
        g.writeNumber(Long.toUnsignedString(bits));
    }

    /** Writes a string or null. */
    public static void writeOptString(JsonGenerator g, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeString(value.get());
        } else {
            g.writeNull();
        }
    }

    private static final class SerdePretty implements PrettyPrinter {
        private int level;

        private void newline(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
            g.writeRaw("  ".repeat(level));
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
            level++;
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            level--;
            if (entries > 0) {
                newline(g);
            }
            g.writeRaw('}');
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
            level++;
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            level--;
            if (values > 0) {
                newline(g);
            }
            g.writeRaw(']');
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g);
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            newline(g);
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            newline(g);
        }
    }
}
