package dev.ktstr.git;

import java.io.File;
import java.io.IOException;
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
import org.eclipse.jgit.util.FS;

/**
 * The uncached probe: open a repository, read HEAD, decide whether tracked content is dirty.
 * Every failure degrades (no repository or unborn HEAD: empty; a failing dirty check: clean),
 * so a sidecar write never fails because of git.
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

    /** A builder for the repository enclosing {@code start}, searching upward; empty outside any. */
    static Optional<FileRepositoryBuilder> discovered(Path start) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder();
        builder.findGitDir(start.toAbsolutePath().toFile());
        return builder.getGitDir() == null ? Optional.empty() : Optional.of(builder);
    }

    /** A builder for exactly {@code dir} (work tree with {@code .git}, or a git directory); else empty. */
    static Optional<FileRepositoryBuilder> exact(Path dir) {
        File d = dir.toAbsolutePath().toFile();
        FileRepositoryBuilder builder = new FileRepositoryBuilder();
        File dotGit = new File(d, Constants.DOT_GIT);
        if (dotGit.isDirectory() || dotGit.isFile()) {
            builder.setWorkTree(d);
        } else if (RepositoryCache.FileKey.isGitRepository(d, FS.DETECTED)) {
            builder.setGitDir(d);
        } else {
            return Optional.empty();
        }
        return Optional.of(builder);
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
        try (TreeWalk walk = new TreeWalk(repo, reader)) {
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
            try (TreeWalk walk = new TreeWalk(repo, reader)) {
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
