package dev.ktstr.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.Providers;
import dev.ktstr.api.Spi;
import dev.ktstr.api.spi.CommitProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JGit probe against real repositories built with the {@code git} command line. Expected
 * values come from {@code git rev-parse --short=7 HEAD} and {@code git status}. Every test
 * uses its own directories, so the per-directory kernel memo never crosses tests; the
 * project probe is called with a start directory other than the working directory, which is
 * not memoized.
 */
class JGitCommitProbeTest {

    @TempDir
    Path tmp;

    private final CommitProbe probe = new JGitCommitProbe();

    private Path repoWithFiles(String name) throws IOException {
        Path repo = Files.createDirectories(tmp.resolve(name));
        GitCli.initRepo(repo);
        write(repo.resolve("a.txt"), "alpha\n");
        write(repo.resolve("dir/b.txt"), "beta\n");
        GitCli.commitAll(repo, "init");
        return repo;
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private void assertProbesAgreeWithGit(Path repo, boolean dirtyExpected) {
        String head = GitCli.shortHead(repo);
        assertTrue(head.matches("[0-9a-f]{7}"), head);
        assertEquals(dirtyExpected, GitCli.gitSaysDirty(repo), "git status disagrees with the scenario");
        String expected = GitCli.expectedCommit(repo);
        assertEquals(Optional.of(expected), probe.projectCommit(repo));
        assertEquals(Optional.of(expected), GitTree.exactCommit(repo));
    }

    @Test
    void cleanRepoIsTheShortHead() throws IOException {
        assertProbesAgreeWithGit(repoWithFiles("clean"), false);
    }

    @Test
    void stagedChangeIsDirty() throws IOException {
        Path repo = repoWithFiles("staged");
        write(repo.resolve("a.txt"), "alpha changed\n");
        GitCli.ok(repo, "add", "a.txt");
        assertProbesAgreeWithGit(repo, true);
    }

    @Test
    void stagedNewFileIsDirty() throws IOException {
        Path repo = repoWithFiles("staged-new");
        write(repo.resolve("new.txt"), "new\n");
        GitCli.ok(repo, "add", "new.txt");
        assertProbesAgreeWithGit(repo, true);
    }

    @Test
    void unstagedChangeIsDirty() throws IOException {
        Path repo = repoWithFiles("unstaged");
        write(repo.resolve("dir/b.txt"), "beta changed\n");
        assertProbesAgreeWithGit(repo, true);
    }

    @Test
    void sameSizeChangeIsDirty() throws IOException {
        Path repo = repoWithFiles("same-size");
        write(repo.resolve("a.txt"), "ALPHA\n");
        assertProbesAgreeWithGit(repo, true);
    }

    @Test
    void untrackedFilesAloneAreClean() throws IOException {
        Path repo = repoWithFiles("untracked");
        write(repo.resolve("untracked.txt"), "u\n");
        write(repo.resolve("newdir/deep/u.txt"), "u\n");
        assertTrue(GitCli.ok(repo, "status", "--porcelain").contains("?? "), "git sees untracked files");
        assertProbesAgreeWithGit(repo, false);
    }

    @Test
    void deletedTrackedFileIsDirty() throws IOException {
        Path repo = repoWithFiles("deleted");
        Files.delete(repo.resolve("dir/b.txt"));
        assertProbesAgreeWithGit(repo, true);
    }

    @Test
    void fileReplacedByDirectoryIsDirty() throws IOException {
        Path repo = repoWithFiles("type-change");
        Files.delete(repo.resolve("a.txt"));
        write(repo.resolve("a.txt/inner"), "x\n");
        assertProbesAgreeWithGit(repo, true);
    }

    @Test
    void fileReplacedBySymlinkIsDirty() throws IOException {
        Path repo = repoWithFiles("symlink");
        Files.delete(repo.resolve("a.txt"));
        Files.createSymbolicLink(repo.resolve("a.txt"), Path.of("dir/b.txt"));
        assertProbesAgreeWithGit(repo, true);
    }

    @Test
    void conflictedIndexIsDirty() throws IOException {
        Path repo = repoWithFiles("conflict");
        GitCli.ok(repo, "checkout", "-q", "-b", "other");
        write(repo.resolve("a.txt"), "other\n");
        GitCli.commitAll(repo, "other");
        GitCli.ok(repo, "checkout", "-q", "main");
        write(repo.resolve("a.txt"), "main\n");
        GitCli.commitAll(repo, "main");
        GitCli.Result merge = GitCli.run(repo, "merge", "other");
        assertNotEquals(0, merge.exit(), "the merge must conflict");
        assertProbesAgreeWithGit(repo, true);
    }

    @Test
    void unbornHeadIsEmpty() throws IOException {
        Path repo = GitCli.initRepo(Files.createDirectories(tmp.resolve("unborn")));
        write(repo.resolve("a.txt"), "a\n");
        GitCli.ok(repo, "add", "a.txt");
        assertNotEquals(0, GitCli.run(repo, "rev-parse", "--verify", "-q", "HEAD").exit());
        assertEquals(Optional.empty(), probe.projectCommit(repo));
        assertEquals(Optional.empty(), probe.kernelCommit(repo));
    }

    @Test
    void notARepositoryIsEmpty() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain/sub"));
        assertNotEquals(0, GitCli.run(plain, "rev-parse", "--git-dir").exit(), "temp dir must be outside any repo");
        assertEquals(Optional.empty(), probe.projectCommit(plain));
        assertEquals(Optional.empty(), probe.kernelCommit(plain));
    }

    @Test
    void projectCommitWalksUpFromASubdirectory() throws IOException {
        Path repo = repoWithFiles("walk-up");
        write(repo.resolve("a.txt"), "dirty\n");
        Path sub = repo.resolve("dir");
        assertEquals(Optional.of(GitCli.expectedCommit(repo)), probe.projectCommit(sub));
        assertEquals(GitCli.ok(sub, "rev-parse", "--short=7", "HEAD").strip() + "-dirty",
                probe.projectCommit(sub).orElseThrow());
    }

    @Test
    void kernelCommitNeverWalksUpIntoAnEnclosingRepository() throws IOException {
        Path outer = repoWithFiles("outer");
        Path kernel = Files.createDirectories(outer.resolve("linux"));
        write(kernel.resolve("Makefile"), "VERSION = 6\n");
        assertEquals(0, GitCli.run(kernel, "rev-parse", "--git-dir").exit(), "git itself would walk up");
        assertEquals(Optional.empty(), probe.kernelCommit(kernel));
        assertEquals(Optional.of(GitCli.expectedCommit(outer)), probe.projectCommit(kernel));
    }

    @Test
    void kernelRepositoryNestedInAnotherRepositoryResolvesToItself() throws IOException {
        Path outer = repoWithFiles("outer2");
        Path kernel = Files.createDirectories(outer.resolve("linux"));
        GitCli.initRepo(kernel);
        write(kernel.resolve("Makefile"), "VERSION = 6\n");
        GitCli.commitAll(kernel, "kernel");
        String inner = GitCli.shortHead(kernel);
        assertNotEquals(GitCli.shortHead(outer), inner);
        assertEquals(Optional.of(inner), probe.kernelCommit(kernel));
        assertEquals(Optional.empty(), probe.kernelCommit(kernel.resolve("missing-subdir")));
    }

    @Test
    void dirtySubmoduleIsIgnored() throws IOException {
        Path sub = repoWithFiles("sub-origin");
        Path repo = repoWithFiles("super");
        GitCli.ok(repo, "submodule", "add", "-q", sub.toUri().toString(), "modules/sub");
        GitCli.commitAll(repo, "add submodule");
        Path checkout = repo.resolve("modules/sub");
        write(checkout.resolve("a.txt"), "changed inside the submodule\n");
        write(checkout.resolve("untracked-in-sub"), "u\n");
        assertTrue(GitCli.ok(repo, "status", "--porcelain").contains("modules/sub"),
                "git reports the submodule as modified by default");
        assertProbesAgreeWithGit(repo, false);
        // A new commit inside the submodule moves its HEAD away from the recorded pointer:
        // still ignored while it is not staged.
        GitCli.commitAll(checkout, "sub moves");
        assertProbesAgreeWithGit(repo, false);
    }

    @Test
    void stagedSubmodulePointerIsDirty() throws IOException {
        Path sub = repoWithFiles("sub-origin2");
        Path repo = repoWithFiles("super2");
        GitCli.ok(repo, "submodule", "add", "-q", sub.toUri().toString(), "modules/sub");
        GitCli.commitAll(repo, "add submodule");
        Path checkout = repo.resolve("modules/sub");
        write(checkout.resolve("a.txt"), "moved\n");
        GitCli.commitAll(checkout, "sub moves");
        GitCli.ok(repo, "add", "modules/sub");
        // git status --ignore-submodules=all hides this too; upstream's tree-vs-index leg has no
        // submodule filter, so a staged pointer change is dirty there (and here).
        assertTrue(GitCli.ok(repo, "diff", "--cached", "--name-only").contains("modules/sub"));
        assertEquals(Optional.of(GitCli.shortHead(repo) + "-dirty"), probe.projectCommit(repo));
    }

    @Test
    void uninitializedSubmoduleIsClean() throws IOException {
        Path sub = repoWithFiles("sub-origin3");
        Path origin = repoWithFiles("super-origin3");
        GitCli.ok(origin, "submodule", "add", "-q", sub.toUri().toString(), "modules/sub");
        GitCli.commitAll(origin, "add submodule");
        Path clone = tmp.resolve("clone3");
        GitCli.ok(tmp, "clone", "-q", origin.toUri().toString(), clone.toString());
        assertTrue(Files.isDirectory(clone.resolve("modules/sub")));
        assertFalse(Files.exists(clone.resolve("modules/sub/a.txt")), "submodule must stay uninitialized");
        assertProbesAgreeWithGit(clone, false);
    }

    @Test
    void missingIndexIsCleanUnlikeGitStatus() throws IOException {
        Path repo = repoWithFiles("no-index");
        Files.delete(repo.resolve(".git/index"));
        // git itself reports every tracked file as deleted-and-untracked here; upstream skips
        // the tree-vs-index leg without an index and finds nothing to compare in the other.
        assertTrue(GitCli.gitSaysDirty(repo), "git status treats a missing index as dirty");
        assertEquals(Optional.of(GitCli.shortHead(repo)), probe.projectCommit(repo));
        assertEquals(Optional.of(GitCli.shortHead(repo)), probe.kernelCommit(repo));
    }

    @Test
    void corruptIndexDegradesToClean() throws IOException {
        Path repo = repoWithFiles("corrupt-index");
        write(repo.resolve("a.txt"), "dirty but unknowable\n");
        Files.write(repo.resolve(".git/index"), "not an index".getBytes(StandardCharsets.US_ASCII));
        assertNotEquals(0, GitCli.run(repo, "status").exit(), "git refuses the corrupt index");
        assertEquals(Optional.of(GitCli.shortHead(repo)), probe.projectCommit(repo));
    }

    @Test
    void linkedWorktreeIsProbedThroughItsGitFile() throws IOException {
        Path repo = repoWithFiles("wt-main");
        Path linked = tmp.resolve("wt-linked");
        GitCli.ok(repo, "worktree", "add", "-q", "-b", "side", linked.toString());
        write(linked.resolve("a.txt"), "x\n");
        GitCli.commitAll(linked, "side");
        assertTrue(Files.isRegularFile(linked.resolve(".git")));
        assertEquals(Optional.of(GitCli.expectedCommit(linked)), probe.kernelCommit(linked));
        write(linked.resolve("dir/b.txt"), "dirty\n");
        assertEquals(Optional.of(GitCli.shortHead(linked) + "-dirty"), GitTree.discoverCommit(linked.resolve("dir")));
    }

    @Test
    void bareRepositoryIsTheBareHash() throws IOException {
        Path repo = repoWithFiles("bare-origin");
        Path bare = tmp.resolve("bare.git");
        GitCli.ok(tmp, "clone", "-q", "--bare", repo.toUri().toString(), bare.toString());
        assertEquals(Optional.of(GitCli.shortHead(repo)), probe.kernelCommit(bare));
    }

    @Test
    void kernelCommitIsMemoizedPerCanonicalPath() throws IOException {
        Path a = repoWithFiles("memo-a");
        Path b = repoWithFiles("memo-b");
        write(b.resolve("a.txt"), "b is dirty\n");
        String cleanA = GitCli.expectedCommit(a);
        String dirtyB = GitCli.expectedCommit(b);
        assertTrue(dirtyB.endsWith("-dirty"));
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.of(cleanA), probe.kernelCommit(a));
            assertEquals(Optional.of(dirtyB), probe.kernelCommit(b));
        }
        Path alias = Files.createSymbolicLink(tmp.resolve("memo-alias"), a);
        write(a.resolve("a.txt"), "now dirty\n");
        assertTrue(GitCli.gitSaysDirty(a));
        assertEquals(Optional.of(cleanA), new JGitCommitProbe().kernelCommit(alias), "alias shares the stale entry");
        assertEquals(Optional.of(cleanA + "-dirty"), GitTree.exactCommit(alias), "the uncached probe sees the change");
    }

    @Test
    void projectCommitOfOtherDirectoriesIsNotMemoized() throws IOException {
        Path repo = repoWithFiles("not-memo");
        String clean = GitCli.expectedCommit(repo);
        assertEquals(Optional.of(clean), probe.projectCommit(repo));
        write(repo.resolve("a.txt"), "dirty\n");
        assertEquals(Optional.of(clean + "-dirty"), probe.projectCommit(repo));
    }

    @Test
    void projectCommitOfTheWorkingDirectoryIsMemoizedAndMatchesGit() {
        Path cwd = Path.of("").toAbsolutePath();
        Optional<String> first = probe.projectCommit(cwd);
        GitCli.Result head = GitCli.run(cwd, "rev-parse", "--short=7", "HEAD");
        if (head.exit() != 0) {
            assertEquals(Optional.empty(), first, "not built from a git checkout");
        } else {
            assertTrue(first.orElseThrow().startsWith(head.out().strip()), first.toString());
            assertTrue(first.orElseThrow().matches("[0-9a-f]{7}(-dirty)?"), first.toString());
        }
        assertEquals(first, probe.projectCommit(Path.of("")));
        assertEquals(first, new JGitCommitProbe().projectCommit(cwd.resolve("x/..")));
    }

    @Test
    void concurrentProbesAgree() throws Exception {
        Path repo = repoWithFiles("concurrent");
        write(repo.resolve("a.txt"), "dirty\n");
        String expected = GitCli.expectedCommit(repo);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<String>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Optional<String>> task = i % 2 == 0 ? () -> probe.projectCommit(repo)
                        : () -> probe.kernelCommit(repo);
                results.add(pool.submit(task));
            }
            Set<Optional<String>> seen = new HashSet<>();
            for (Future<Optional<String>> f : results) {
                seen.add(f.get());
            }
            assertEquals(Set.of(Optional.of(expected)), seen);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void providerLookupFindsJgitOnTheModulePath() {
        CommitProbe found = Providers.select(Spi.PROBE).provider();
        assertEquals("jgit", found.name());
        assertTrue(found instanceof JGitCommitProbe);
    }
}
