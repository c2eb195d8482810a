package dev.ktstr.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.spi.CommitProbe;
import dev.ktstr.api.spi.RevspecExpansion;
import dev.ktstr.api.spi.RevspecExpansion.Commits;
import dev.ktstr.api.spi.RevspecExpansion.Literal;
import dev.ktstr.api.spi.RevspecExpansion.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JGitCommitProbe#expand} against real repositories made with the {@code git} command
 * line; every expected id comes from {@code git rev-parse}.
 *
 * <p>The shared history (read-only):
 * <pre>
 *   c1 ── c2 ──────── M   (main, HEAD; M merges side with --no-ff)
 *    └── s1 ── s2 ──┘     (side)
 * </pre>
 * with a lightweight tag {@code light} on c1 and an annotated tag {@code annotated} on c2.
 */
class RevspecExpansionTest {

    @TempDir
    static Path shared;

    private static Path repo;

    @TempDir
    Path tmp;

    private final CommitProbe probe = new JGitCommitProbe();

    @BeforeAll
    static void history() throws IOException {
        repo = Files.createDirectories(shared.resolve("repo"));
        GitCli.initRepo(repo);
        write(repo.resolve("a.txt"), "c1\n");
        GitCli.commitAll(repo, "c1");
        GitCli.ok(repo, "tag", "light");
        GitCli.ok(repo, "branch", "side");
        write(repo.resolve("a.txt"), "c2\n");
        GitCli.commitAll(repo, "c2");
        GitCli.ok(repo, "tag", "-a", "annotated", "-m", "annotated tag");
        GitCli.ok(repo, "checkout", "-q", "side");
        write(repo.resolve("b.txt"), "s1\n");
        GitCli.commitAll(repo, "s1");
        write(repo.resolve("b.txt"), "s2\n");
        GitCli.commitAll(repo, "s2");
        GitCli.ok(repo, "checkout", "-q", "main");
        GitCli.ok(repo, "merge", "-q", "--no-ff", "-m", "M", "side");
        Files.createDirectories(repo.resolve("sub/dir"));
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    /** {@code git rev-parse --verify REV}, cut to 7 hex digits. */
    private static String git7(Path dir, String rev) {
        return full(dir, rev).substring(0, 7);
    }

    private static String full(Path dir, String rev) {
        return GitCli.ok(dir, "rev-parse", "--verify", "-q", rev).strip();
    }

    private RevspecExpansion one(Path dir, boolean discover, String spec) {
        List<RevspecExpansion> r = probe.expand(dir, discover, List.of(spec));
        assertEquals(1, r.size());
        return r.get(0);
    }

    private List<String> ids(String spec) {
        RevspecExpansion e = one(repo, true, spec);
        return assertInstanceOf(Commits.class, e, spec + " -> " + e).ids();
    }

    private Reason literal(Path dir, String spec) {
        RevspecExpansion e = one(dir, true, spec);
        return assertInstanceOf(Literal.class, e, spec + " -> " + e).reason();
    }

    // ---- single commits

    @Test
    void headAndAncestorsResolveToSevenHex() {
        assertEquals(List.of(git7(repo, "HEAD")), ids("HEAD"));
        assertEquals(List.of(git7(repo, "HEAD~1")), ids("HEAD~1"));
        assertEquals(List.of(git7(repo, "HEAD^2")), ids("HEAD^2"));
        assertEquals(List.of(git7(repo, "HEAD^2~1")), ids("side~1"));
        assertTrue(ids("HEAD").get(0).matches("[0-9a-f]{7}"));
    }

    @Test
    void abbreviatedAndFullHexResolve() {
        String c2 = full(repo, "HEAD~1");
        assertEquals(List.of(c2.substring(0, 7)), ids(c2.substring(0, 10)));
        assertEquals(List.of(c2.substring(0, 7)), ids(c2.substring(0, 7).toUpperCase(java.util.Locale.ROOT)));
        assertEquals(List.of(c2.substring(0, 7)), ids(c2));
    }

    @Test
    void branchAndTagNamesResolve() {
        assertEquals(List.of(git7(repo, "side")), ids("side"));
        assertEquals(List.of(git7(repo, "HEAD~1~1")), ids("light"));
        // As git rev-parse and upstream's gitoxide: an annotated tag names the tag object itself.
        assertEquals(List.of(git7(repo, "annotated")), ids("annotated"));
        assertNotEquals(git7(repo, "annotated^{commit}"), ids("annotated").get(0));
        assertEquals(List.of(git7(repo, "annotated^{commit}")), ids("annotated^{commit}"));
    }

    @Test
    void excludeParentsFormIsTheCommitItself() {
        assertEquals(List.of(git7(repo, "HEAD~1")), ids("HEAD~1^!"));
    }

    // ---- ranges

    @Test
    void rangeAcrossAMergeIsBreadthFirstFromTheTip() {
        List<String> expected = List.of(git7(repo, "HEAD"), git7(repo, "HEAD^1"), git7(repo, "HEAD^2"),
                git7(repo, "HEAD^2^"));
        assertEquals(expected, ids("light..HEAD"));
        assertEquals(expected, ids("light.."), "an empty right side is HEAD");
        // Same set as git's own walk.
        List<String> gitSet = GitCli.ok(repo, "rev-list", "light..HEAD").lines().map(s -> s.substring(0, 7))
                .sorted().toList();
        assertEquals(gitSet, expected.stream().sorted().toList());
    }

    @Test
    void rangeFromASideBranchKeepsOnlyMainlineCommits() {
        assertEquals(List.of(git7(repo, "HEAD"), git7(repo, "HEAD^1")), ids("side..main"));
        assertEquals(List.of(), ids("HEAD..HEAD"));
    }

    @Test
    void rangeOverATreeIsNotExpanded() {
        RevspecExpansion e = one(repo, true, "HEAD^{tree}..HEAD");
        Literal l = assertInstanceOf(Literal.class, e, e.toString());
        assertEquals(Reason.RANGE_NOT_EXPANDED, l.reason());
        assertFalse(l.error().isBlank());
    }

    // ---- literals

    @Test
    void otherRevspecFormsAreUnsupported() {
        assertEquals(Reason.UNSUPPORTED_FORM, literal(repo, "^HEAD~1"));
        assertEquals(Reason.UNSUPPORTED_FORM, literal(repo, "side...main"));
        assertEquals(Reason.UNSUPPORTED_FORM, literal(repo, "HEAD^@"));
    }

    @Test
    void formsOverUnknownRevisionsAreUnresolved() {
        assertEquals(Reason.UNRESOLVED, literal(repo, "^nosuch"));
        assertEquals(Reason.UNRESOLVED, literal(repo, "nosuch...main"));
        assertEquals(Reason.UNRESOLVED, literal(repo, "nosuch^@"));
        assertEquals(Reason.UNRESOLVED, literal(repo, "HEAD..nosuch"));
    }

    @Test
    void garbageAndHexLookingGarbageAreUnresolved() {
        for (String s : List.of("HEAD~XYZ", "nosuch-branch", "", "zzzzzzz", "deadbee", "abc1234-dirty",
                "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef")) {
            assertEquals(Reason.UNRESOLVED, literal(repo, s), s);
        }
    }

    @Test
    void entriesResolveIndependentlyInOrder() {
        List<RevspecExpansion> r = probe.expand(repo, true, List.of("HEAD", "abc1234-dirty", "HEAD~1"));
        assertEquals(List.of(new Commits(List.of(git7(repo, "HEAD"))), Literal.of(Reason.UNRESOLVED),
                new Commits(List.of(git7(repo, "HEAD~1")))), r);
    }

    // ---- which repository

    @Test
    void projectReposAreDiscoveredUpwardKernelReposAreExact() {
        Path sub = repo.resolve("sub/dir");
        assertEquals(new Commits(List.of(git7(repo, "HEAD"))), one(sub, true, "HEAD"));
        assertEquals(Literal.of(Reason.NO_REPOSITORY), one(sub, false, "HEAD"));
        assertEquals(new Commits(List.of(git7(repo, "HEAD"))), one(repo, false, "HEAD"));
        assertEquals(new Commits(List.of(git7(repo, "HEAD"))), one(repo.resolve(".git"), false, "HEAD"));
    }

    @Test
    void noRepositoryLeavesEveryEntryLiteral() throws IOException {
        Path none = Files.createDirectories(tmp.resolve("plain"));
        assertEquals(List.of(Literal.of(Reason.NO_REPOSITORY), Literal.of(Reason.NO_REPOSITORY)),
                probe.expand(none, true, List.of("HEAD", "nosuch")));
        assertEquals(List.of(Literal.of(Reason.NO_REPOSITORY)), probe.expand(tmp.resolve("missing"), false,
                List.of("HEAD")));
        assertEquals(List.of(), probe.expand(none, true, List.of()));
    }

    // ---- dirty work trees

    @Test
    void onlyHeadOfADirtyTreeIsDirty() throws IOException {
        Path dirty = Files.createDirectories(tmp.resolve("dirty"));
        GitCli.initRepo(dirty);
        write(dirty.resolve("f.txt"), "one\n");
        GitCli.commitAll(dirty, "one");
        write(dirty.resolve("f.txt"), "two\n");
        GitCli.commitAll(dirty, "two");
        String head = git7(dirty, "HEAD");
        String parent = git7(dirty, "HEAD~1");
        List<String> specs = List.of("HEAD", full(dirty, "HEAD").substring(0, 9), "main", "HEAD~1", "HEAD~1..HEAD");

        assertFalse(GitCli.gitSaysDirty(dirty));
        assertEquals(List.of(new Commits(List.of(head)), new Commits(List.of(head)), new Commits(List.of(head)),
                new Commits(List.of(parent)), new Commits(List.of(head))), probe.expand(dirty, true, specs));

        write(dirty.resolve("f.txt"), "uncommitted\n");
        write(dirty.resolve("untracked.txt"), "x\n");
        assertTrue(GitCli.gitSaysDirty(dirty));
        assertEquals(List.of(new Commits(List.of(head + "-dirty")), new Commits(List.of(head + "-dirty")),
                new Commits(List.of(head + "-dirty")), new Commits(List.of(parent)), new Commits(List.of(head))),
                probe.expand(dirty, true, specs), "a range never carries -dirty, nor does a non-HEAD commit");
    }

    @Test
    void untrackedFilesAloneKeepHeadClean() throws IOException {
        Path r = Files.createDirectories(tmp.resolve("untracked"));
        GitCli.initRepo(r);
        write(r.resolve("f.txt"), "one\n");
        GitCli.commitAll(r, "one");
        write(r.resolve("new.txt"), "untracked\n");
        assertEquals(List.of(new Commits(List.of(git7(r, "HEAD")))), probe.expand(r, false, List.of("HEAD")));
    }

    @Test
    void rangeOperatorIgnoresDotsInBracesAndPaths() {
        assertEquals(4, Revspecs.rangeOperator("HEAD..main"));
        assertEquals(4, Revspecs.rangeOperator("side...main"));
        assertEquals(0, Revspecs.rangeOperator("..main"));
        assertEquals(-1, Revspecs.rangeOperator("HEAD@{1.day.ago}"));
        assertEquals("main@{x..y}".length(), Revspecs.rangeOperator("main@{x..y}..HEAD"));
        assertEquals(-1, Revspecs.rangeOperator("HEAD:dir/../f"));
    }
}
