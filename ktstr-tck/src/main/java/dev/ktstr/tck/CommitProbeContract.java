package dev.ktstr.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.spi.CommitProbe;
import dev.ktstr.api.spi.RevspecExpansion;
import dev.ktstr.api.spi.RevspecExpansion.Commits;
import dev.ktstr.api.spi.RevspecExpansion.Literal;
import dev.ktstr.api.spi.RevspecExpansion.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link CommitProbe} passes. A provider's test extends this class and
 * supplies the probe:
 *
 * <pre>{@code
 * class MyProbeContractTest extends CommitProbeContract {
 *     @Override protected CommitProbe newProbe() { return new MyProbe(); }
 * }
 * }</pre>
 *
 * <p>Every case builds real repositories with the {@code git} command (which must be on the
 * {@code PATH}) in a new temporary directory, with the user's and the system's git
 * configuration kept out, and compares the probe's answers with git's own. Every repository is
 * new, so a probe that remembers answers per directory (as upstream does) passes. The
 * guarantees checked:
 * <ul>
 *   <li>{@code projectCommit}: 7 lowercase hex digits of HEAD, discovered upward from a
 *       subdirectory; {@code -dirty} for a modified or a staged tracked file, not for an
 *       untracked one; empty outside any repository and on an unborn HEAD;</li>
 *   <li>{@code kernelCommit}: the same answer for a repository's top directory, dirty
 *       included; empty for a subdirectory of a repository (it never walks up) and on an
 *       unborn HEAD;</li>
 *   <li>{@code expand} (skipped, visibly, when {@link #resolvesRevspecs()} is false): one
 *       result per entry, in order; {@code HEAD}, {@code HEAD~1}, a tag, a hex prefix each give
 *       one commit; {@code HEAD} of a dirty tree gives the commit with {@code -dirty}; {@code A..B}
 *       gives B's commits not in A, in git's order; what does not resolve stays literal
 *       ({@link Reason#UNRESOLVED}); outside a repository everything stays literal
 *       ({@link Reason#NO_REPOSITORY}); without discovery, a subdirectory is no repository.</li>
 * </ul>
 */
public abstract class CommitProbeContract {
    /** For the provider's test class, which extends this one. */
    protected CommitProbeContract() {
    }

    private static final Pattern SHORT_COMMIT = Pattern.compile("[0-9a-f]{7}");

    private CommitProbe probe;
    private Path base;
    private int commitClock;

    /**
     * A new instance of the probe under test, called once before each case.
     *
     * @return a fresh probe; the contract closes it after the case
     * @throws Exception when the probe cannot be created; the case fails
     */
    protected abstract CommitProbe newProbe() throws Exception;

    /**
     * Whether the probe resolves revspecs in {@link CommitProbe#expand}; a probe that keeps the
     * SPI's default (everything literal) returns false, and the expand cases are skipped.
     *
     * @return true (the default) to run the expand cases, false to skip them
     */
    protected boolean resolvesRevspecs() {
        return true;
    }

    /**
     * The probe of the running case.
     *
     * @return the probe {@link #newProbe()} gave for this case
     */
    protected final CommitProbe probe() {
        return probe;
    }

    @BeforeEach
    final void openProbeForContract() throws Exception {
        probe = newProbe();
        base = Files.createTempDirectory("ktstr-probe-contract").toRealPath();
        commitClock = 0;
    }

    @AfterEach
    final void closeProbeAfterContract() throws IOException {
        if (probe != null) {
            probe.close();
        }
        if (base != null) {
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    // ---------------------------------------------------------------- projectCommit

    @Test
    void projectCommitIsSevenHexOfHead() {
        Path repo = repoWithCommits("project", 1);
        String expected = shortHead(repo);
        assertTrue(SHORT_COMMIT.matcher(expected).matches(), "git's short HEAD " + expected);
        assertEquals(Optional.of(expected), probe.projectCommit(repo));
    }

    @Test
    void projectCommitIsDiscoveredUpwardFromASubdirectory() throws IOException {
        Path repo = repoWithCommits("upward", 1);
        Path deep = Files.createDirectories(repo.resolve("a/b/c"));
        assertEquals(Optional.of(shortHead(repo)), probe.projectCommit(deep));
    }

    @Test
    void aModifiedTrackedFileIsDirty() throws IOException {
        Path repo = repoWithCommits("modified", 1);
        Files.writeString(repo.resolve("file.txt"), "changed\n");
        assertEquals(Optional.of(shortHead(repo) + "-dirty"), probe.projectCommit(repo));
    }

    @Test
    void aStagedChangeIsDirty() throws IOException {
        Path repo = repoWithCommits("staged", 1);
        Files.writeString(repo.resolve("file.txt"), "staged\n");
        git(repo, "add", "file.txt");
        assertEquals(Optional.of(shortHead(repo) + "-dirty"), probe.projectCommit(repo));
    }

    @Test
    void anUntrackedFileIsNotDirty() throws IOException {
        Path repo = repoWithCommits("untracked", 1);
        Files.writeString(repo.resolve("new-untracked.txt"), "untracked\n");
        assertEquals(Optional.of(shortHead(repo)), probe.projectCommit(repo));
    }

    @Test
    void outsideAnyRepositoryTheProjectCommitIsEmpty() throws IOException {
        Path plain = Files.createDirectories(base.resolve("plain/dir"));
        assumeNoEnclosingRepository(plain);
        assertEquals(Optional.empty(), probe.projectCommit(plain));
    }

    @Test
    void anUnbornHeadIsEmpty() throws IOException {
        Path repo = Files.createDirectories(base.resolve("unborn"));
        git(repo, "init", "-q");
        Files.writeString(repo.resolve("file.txt"), "not committed\n");
        git(repo, "add", "file.txt");
        assertEquals(Optional.empty(), probe.projectCommit(repo), "project commit");
        assertEquals(Optional.empty(), probe.kernelCommit(repo), "kernel commit");
    }

    // ---------------------------------------------------------------- kernelCommit

    @Test
    void kernelCommitOfARepositoryTopIsSevenHexOfHead() {
        Path repo = repoWithCommits("kernel", 2);
        assertEquals(Optional.of(shortHead(repo)), probe.kernelCommit(repo));
    }

    @Test
    void kernelCommitOfADirtyTreeEndsInDirty() throws IOException {
        Path repo = repoWithCommits("kernel-dirty", 1);
        Files.writeString(repo.resolve("file.txt"), "changed\n");
        assertEquals(Optional.of(shortHead(repo) + "-dirty"), probe.kernelCommit(repo));
    }

    @Test
    void kernelCommitNeverWalksUpIntoAnEnclosingRepository() throws IOException {
        Path repo = repoWithCommits("enclosing", 1);
        Path sub = Files.createDirectories(repo.resolve("linux"));
        Files.writeString(sub.resolve("Makefile"), "all:\n");
        git(repo, "add", "linux/Makefile");
        commit(repo, "tracked subdirectory");
        assertEquals(Optional.empty(), probe.kernelCommit(sub), "kernel commit of a subdirectory");
        assertEquals(Optional.of(shortHead(repo)), probe.projectCommit(sub), "its project commit (walks up)");
    }

    // ---------------------------------------------------------------- expand

    @Test
    void expandResolvesHeadHeadTildeOneATagAndAHexPrefixInOrder() {
        assumeResolves();
        Path repo = repoWithCommits("expand", 3);
        git(repo, "tag", "v-first", "HEAD~2");
        List<String> log = fullLog(repo); // newest first
        List<RevspecExpansion> got = probe.expand(repo, true,
                List.of("HEAD", "HEAD~1", "v-first", log.get(1).substring(0, 10)));
        assertEquals(List.of(commits(log.get(0)), commits(log.get(1)), commits(log.get(2)), commits(log.get(1))), got);
    }

    @Test
    void expandOfHeadInADirtyTreeEndsInDirty() throws IOException {
        assumeResolves();
        Path repo = repoWithCommits("expand-dirty", 1);
        Files.writeString(repo.resolve("file.txt"), "changed\n");
        assertEquals(List.of(new Commits(List.of(shortHead(repo) + "-dirty"))),
                probe.expand(repo, true, List.of("HEAD")));
    }

    @Test
    void expandOfARangeListsItsCommitsInGitsOrder() {
        assumeResolves();
        Path repo = repoWithCommits("range", 4);
        List<String> log = fullLog(repo); // c3 c2 c1 c0
        List<String> expected = git(repo, "rev-list", "HEAD~3..HEAD").lines()
                .map(h -> h.substring(0, 7)).collect(Collectors.toList());
        assertEquals(List.of(log.get(0).substring(0, 7), log.get(1).substring(0, 7), log.get(2).substring(0, 7)),
                expected, "precondition: git's own walk");
        assertEquals(List.of(new Commits(expected)), probe.expand(repo, true, List.of("HEAD~3..HEAD")));
    }

    @Test
    void whatDoesNotResolveStaysLiteralAndTheOthersStillResolve() {
        assumeResolves();
        Path repo = repoWithCommits("unresolved", 2);
        List<RevspecExpansion> got = probe.expand(repo, true, List.of("no-such-branch", "HEAD", "HEAD~7"));
        assertEquals(3, got.size(), "one result per entry");
        assertLiteral(Reason.UNRESOLVED, got.get(0), "no-such-branch");
        assertEquals(commits(fullLog(repo).get(0)), got.get(1), "HEAD");
        assertLiteral(Reason.UNRESOLVED, got.get(2), "HEAD~7 of a two-commit history");
    }

    @Test
    void outsideAnyRepositoryEveryEntryStaysLiteral() throws IOException {
        assumeResolves();
        Path plain = Files.createDirectories(base.resolve("no-repo"));
        assumeNoEnclosingRepository(plain);
        List<RevspecExpansion> got = probe.expand(plain, true, List.of("HEAD", "HEAD~1", "v1..v2"));
        assertEquals(3, got.size(), "one result per entry");
        for (RevspecExpansion e : got) {
            assertLiteral(Reason.NO_REPOSITORY, e, "outside a repository");
        }
    }

    @Test
    void expandWithoutDiscoveryNeverWalksUp() throws IOException {
        assumeResolves();
        Path repo = repoWithCommits("exact", 1);
        Path sub = Files.createDirectories(repo.resolve("sub"));
        assertLiteral(Reason.NO_REPOSITORY, probe.expand(sub, false, List.of("HEAD")).get(0), "subdirectory, exact");
        assertEquals(List.of(commits(fullLog(repo).get(0))), probe.expand(repo, false, List.of("HEAD")),
                "the repository top, exact");
    }

    // ---------------------------------------------------------------- helpers

    private void assumeResolves() {
        Assumptions.assumeTrue(resolvesRevspecs(), "this probe does not resolve revspecs (resolvesRevspecs() is false)");
    }

    private static Commits commits(String fullHash) {
        return new Commits(List.of(fullHash.substring(0, 7)));
    }

    private static void assertLiteral(Reason reason, RevspecExpansion e, String what) {
        assertTrue(e instanceof Literal, what + ": expected a literal (" + reason + "), got " + e);
        assertEquals(reason, ((Literal) e).reason(), what);
    }

    private void assumeNoEnclosingRepository(Path dir) {
        GitRun r = run(dir, "rev-parse", "--git-dir");
        Assumptions.assumeTrue(r.exit != 0, "the temporary directory " + dir + " is inside a git repository ("
                + r.out.strip() + "); set java.io.tmpdir outside any repository to run this case");
    }

    /**
     * A new repository under the case's directory with {@code n} commits of {@code file.txt}.
     *
     * @param name the repository's directory, relative to the case's temporary directory; a new
     *     name for each repository of a case
     * @param n how many commits to make; 0 leaves HEAD unborn
     * @return the repository's top directory
     */
    protected final Path repoWithCommits(String name, int n) {
        try {
            Path repo = Files.createDirectories(base.resolve(name));
            git(repo, "init", "-q");
            for (int i = 0; i < n; i++) {
                Files.writeString(repo.resolve("file.txt"), "content " + i + "\n");
                git(repo, "add", "file.txt");
                commit(repo, "commit " + i);
            }
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits the index, each commit one minute after the previous, so git's walk order is fixed. */
    private void commit(Path repo, String message) {
        String date = "@" + (1_700_000_000L + 60L * commitClock++) + " +0000";
        run(repo, Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date), true, "commit", "-q", "-m", message);
    }

    private String shortHead(Path repo) {
        return fullLog(repo).get(0).substring(0, 7);
    }

    /** Full hashes of HEAD's history, newest first. */
    private List<String> fullLog(Path repo) {
        return git(repo, "rev-list", "HEAD").lines().collect(Collectors.toList());
    }

    /**
     * Runs git in {@code dir}, with the user's and the system's configuration kept out, and
     * fails the case when git exits non-zero.
     *
     * @param dir the working directory git runs in
     * @param args git's arguments, e.g. {@code "tag", "v1"}
     * @return git's standard output
     */
    protected final String git(Path dir, String... args) {
        return run(dir, Map.of(), true, args).out;
    }

    private GitRun run(Path dir, String... args) {
        return run(dir, Map.of(), false, args);
    }

    private record GitRun(int exit, String out, String err) {
    }

    private GitRun run(Path dir, Map<String, String> extraEnv, boolean mustSucceed, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=ktstr-tck", "-c", "user.email=tck@ktstr.dev",
                "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "init.defaultBranch=main",
                "-c", "core.autocrlf=false"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        for (String v : List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM")) {
            env.remove(v);
        }
        env.putAll(extraEnv);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] err;
            byte[] out;
            // stderr is small; read it on a thread so neither pipe can fill and block git.
            CompletableFuture<byte[]> errF = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out = p.getInputStream().readAllBytes();
            err = errF.join();
            int exit = p.waitFor();
            GitRun r = new GitRun(exit, new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
            if (mustSucceed && exit != 0) {
                throw new AssertionError("git " + String.join(" ", args) + " in " + dir + " exited " + exit + ": " + r.err);
            }
            return r;
        } catch (IOException e) {
            throw new AssertionError("the CommitProbe contract needs the git command on the PATH: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
