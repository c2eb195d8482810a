/** The pass matrix: pass, fail and skip counts of a sidecar pool over two axes. */
package dev.ktstr.report.matrix;
