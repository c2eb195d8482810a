/**
 * Contract test classes for ktstr providers, in the manner of Micrometer's registry
 * compatibility kit: a provider's test extends {@link dev.ktstr.tck.SidecarStoreContract},
 * {@link dev.ktstr.tck.RunLockContract} or {@link dev.ktstr.tck.CommitProbeContract}, supplies
 * the instance under test, and inherits every case. Add {@code dev.ktstr:ktstr-tck} in test
 * scope (its version comes from {@code ktstr-bom}) next to {@code junit-jupiter}.
 *
 * <p>The jar is the automatic module {@code dev.ktstr.tck} (no {@code module-info}: a
 * descriptor requiring JUnit would pull JUnit onto the module path of every provider's tests
 * under Surefire, away from its launcher). It exports both packages and provides the memory
 * store and lock, named in its {@code META-INF/services} files, on the module path as on the
 * class path.
 */
package dev.ktstr.tck;
