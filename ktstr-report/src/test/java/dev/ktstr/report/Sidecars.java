package dev.ktstr.report;

import dev.ktstr.api.schema.ScenarioStats;
import dev.ktstr.api.schema.SidecarResult;

/** Builders of test sidecars. */
public final class Sidecars {
    private Sidecars() {
    }

    public static SidecarResult.Builder base(String test, String topology) {
        return SidecarResult.builder().testName(test).topology(topology).scheduler("eevdf").workType("CpuSpin")
                .passed(true).timestamp("2026-04-27T09:12:03Z").runId("20260427T091203Z-1")
                .stats(ScenarioStats.builder().build());
    }
}
