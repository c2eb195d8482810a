/**
 * The sidecar write path: {@link dev.ktstr.api.write.SidecarWriter} fills a record, resolves
 * its run directory, locks the run, pre-clears it once per process and writes through the
 * {@link dev.ktstr.api.spi.SidecarStore}.
 */
package dev.ktstr.api.write;
