/**
 * Benchmarks of ktstr-java: JMH benchmarks of the codec and the variant hash, a generator of
 * realistic sidecar pools, and harnesses that time pool reads and the write path against their
 * floors in the same JVM. Driven by the scripts in {@code bench/}; see docs/PERFORMANCE.md.
 */
package dev.ktstr.bench;
