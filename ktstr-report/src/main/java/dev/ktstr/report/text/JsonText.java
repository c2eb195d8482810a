package dev.ktstr.report.text;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Optional;

/**
 * What the reports' JSON views need beyond the API's serde_json writer
 * ({@link dev.ktstr.api.codec.SerdeJson}, which they write with).
 */
public final class JsonText {
    private JsonText() {
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
