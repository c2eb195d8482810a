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
        return new Dimensions(col(r.testName()), col(r.topology()), col(r.scheduler()), col(r.workType()),
                col(r.kernelVersion().orElse(null)), col(r.projectCommit().orElse(null)),
                col(r.kernelCommit().orElse(null)), col(r.runSource().orElse(null)), r.passed(), r.skipped(),
                col(r.timestamp()), jsonText);
    }

    /**
     * A dimension value as a column can hold it: PostgreSQL text cannot hold NUL, so a value
     * with one is stored as NULL (pool queries never push such a value down: see
     * {@link #storable}).
     */
    private static String col(String v) {
        return v == null || !storable(v) ? null : v;
    }

    /** Whether a text column can hold {@code v} (no NUL). */
    static boolean storable(String v) {
        return v.indexOf('\0') < 0;
    }

    Dimensions withoutJson() {
        return new Dimensions(testName, topology, scheduler, workType, kernelVersion, projectCommit, kernelCommit,
                runSource, passed, skipped, timestamp, null);
    }
}
