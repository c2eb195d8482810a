package dev.ktstr.report.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ktstr.api.codec.SerdeJson;
import org.junit.jupiter.api.Test;

class SerdeJsonEscapeTest {

    @Test
    void escapesLikeSerdeJson() {
        // serde_json: lowercase hex for control characters, raw non-ASCII, short escapes for \n and \t.
        String out = SerdeJson.pretty(g -> {
            g.writeStartObject();
            g.writeStringField("k", "a\u001fb\n\tµ\"\\");
            g.writeEndObject();
        });
        assertEquals("{\n  \"k\": \"a\\u001fb\\n\\tµ\\\"\\\\\"\n}", out.strip());
    }
}
