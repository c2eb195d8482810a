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

    /** Whether the provider can run here. */
    public boolean usable() {
        return refusal.isEmpty();
    }

    /** Why it was refused, if it was. */
    public Optional<String> refusedBecause() {
        return refusal.isEmpty() ? Optional.empty() : Optional.of(refusal);
    }

    /** One line for diagnostics, e.g. {@code fs (dev.ktstr.fs.FsSidecarStore in dev.ktstr.fs, priority 0)}. */
    public String describe() {
        String base = name + " (" + className + " in " + module + ", priority " + priority + ")";
        return usable() ? base : base + ": refused: " + refusal;
    }
}
