/**
 * Contract test classes for ktstr providers, in the manner of Micrometer's registry
 * compatibility kit: a provider's test extends {@link dev.ktstr.tck.SidecarStoreContract},
 * {@link dev.ktstr.tck.RunLockContract} or {@link dev.ktstr.tck.CommitProbeContract}, supplies
 * the instance under test, and inherits every case. Add {@code dev.ktstr:ktstr-tck} in test
 * scope (its version comes from {@code ktstr-bom}) next to {@code junit-jupiter}.
 */
package dev.ktstr.tck;
