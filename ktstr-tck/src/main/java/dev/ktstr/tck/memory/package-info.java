/**
 * The in-memory reference providers, both named {@code memory}:
 * {@link dev.ktstr.tck.memory.InMemorySidecarStore} and its lock
 * {@link dev.ktstr.tck.memory.InMemoryRunLock}. They keep everything in this JVM, pass the
 * contracts of {@link dev.ktstr.tck}, and are registered as providers (lowest priority, so any
 * real store or lock wins) for tests and embedders that choose them by name.
 */
package dev.ktstr.tck.memory;
