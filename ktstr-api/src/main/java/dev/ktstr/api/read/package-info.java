/**
 * The sidecar read path: {@link dev.ktstr.api.read.SidecarReader} collects one run, pools every
 * run under a runs root (with the archive override of {@code run_source}), lists runs and finds
 * the newest, through a {@link dev.ktstr.api.spi.SidecarStore} and the JSON codec.
 */
package dev.ktstr.api.read;
