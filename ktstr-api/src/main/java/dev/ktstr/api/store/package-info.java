/**
 * What reading sidecars yields: one run ({@link dev.ktstr.api.store.RunCollection}), every run
 * under a runs root ({@link dev.ktstr.api.store.PoolCollection}), run listings, and the three
 * buckets every walked file lands in (valid, parse error, IO error) plus walk problems that are
 * not files. {@link dev.ktstr.api.read.SidecarReader} ties a store to the codec.
 */
package dev.ktstr.api.store;
