package dev.ktstr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ktstr.api.codec.SerdeJson;

/**
 * The CLI's own {@code --json} views (docs/cli-json.md; none of them is an upstream shape): a
 * record per view, bound by jackson-databind with snake_case keys in component order, written
 * in serde_json's pretty layout by {@link SerdeJson} so every JSON of the tool looks alike.
 * Upstream's shapes and the sidecar bytes stay on the streaming writers.
 */
final class CliJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private CliJson() {
    }

    /** {@code view} as pretty JSON, without a final newline. */
    static String pretty(Object view) {
        return SerdeJson.pretty(g -> MAPPER.writeValue(g, view));
    }
}
