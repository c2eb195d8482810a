package dev.ktstr.api.write;

import dev.ktstr.api.KtstrException;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.Flags;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.SidecarResult;
import java.util.List;

/** The writer's use of the schema helpers: file name, bytes, flag order, test-name rule. */
final class SidecarFormat {
    private SidecarFormat() {
    }

    static String fileName(SidecarResult r) {
        return SidecarNames.fileName(r);
    }

    static byte[] encode(SidecarResult r) {
        return SidecarCodec.write(r);
    }

    static List<String> canonicalFlags(List<String> flags) {
        return Flags.canonicalOrder(flags);
    }

    /** Why {@code name} cannot be a test name, or the empty string. */
    static String testNameRefusal(String name) {
        try {
            SidecarNames.validateTestName(name);
            return "";
        } catch (KtstrException e) {
            return e.getMessage();
        }
    }

    /** Why {@code runName} cannot be a run directory name, or the empty string. */
    static String runNameRefusal(String runName) {
        try {
            SidecarNames.validateRunName(runName);
            return "";
        } catch (KtstrException e) {
            return e.getMessage();
        }
    }
}
