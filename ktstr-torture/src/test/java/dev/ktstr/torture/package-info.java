/**
 * Torture tests of the real write and read path: many writer processes on one run, writers
 * killed with SIGKILL, walkers racing writers and deletes, malformed and mutated input, a
 * full disk. They use the real providers (filesystem store, {@code flock(2)} lock, JGit probe)
 * in child JVMs; sizes come from {@code torture.*} system properties (small in CI, full in
 * {@code bench/torture}).
 */
package dev.ktstr.torture;
