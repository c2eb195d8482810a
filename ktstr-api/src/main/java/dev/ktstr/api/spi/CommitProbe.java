package dev.ktstr.api.spi;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Probes the commit a tree is at: 7 lowercase hex digits of HEAD, suffixed {@code -dirty}
 * when tracked content differs from HEAD.
 */
public interface CommitProbe extends KtstrProvider {

    /**
     * The project commit, discovering the repository upward from {@code start}. Empty when
     * {@code start} is in no repository or HEAD is unborn.
     */
    Optional<String> projectCommit(Path start);

    /**
     * The kernel commit of exactly {@code kernelDir}: never walks up into an enclosing
     * repository. Empty when {@code kernelDir} is not itself a repository root.
     */
    Optional<String> kernelCommit(Path kernelDir);
}
