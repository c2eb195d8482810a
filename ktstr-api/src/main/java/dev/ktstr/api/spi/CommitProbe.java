package dev.ktstr.api.spi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Probes the commit a tree is at: 7 lowercase hex digits of HEAD, suffixed {@code -dirty}
 * when tracked content differs from HEAD.
 */
public interface CommitProbe extends KtstrProvider {

    /**
     * The project commit, discovering the repository upward from {@code start}. Empty when
     * {@code start} is in no repository or HEAD is unborn.
     *
     * @param start a directory in (or at the root of) the project's repository
     * @return the short id of HEAD, {@code -dirty} appended when the tree differs from it
     */
    Optional<String> projectCommit(Path start);

    /**
     * The kernel commit of exactly {@code kernelDir}: never walks up into an enclosing
     * repository. Empty when {@code kernelDir} is not itself a repository root.
     *
     * @param kernelDir the kernel source directory
     * @return the short id of its HEAD, {@code -dirty} appended when the tree differs from it
     */
    Optional<String> kernelCommit(Path kernelDir);

    /**
     * Expands git revspecs ({@code HEAD}, {@code HEAD~2}, branch and tag names, hex prefixes,
     * {@code A..B}) into short commit ids, one result per entry of {@code revspecs}, in order.
     * The repository is discovered upward from {@code repoStart} when {@code discoverUpward}
     * (project commits), else it is exactly {@code repoStart} (kernel commits). Every entry is
     * resolved on its own; nothing throws for bad input.
     *
     * <p>The default, for probes that cannot resolve revspecs, treats every entry as
     * {@link RevspecExpansion.Reason#NO_REPOSITORY}.
     *
     * @param repoStart      where the repository is (or, with {@code discoverUpward}, where to start looking)
     * @param discoverUpward whether to look for the repository in {@code repoStart}'s ancestors too
     * @param revspecs       the filter values to expand
     * @return one expansion per entry of {@code revspecs}, in the same order
     */
    default List<RevspecExpansion> expand(Path repoStart, boolean discoverUpward, List<String> revspecs) {
        List<RevspecExpansion> out = new ArrayList<>(revspecs.size());
        for (int i = 0; i < revspecs.size(); i++) {
            out.add(RevspecExpansion.Literal.of(RevspecExpansion.Reason.NO_REPOSITORY));
        }
        return out;
    }
}
