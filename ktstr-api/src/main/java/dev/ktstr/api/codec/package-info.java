/**
 * The sidecar JSON codec: {@link dev.ktstr.api.codec.SidecarCodec} writes byte-identical
 * serde_json pretty output and reads with upstream's verdicts;
 * {@link dev.ktstr.api.codec.SerdeFloats} renders an {@code f64} as serde_json does.
 * Built on jackson-core's streaming parser and number output only (no data binding, no
 * reflection).
 */
package dev.ktstr.api.codec;
