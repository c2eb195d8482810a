/** picocli commands of {@code ktstr-sidecar}. */
package dev.ktstr.cli;
