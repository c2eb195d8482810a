package dev.ktstr.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.schema.KvmStatsTotals;
import dev.ktstr.api.schema.ProgVerifierStats;
import dev.ktstr.api.schema.ScenarioStats;
import dev.ktstr.api.schema.SidecarResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsJsonTest {
    @Test
    void verifierKeepsThePerProgramMaximumAndGroupsMirrorTheText() {
        SidecarResult a = Sidecars.base("t", "1n2l4c1t").stats(ScenarioStats.builder().worstSpread(12.5).build())
                .verifierStats(List.of(new ProgVerifierStats("dispatch", 50000), new ProgVerifierStats("heavy", 800000)))
                .build();
        SidecarResult b = Sidecars.base("t", "1n2l4c1t").verifierStats(List.of(new ProgVerifierStats("dispatch", 50000)))
                .build();
        String json = StatsJson.render("r", List.of(a, b));
        assertTrue(json.contains("\"total_verified_insns\": 850000"), json);
        assertTrue(json.contains("\"name\": \"heavy\",\n        \"verified_insns\": 800000,\n"
                + "        \"limit_pct\": 80.0,\n        \"near_limit\": true"), json);
        assertTrue(json.contains("\"by_scenario\": [\n    {\n      \"name\": \"t\",\n      \"passed\": 2,\n"
                + "      \"total\": 2,\n      \"skipped\": 0,\n      \"failed\": 0,\n      \"avg_spread\": 6.25,"), json);
        assertTrue(json.contains("\"kvm\": null"), json);
    }

    @Test
    void kvmUsesIntegerPerVcpuAveragesOverVms() {
        SidecarResult vm = Sidecars.base("t", "1n2l4c1t").kvmStats(new KvmStatsTotals(List.of(
                Map.of("exits", 10L, "halt_attempted_poll", 4L, "halt_successful_poll", 3L),
                Map.of("exits", 5L)))).build();
        String json = StatsJson.render("r", List.of(vm));
        // (10 + 5) / 2 vCPUs = 7 (integer division); poll 3/4 = 75%.
        assertTrue(json.contains("\"exits_per_vcpu\": 7,"), json);
        assertTrue(json.contains("\"poll_ok_pct\": 75.0,"), json);
        assertTrue(json.contains("\"vms\": 1,"), json);
    }
}
