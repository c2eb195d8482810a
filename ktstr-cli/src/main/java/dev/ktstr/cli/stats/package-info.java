/**
 * {@code ktstr-sidecar stats}: the sidecar-reading reports of {@code cargo ktstr stats} (bare
 * report, {@code list}, {@code list-metrics}, {@code list-values}, {@code show-host},
 * {@code explain-sidecar}, {@code compare}) with upstream's flags, streams and exit codes, plus
 * {@code --json} everywhere. This package does the argument and I/O layer only: sidecars come
 * from {@link dev.ktstr.api.read.SidecarReader}, every rendering from {@code dev.ktstr.report}.
 */
package dev.ktstr.cli.stats;
