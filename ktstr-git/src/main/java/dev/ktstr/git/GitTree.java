package dev.ktstr.git;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The uncached probe: open a repository, read HEAD, decide whether tracked content is dirty.
 * Every failure degrades (no repository or unborn HEAD: empty; a failing dirty check: clean),
 * so a sidecar write never fails because of git.
 *
 * <p>Safety: a repository is opened only when git's ownership rule trusts it
 * ({@link RepoTrust}: owned by the current user, or listed in {@code safe.directory}); an
 * untrusted one is "no repository" (empty) and a warning names it once. Nothing is executed
 * on behalf of any repository: it is opened on {@link NoExecFS}, and the dirty check asks JGit
 * for no filters.
 */
final class GitTree {

    static final String DIRTY_SUFFIX = "-dirty";
    private static final int SHORT_LEN = 7;

    private GitTree() {
    }

    /** The commit of the repository enclosing {@code start}, searching upward. */
    static Optional<String> discoverCommit(Path start) {
        return discovered(start).flatMap(GitTree::commitOf);
    }

    /**
     * The commit of exactly {@code dir}: {@code dir/.git} (directory or gitfile) or {@code dir}
     * itself as a git directory. Never looks at parent directories.
     */
    static Optional<String> exactCommit(Path dir) {
        return exact(dir).flatMap(GitTree::commitOf);
    }

    /**
     * A builder for the repository enclosing {@code start}, searching upward; empty outside any
     * and for a repository git's ownership rule does not trust ({@link RepoTrust}).
     */
    static Optional<FileRepositoryBuilder> discovered(Path start) {
        return discoverLocation(start).flatMap(GitTree::trustedBuilder);
    }

    /**
     * A builder for exactly {@code dir} (work tree with {@code .git}, or a git directory); else
     * empty, also for a repository git's ownership rule does not trust ({@link RepoTrust}).
     */
    static Optional<FileRepositoryBuilder> exact(Path dir) {
        return exactLocation(dir).flatMap(GitTree::trustedBuilder);
    }

    /** A found repository: the paths whose ownership is checked, and how JGit is to open it. */
    record Found(RepoTrust.Location location, boolean openAsWorkTree) {
    }

    /**
     * JGit's upward discovery ({@code findGitDir}), done here so that the paths git's ownership
     * check looks at are known: at each level, {@code .git} as a git directory, then
     * {@code .git} as a gitfile, then the level itself as a bare repository. The start
     * directory is resolved to its real path first (git searches from its real working
     * directory).
     */
    static Optional<Found> discoverLocation(Path start) {
        File current = realOrAbsolute(start).toFile();
        while (current != null) {
            File dotGit = new File(current, Constants.DOT_GIT);
            if (RepositoryCache.FileKey.isGitRepository(dotGit, NoExecFS.INSTANCE)) {
                return Optional.of(new Found(new RepoTrust.Location(null, current.toPath(), dotGit.toPath()), false));
            }
            if (dotGit.isFile()) {
                Optional<File> target = readGitFile(current, dotGit);
                if (target.isPresent()) {
                    return Optional.of(new Found(
                            new RepoTrust.Location(dotGit.toPath(), current.toPath(), target.get().toPath()), false));
                }
            } else if (RepositoryCache.FileKey.isGitRepository(current, NoExecFS.INSTANCE)) {
                return Optional.of(new Found(new RepoTrust.Location(null, null, current.toPath()), false));
            }
            current = current.getParentFile();
        }
        return Optional.empty();
    }

    /** Exactly {@code dir}: {@code dir/.git} (directory or gitfile), or {@code dir} as a git directory. */
    static Optional<Found> exactLocation(Path dir) {
        File d = realOrAbsolute(dir).toFile();
        File dotGit = new File(d, Constants.DOT_GIT);
        if (dotGit.isDirectory()) {
            return Optional.of(new Found(new RepoTrust.Location(null, d.toPath(), dotGit.toPath()), true));
        }
        if (dotGit.isFile()) {
            File target = readGitFile(d, dotGit).orElse(dotGit);
            return Optional.of(new Found(new RepoTrust.Location(dotGit.toPath(), d.toPath(), target.toPath()), true));
        }
        if (RepositoryCache.FileKey.isGitRepository(d, NoExecFS.INSTANCE)) {
            return Optional.of(new Found(new RepoTrust.Location(null, null, d.toPath()), false));
        }
        return Optional.empty();
    }

    private static Optional<FileRepositoryBuilder> trustedBuilder(Found found) {
        RepoTrust.Location loc = found.location();
        if (!RepoTrust.process().trusted(loc)) {
            return Optional.empty();
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder();
        builder.setFS(NoExecFS.INSTANCE);
        if (found.openAsWorkTree()) {
            builder.setWorkTree(loc.worktree().toFile());
        } else {
            builder.setGitDir(loc.gitdir().toFile());
        }
        return Optional.of(builder);
    }

    /** The directory a gitfile ({@code gitdir: <path>}) names, relative paths against its directory. */
    private static Optional<File> readGitFile(File dir, File gitFile) {
        try {
            String text = new String(Files.readAllBytes(gitFile.toPath()), StandardCharsets.UTF_8);
            if (!text.startsWith("gitdir: ")) {
                return Optional.empty();
            }
            int end = text.indexOf('\n');
            String path = (end < 0 ? text.substring(8) : text.substring(8, end)).strip();
            if (path.isEmpty()) {
                return Optional.empty();
            }
            File target = new File(path);
            if (!target.isAbsolute()) {
                target = new File(dir, path);
            }
            Path t = target.toPath().toAbsolutePath().normalize();
            // Resolve symbolic links when the target exists; a missing target still ends the
            // search (JGit then fails to open it, and the probe is empty), as before.
            return Optional.of((Files.exists(t) ? t.toRealPath() : t).toFile());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Path realOrAbsolute(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException | RuntimeException e) {
            // A missing start: resolve the deepest existing ancestor, keep the rest as written.
            Path existing = abs;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return abs;
            }
            try {
                return existing.toRealPath().resolve(existing.relativize(abs));
            } catch (IOException | RuntimeException e2) {
                return abs;
            }
        }
    }

    private static Optional<String> commitOf(FileRepositoryBuilder builder) {
        try (Repository repo = builder.setMustExist(true).build()) {
            Optional<ObjectId> id = headId(repo);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            String shortId = shortId(id.get());
            return Optional.of(isDirty(repo, id.get()).orElse(false) ? shortId + DIRTY_SUFFIX : shortId);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The object HEAD points at; empty when HEAD is unborn or unreadable. */
    static Optional<ObjectId> headId(Repository repo) {
        try {
            Ref head = repo.exactRef(Constants.HEAD);
            return head == null ? Optional.empty() : Optional.ofNullable(head.getObjectId());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The first 7 lowercase hex digits of {@code id}. */
    static String shortId(ObjectId id) {
        return id.name().substring(0, SHORT_LEN);
    }

    /**
     * Upstream's two-leg dirty check. Empty when HEAD's tree cannot be read (callers treat it
     * as clean).
     * <ol>
     *   <li>HEAD tree against the index, only when the index file exists and reads: any
     *       difference, submodule pointers included, is dirty. A missing or unreadable index
     *       skips this leg instead of reporting every file as deleted.</li>
     *   <li>Index against the work tree, only when the first leg was clean: a tracked entry
     *       that is modified, deleted, changed type or conflicted is dirty. Untracked files are
     *       never looked at (untracked directories are not even walked), submodules are
     *       ignored, and any error counts as clean. With no index there is nothing to compare,
     *       so that leg is clean too.</li>
     * </ol>
     * A bare repository has no work tree and is clean.
     *
     * <p>Filters: no command is ever run, so a path with a {@code filter} attribute is compared
     * without its clean filter. Its index stat data is trusted first, as git does (git itself
     * does not run the filter for a file whose size and times match the index); when they
     * differ, the file's raw bytes (after JGit's built-in end-of-line conversion only) are
     * hashed and compared with the index blob. A filter that rewrites content therefore makes
     * a touched-but-unchanged file read as dirty: the probe may over-report dirt on such files,
     * never run the filter to find out. The same walk never runs a hook or an fsmonitor
     * (JGit supports neither for status), and the repository's {@link NoExecFS} refuses any
     * process that some other JGit path might start.
     */
    static Optional<Boolean> isDirty(Repository repo, ObjectId head) {
        RevTree tree;
        try (RevWalk rw = new RevWalk(repo)) {
            tree = rw.parseCommit(head).getTree();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (repo.isBare()) {
            return Optional.of(false);
        }
        DirCache index;
        try {
            File indexFile = repo.getIndexFile();
            if (!indexFile.isFile()) {
                return Optional.of(false);
            }
            index = DirCache.read(indexFile, repo.getFS());
        } catch (IOException | RuntimeException e) {
            return Optional.of(false);
        }
        try (ObjectReader reader = repo.newObjectReader()) {
            return Optional.of(treeDiffersFromIndex(repo, reader, tree, index)
                    || workTreeDiffersFromIndex(repo, reader, index));
        }
    }

    private static boolean treeDiffersFromIndex(Repository repo, ObjectReader reader, RevTree tree, DirCache index) {
        try (TreeWalk walk = new NoFilterTreeWalk(repo, reader)) {
            walk.addTree(tree);
            walk.addTree(new DirCacheIterator(index));
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            return walk.next();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean workTreeDiffersFromIndex(Repository repo, ObjectReader reader, DirCache index) {
        try {
            if (index.hasUnmergedPaths()) {
                return true;
            }
            try (TreeWalk walk = new NoFilterTreeWalk(repo, reader)) {
                int ix = walk.addTree(new DirCacheIterator(index));
                FileTreeIterator files = new FileTreeIterator(repo);
                int wt = walk.addTree(files);
                files.setDirCacheIterator(walk, ix);
                walk.setRecursive(true);
                walk.setFilter(new InIndex(ix));
                while (walk.next()) {
                    DirCacheIterator entryIt = walk.getTree(ix, DirCacheIterator.class);
                    if (entryIt == null) {
                        continue;
                    }
                    DirCacheEntry entry = entryIt.getDirCacheEntry();
                    if (entry == null || entry.getFileMode() == FileMode.GITLINK || entry.isSkipWorkTree()) {
                        continue;
                    }
                    WorkingTreeIterator file = walk.getTree(wt, WorkingTreeIterator.class);
                    if (file == null || file.isModified(entry, true, reader)) {
                        return true;
                    }
                }
                return false;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A tree walk that reports no clean or smudge filter for any path, whatever
     * {@code .gitattributes} and {@code filter.<name>.clean} say, so JGit's work tree iterator
     * never runs a filter command (see {@link #isDirty} for what that means for filtered files).
     */
    private static final class NoFilterTreeWalk extends TreeWalk {
        NoFilterTreeWalk(Repository repo, ObjectReader reader) {
            super(repo, reader);
        }

        @Override
        public String getFilterCommand(String filterCommandType) {
            return null;
        }
    }

    /** Keeps paths the index has (files, or directories holding tracked files). */
    private static final class InIndex extends TreeFilter {
        private final int index;

        InIndex(int index) {
            this.index = index;
        }

        @Override
        public boolean include(TreeWalk walker) {
            return walker.getRawMode(index) != 0;
        }

        @Override
        public boolean shouldBeRecursive() {
            return false;
        }

        @Override
        public TreeFilter clone() {
            return this;
        }

        @Override
        public String toString() {
            return "IN_INDEX";
        }
    }
}
