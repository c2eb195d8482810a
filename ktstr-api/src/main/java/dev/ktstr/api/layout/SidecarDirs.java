package dev.ktstr.api.layout;

import dev.ktstr.api.env.Env;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where sidecars go, from the environment: the {@code KTSTR_SIDECAR_DIR} override and the
 * default runs root {@code {CARGO_TARGET_DIR or target}/ktstr}. Results are location strings
 * as the filesystem store understands them; a relative root stays relative (it resolves
 * against the working directory, as upstream).
 */
public final class SidecarDirs {

    /** Operator override of the sidecar directory, used as is when non-empty. */
    public static final String OVERRIDE_ENV = "KTSTR_SIDECAR_DIR";
    /** Cargo's target directory; the runs root is {@code <it>/ktstr}. */
    public static final String TARGET_DIR_ENV = "CARGO_TARGET_DIR";
    /** The lock subdirectory of a runs root; dot-named, so never listed as a run. */
    public static final String LOCKS_DIR = ".locks";

    private SidecarDirs() {
    }

    /**
     * The operator's override of the sidecar directory.
     *
     * @param env the environment to read {@value #OVERRIDE_ENV} from
     * @return its value when set and non-empty, else empty
     */
    public static Optional<String> override(Env env) {
        return env.nonEmpty(OVERRIDE_ENV);
    }

    /**
     * The default runs root.
     *
     * @param env the environment to read {@value #TARGET_DIR_ENV} from
     * @return {@code $CARGO_TARGET_DIR/ktstr} when that is set and non-empty, else {@code target/ktstr}
     */
    public static String runsRoot(Env env) {
        return Path.of(env.nonEmpty(TARGET_DIR_ENV).orElse("target")).resolve("ktstr").toString();
    }

    /**
     * Whether a name under a runs root can be a run.
     *
     * @param name an entry name under a runs root
     * @return true when it is not empty and not dot-named (so not {@code .locks})
     */
    public static boolean isRunName(String name) {
        return !name.isEmpty() && !name.startsWith(".");
    }
}
