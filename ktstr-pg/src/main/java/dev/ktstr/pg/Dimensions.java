package dev.ktstr.pg;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.schema.SidecarResult;
import java.nio.charset.StandardCharsets;

/**
 * The indexed columns of one sidecar, extracted from its bytes at write time, and the text of
 * its jsonb copy. Bytes that do not parse as a sidecar give no dimensions and no jsonb: the row
 * is stored all the same, and reads back as a parse error.
 */
record Dimensions(String testName, String topology, String scheduler, String workType, String kernelVersion,
        String projectCommit, String kernelCommit, String runSource, Boolean passed, Boolean skipped,
        String timestamp, String jsonText) {

    static final Dimensions NONE = new Dimensions(null, null, null, null, null, null, null, null, null, null, null,
            null);

    static Dimensions of(byte[] json) {
        SidecarResult r;
        try {
            r = SidecarCodec.read(json);
        } catch (RuntimeException e) {
            return NONE;
        }
        String text = new String(json, StandardCharsets.UTF_8);
        // jsonb refuses \u0000 in strings; such a sidecar keeps its bytes and dimensions only.
        String jsonText = text.contains("\\u0000") ? null : text;
        return new Dimensions(r.testName(), r.topology(), r.scheduler(), r.workType(), r.kernelVersion().orElse(null),
                r.projectCommit().orElse(null), r.kernelCommit().orElse(null), r.runSource().orElse(null),
                r.passed(), r.skipped(), r.timestamp(), jsonText);
    }

    Dimensions withoutJson() {
        return new Dimensions(testName, topology, scheduler, workType, kernelVersion, projectCommit, kernelCommit,
                runSource, passed, skipped, timestamp, null);
    }
}
