package dev.ktstr.api.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import java.io.IOException;

/**
 * serde_json's {@code PrettyFormatter} as a Jackson {@link PrettyPrinter}: two-space indent,
 * {@code "key": value}, members separated by {@code ,} and a newline, {@code {}} and {@code []}
 * for empty containers, root values separated by a newline. It keeps the nesting level, so one
 * instance serves one generator; {@link #createInstance} gives databind a fresh one per write.
 */
final class SerdePrettyPrinter implements PrettyPrinter, Instantiatable<SerdePrettyPrinter> {
    private static final String INDENT = "\n" + "  ".repeat(32);

    private int level;

    @Override
    public SerdePrettyPrinter createInstance() {
        return new SerdePrettyPrinter();
    }

    private void newline(JsonGenerator g) throws IOException {
        if (level <= 32) {
            g.writeRaw(INDENT, 0, 1 + 2 * level);
        } else {
            g.writeRaw('\n');
            g.writeRaw("  ".repeat(level));
        }
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
