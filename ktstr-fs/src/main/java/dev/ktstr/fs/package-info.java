/** Filesystem sidecar store: atomic staged writes, pre-clear, and run walks. */
package dev.ktstr.fs;
