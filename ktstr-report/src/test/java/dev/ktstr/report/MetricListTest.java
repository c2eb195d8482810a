package dev.ktstr.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetricListTest {
    static String golden(String name) throws Exception {
        try (InputStream in = MetricListTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void textMatchesTheSpecByteForByte() throws Exception {
        assertEquals(golden("list-metrics.txt"), MetricList.text());
    }

    @Test
    void registryHasNineteenMetricsInCanonicalOrder() {
        assertEquals(19, Metrics.all().size());
        assertEquals("worst_spread", Metrics.all().get(0).name());
        assertEquals("worst_cross_node_migration_ratio", Metrics.all().get(18).name());
        assertEquals(MetricPolarity.HIGHER_BETTER, Metrics.byName("total_iterations").orElseThrow().polarity());
    }

    @Test
    void jsonStartsWithUpstreamsFirstObject() {
        String json = MetricList.json();
        assertTrue(json.startsWith("[\n  {\n    \"name\": \"worst_spread\",\n    \"polarity\": \"LowerBetter\",\n"
                + "    \"default_abs\": 5.0,\n    \"default_rel\": 0.25,\n    \"display_unit\": \"%\"\n  },\n"), json);
        assertTrue(json.contains("\"display_unit\": \"µs\""));
        assertTrue(json.endsWith("  }\n]"));
    }
}
