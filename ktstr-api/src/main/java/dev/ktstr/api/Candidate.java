package dev.ktstr.api;

import java.util.Optional;

/**
 * One provider the lookup found, and whether it could be used.
 *
 * @param name      the provider's name, or the class name when it could not be instantiated
 * @param priority  its priority (0 when it could not be instantiated)
 * @param className its implementation class
 * @param module    the module it came from ({@code unnamed} on the class path)
 * @param refusal   why it was not usable, or the empty string when it was
 */
public record Candidate(String name, int priority, String className, String module, String refusal) {

    /** {@return whether the provider can run here, that is {@code refusal} is empty} */
    public boolean usable() {
        return refusal.isEmpty();
    }

    /** {@return why it was refused, or empty when it is usable} */
    public Optional<String> refusedBecause() {
        return refusal.isEmpty() ? Optional.empty() : Optional.of(refusal);
    }

    /**
     * {@return one line for diagnostics}, e.g. {@code fs (dev.ktstr.fs.FsSidecarStore in dev.ktstr.fs, priority 0)},
     * followed by {@code : refused: <reason>} when it is not usable.
     */
    public String describe() {
        String base = name + " (" + className + " in " + module + ", priority " + priority + ")";
        return usable() ? base : base + ": refused: " + refusal;
    }
}
