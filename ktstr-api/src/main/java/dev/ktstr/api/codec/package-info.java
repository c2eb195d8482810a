/**
 * The sidecar JSON codec: {@link dev.ktstr.api.codec.SidecarCodec} writes byte-identical
 * serde_json pretty output and reads with upstream's verdicts;
 * {@link dev.ktstr.api.codec.SerdeFloats} renders an {@code f64} as serde_json does, and
 * {@link dev.ktstr.api.codec.SerdeJson} is serde_json's pretty writer on a jackson-core
 * generator, shared by the sidecar writer and every JSON view of the reports.
 * Reading tries a strict byte-level fast path first and falls back, for any document it
 * declines, to jackson-core's streaming parser, which words every error as serde_json does.
 * No data binding, no reflection. {@link dev.ktstr.api.codec.CompactCodec} is a binary form of
 * the same records for caches of this build (the pool index), not an interchange format.
 */
package dev.ktstr.api.codec;
