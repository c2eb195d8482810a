package dev.ktstr.api.env;

import java.util.Map;
import java.util.Optional;

/**
 * Read access to environment variables, so that every decision that depends on
 * {@code KTSTR_SIDECAR_DIR}, {@code CARGO_TARGET_DIR}, {@code KTSTR_KERNEL}, {@code KTSTR_CI}
 * and friends can be tested without touching the real process environment.
 */
@FunctionalInterface
public interface Env {

    /**
     * Looks up one variable.
     *
     * @param name the variable's name, e.g. {@code KTSTR_SIDECAR_DIR}
     * @return the raw value, empty when unset; an empty string is returned as is
     */
    Optional<String> get(String name);

    /**
     * Looks up one variable, treating an empty value as unset as upstream does.
     *
     * @param name the variable's name
     * @return the value when set and non-empty, else empty
     */
    default Optional<String> nonEmpty(String name) {
        return get(name).filter(v -> !v.isEmpty());
    }

    /** {@return the real process environment, read live on every lookup} */
    static Env system() {
        return name -> Optional.ofNullable(System.getenv(name));
    }

    /**
     * A fixed environment, for tests and embedding.
     *
     * @param values variable names to values; copied, so later changes are not seen (no
     *               {@code null} keys or values)
     * @return an environment holding exactly {@code values}
     */
    static Env of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return name -> Optional.ofNullable(copy.get(name));
    }
}
