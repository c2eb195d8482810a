package dev.ktstr.pg;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.SidecarResult;

/** Synthetic sidecars for tests. */
final class Sidecars {
    private Sidecars() {
    }

    static SidecarResult of(String test, String scheduler, String projectCommit, String kernel) {
        return SidecarResult.testFixture().toBuilder().testName(test).scheduler(scheduler)
                .projectCommit(projectCommit).kernelVersion(kernel).kernelCommit("1234567").runSource("ci")
                .timestamp("2026-01-02T03:04:05Z").runId("20260102T030405Z-1").build();
    }

    static byte[] bytes(SidecarResult r) {
        return SidecarCodec.write(r);
    }

    static String fileName(SidecarResult r) {
        return SidecarNames.fileName(r);
    }
}
