package dev.ktstr.git;

import dev.ktstr.api.spi.CommitProbe;
import dev.ktstr.api.spi.RevspecExpansion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * {@link CommitProbe} on JGit (name {@code jgit}): no {@code git} executable needed.
 *
 * <p>Results follow upstream's probes: 7 lowercase hex digits of HEAD, {@code -dirty} when the
 * index differs from HEAD's tree or a tracked file differs from the index (untracked files and
 * submodules never count; a missing index or a failing check is clean), empty outside a
 * repository or on an unborn HEAD. The repository's {@code .git/config} and the user's git
 * configuration are honoured as JGit reads them; {@code GIT_DIR} and friends are not.
 *
 * <p>Trust (every method, {@link #expand} included): a repository is used only when git's
 * {@code safe.directory} ownership rule accepts it (it is owned by the effective user, or by
 * {@code SUDO_UID} under root, or the system/global configuration lists it); otherwise it is
 * treated as no repository and a warning naming it and the {@code git config --global --add
 * safe.directory} fix goes to standard error once. No probe ever runs a command from any
 * repository's configuration: clean/smudge/process filters, hooks and fsmonitor are never
 * started (a filtered file is judged by its index stat data, then by its raw bytes).
 *
 * <p>Memoization (process-wide, shared by every instance, never refreshed, as upstream):
 * <ul>
 *   <li>{@link #projectCommit} for the process working directory ({@code user.dir}) is
 *       probed once, empty results included; any other start directory is probed on every
 *       call;</li>
 *   <li>{@link #kernelCommit} is remembered per canonical directory (symlink aliases share
 *       one entry); probes of the kernel tree run one at a time.</li>
 * </ul>
 *
 * <p>{@link #expand} (revspecs of {@code stats compare}) is never memoized: it opens the
 * repository once per call and checks the work tree at most once, only when an entry names HEAD.
 */
public final class JGitCommitProbe implements CommitProbe {

    private static final Object PROJECT_LOCK = new Object();
    private static Optional<String> cwdCommit; // guarded by PROJECT_LOCK; null until probed
    private static final Map<Path, Optional<String>> KERNEL_COMMITS = new HashMap<>(); // guarded by itself

    @Override
    public String name() {
        return "jgit";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Optional<String> projectCommit(Path start) {
        Objects.requireNonNull(start, "start");
        Path abs = start.toAbsolutePath().normalize();
        if (!abs.equals(workingDirectory())) {
            return GitTree.discoverCommit(abs);
        }
        synchronized (PROJECT_LOCK) {
            if (cwdCommit == null) {
                cwdCommit = GitTree.discoverCommit(abs);
            }
            return cwdCommit;
        }
    }

    @Override
    public Optional<String> kernelCommit(Path kernelDir) {
        Objects.requireNonNull(kernelDir, "kernelDir");
        Path key = canonical(kernelDir);
        synchronized (KERNEL_COMMITS) {
            return KERNEL_COMMITS.computeIfAbsent(key, GitTree::exactCommit);
        }
    }

    @Override
    public List<RevspecExpansion> expand(Path repoStart, boolean discoverUpward, List<String> revspecs) {
        Objects.requireNonNull(repoStart, "repoStart");
        List<String> specs = List.copyOf(revspecs);
        if (specs.isEmpty()) {
            return List.of();
        }
        Optional<FileRepositoryBuilder> builder = discoverUpward ? GitTree.discovered(repoStart)
                : GitTree.exact(repoStart);
        if (builder.isPresent()) {
            try (Repository repo = builder.get().setMustExist(true).build()) {
                return Revspecs.expand(repo, specs);
            } catch (IOException | RuntimeException e) {
                // A repository that cannot be opened is no repository: every entry stays literal.
            }
        }
        return CommitProbe.super.expand(repoStart, discoverUpward, specs);
    }

    private static Path workingDirectory() {
        return Path.of("").toAbsolutePath().normalize();
    }

    private static Path canonical(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | RuntimeException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
