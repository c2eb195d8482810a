package dev.ktstr.api.kernel;

import dev.ktstr.api.env.Env;

/** The {@code run_source} field of a sidecar: where the run happened. */
public final class RunSource {

    /** The variable that marks a CI run. */
    public static final String CI_ENV = "KTSTR_CI";
    /** Written when {@value #CI_ENV} is set and non-empty. */
    public static final String CI = "ci";
    /** Written otherwise. */
    public static final String LOCAL = "local";
    /** Never written; readers stamp it on records loaded from an explicit directory. */
    public static final String ARCHIVE = "archive";

    private RunSource() {
    }

    /**
     * {@value #CI} when {@code KTSTR_CI} is set to any non-empty value (including {@code 0}),
     * else {@value #LOCAL}. Never empty.
     *
     * @param env the environment to read {@value #CI_ENV} from
     * @return {@value #CI} or {@value #LOCAL}
     */
    public static String detect(Env env) {
        return env.nonEmpty(CI_ENV).isPresent() ? CI : LOCAL;
    }
}
