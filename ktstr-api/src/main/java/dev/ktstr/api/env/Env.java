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

    /** The raw value of {@code name}, empty when unset. An empty string is returned as is. */
    Optional<String> get(String name);

    /** The value of {@code name} when set and non-empty (upstream treats empty as unset). */
    default Optional<String> nonEmpty(String name) {
        return get(name).filter(v -> !v.isEmpty());
    }

    /** The real process environment. */
    static Env system() {
        return name -> Optional.ofNullable(System.getenv(name));
    }

    /** A fixed environment, for tests and embedding. */
    static Env of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return name -> Optional.ofNullable(copy.get(name));
    }
}
