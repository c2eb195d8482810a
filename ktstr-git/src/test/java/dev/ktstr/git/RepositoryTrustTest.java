package dev.ktstr.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.spi.CommitProbe;
import dev.ktstr.api.spi.RevspecExpansion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 1: a repository owned by another user is not trusted (git's
 * {@code safe.directory} rule), and no probe ever runs a command from repository
 * configuration. Repositories are made with the real {@code git} and handed to the
 * {@code nobody} user with the real {@code chown}; every filter, hook and fsmonitor command
 * touches a marker file, which must never appear.
 *
 * <p>The surefire configuration of this module sets {@code GIT_CONFIG_NOSYSTEM=1} and points
 * {@code GIT_CONFIG_GLOBAL} at a file under {@code target/} that only
 * {@link #safeDirectoryListingTrustsAForeignRepositoryButStillRunsNothing} writes.
 */
class RepositoryTrustTest {

    private static final String NOBODY = "65534";

    @TempDir
    Path tmp;

    private final CommitProbe probe = new JGitCommitProbe();

    @BeforeAll
    static void needsRootAndAControlledEnvironment() {
        assertEquals(0L, RepoTrust.effectiveUid().orElseThrow(), "these tests chown to nobody and need root");
        assertEquals("1", System.getenv("GIT_CONFIG_NOSYSTEM"), "surefire must set GIT_CONFIG_NOSYSTEM");
        assertTrue(System.getenv("GIT_CONFIG_GLOBAL") != null, "surefire must set GIT_CONFIG_GLOBAL");
        assertTrue(System.getenv("SUDO_UID") == null || System.getenv("SUDO_UID").isEmpty(),
                "SUDO_UID would make the nobody-owned repositories trusted");
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private static void chownToNobody(Path p) {
        run(List.of("chown", "-R", NOBODY + ":" + NOBODY, p.toString()), null, Map.of(), 0);
    }

    private static GitCli.Result run(List<String> cmd, Path dir, Map<String, String> env, Integer mustExit) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            int exit = p.waitFor();
            GitCli.Result r = new GitCli.Result(exit, new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
            if (mustExit != null && exit != mustExit) {
                throw new AssertionError(cmd + " exited " + exit + ": " + r.err());
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static GitCli.Result runExactEnv(List<String> cmd, Path dir, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            return new GitCli.Result(p.waitFor(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The real git, with exactly the given protected configuration. */
    private static GitCli.Result gitWith(Path dir, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Map<String, String> e = new HashMap<>();
        e.put("GIT_CONFIG_NOSYSTEM", "1");
        e.put("GIT_CONFIG_GLOBAL", "/dev/null");
        e.putAll(env);
        return run(cmd, dir, e, null);
    }

    private static String command(Path marker) {
        return "touch '" + marker + "'; cat";
    }

    /**
     * A committed repository whose every file has {@code filter=x} and whose configuration
     * then defines commands for the filter, fsmonitor and hooks that touch {@code marker}.
     * Nothing ran yet: the filter was defined after the commit.
     */
    private Path armedRepo(String name, Path marker, boolean withProcessFilter) throws IOException {
        Path repo = Files.createDirectories(tmp.resolve(name));
        GitCli.initRepo(repo);
        write(repo.resolve(".gitattributes"), "* filter=x\n");
        write(repo.resolve("a.txt"), "alpha\n");
        write(repo.resolve("dir/b.txt"), "beta\n");
        GitCli.commitAll(repo, "init");
        GitCli.ok(repo, "config", "filter.x.clean", command(marker));
        GitCli.ok(repo, "config", "filter.x.smudge", command(marker));
        if (withProcessFilter) {
            GitCli.ok(repo, "config", "filter.x.process", command(marker));
            GitCli.ok(repo, "config", "core.fsmonitor", command(marker));
            Path hooks = Files.createDirectories(repo.resolve("hooks-elsewhere"));
            for (String hook : List.of("post-index-change", "pre-commit", "post-checkout", "fsmonitor-watchman")) {
                Path h = hooks.resolve(hook);
                write(h, "#!/bin/sh\ntouch '" + marker + "'\n");
                h.toFile().setExecutable(true);
                Path h2 = repo.resolve(".git/hooks").resolve(hook);
                write(h2, "#!/bin/sh\ntouch '" + marker + "'\n");
                h2.toFile().setExecutable(true);
            }
            GitCli.ok(repo, "config", "core.hooksPath", hooks.toString());
        }
        assertFalse(Files.exists(marker), "setting up must not run the commands");
        return repo;
    }

    /** Same-size change plus an old mtime: JGit must look at content (and would run the filter). */
    private static void modifyKeepingSize(Path file, String text) throws IOException {
        String old = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(old.length(), text.length());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
    }

    private static String captureStderr(Runnable body) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static <T> T capture(Supplier<T> body, StringBuilder stderr) {
        List<T> box = new ArrayList<>();
        stderr.append(captureStderr(() -> box.add(body.get())));
        return box.get(0);
    }

    private static void assertGitRefuses(Path dir) {
        GitCli.Result r = gitWith(dir, Map.of(), "status", "--porcelain");
        assertNotEquals(0, r.exit(), "git must refuse the foreign repository");
        assertTrue(r.err().contains("dubious ownership"), r.err());
    }

    private static void assertWarned(String stderr, Path repo) throws IOException {
        String real = repo.toRealPath().toString();
        assertTrue(stderr.contains("detected dubious ownership in repository at '" + real + "'"), stderr);
        assertTrue(stderr.contains("git config --global --add safe.directory " + real), stderr);
    }

    // ---- foreign repositories: no repository, nothing run -----------------------------------

    @Test
    void foreignRepositoryFoundUpwardRunsNothingAndIsNoRepository() throws IOException {
        Path marker = tmp.resolve("ran-project");
        Path repo = armedRepo("foreign-project", marker, true);
        modifyKeepingSize(repo.resolve("a.txt"), "ALPHA\n");
        chownToNobody(repo);
        Path sub = repo.resolve("dir");

        StringBuilder err = new StringBuilder();
        assertEquals(Optional.empty(), capture(() -> probe.projectCommit(sub), err));
        assertEquals(Optional.empty(), capture(() -> probe.projectCommit(repo), err));
        assertEquals(Optional.empty(), GitTree.discoverCommit(sub));
        assertFalse(Files.exists(marker), "a command from the foreign repository's configuration ran");
        assertWarned(err.toString(), repo);
        assertEquals(1, err.toString().split("detected dubious ownership", -1).length - 1,
                "the warning is printed once per repository: " + err);
        assertGitRefuses(sub);
        assertFalse(Files.exists(marker));
    }

    @Test
    void foreignKernelTreeRunsNothingAndIsNoRepository() throws IOException {
        Path marker = tmp.resolve("ran-kernel");
        Path kernel = armedRepo("foreign-kernel", marker, true);
        modifyKeepingSize(kernel.resolve("dir/b.txt"), "BETA\n");
        chownToNobody(kernel);

        StringBuilder err = new StringBuilder();
        assertEquals(Optional.empty(), capture(() -> probe.kernelCommit(kernel), err));
        assertEquals(Optional.empty(), GitTree.exactCommit(kernel));
        assertFalse(Files.exists(marker), "a command from the foreign kernel tree's configuration ran");
        assertWarned(err.toString(), kernel);
        assertGitRefuses(kernel);
    }

    @Test
    void foreignRepositoryRevspecsAreNotExpanded() throws IOException {
        Path marker = tmp.resolve("ran-expand");
        Path repo = armedRepo("foreign-expand", marker, true);
        modifyKeepingSize(repo.resolve("a.txt"), "ALPHA\n");
        String head = GitCli.shortHead(repo);
        chownToNobody(repo);

        List<String> specs = List.of("HEAD", head, "HEAD~0..HEAD");
        RevspecExpansion none = RevspecExpansion.Literal.of(RevspecExpansion.Reason.NO_REPOSITORY);
        StringBuilder err = new StringBuilder();
        assertEquals(List.of(none, none, none), capture(() -> probe.expand(repo.resolve("dir"), true, specs), err));
        assertEquals(List.of(none, none, none), probe.expand(repo, false, specs));
        assertFalse(Files.exists(marker), "a command from the foreign repository's configuration ran");
        assertWarned(err.toString(), repo);
    }

    @Test
    void foreignBareRepositoryIsNoRepository() throws IOException {
        Path origin = Files.createDirectories(tmp.resolve("bare-origin"));
        GitCli.initRepo(origin);
        write(origin.resolve("a.txt"), "a\n");
        GitCli.commitAll(origin, "a");
        Path bare = tmp.resolve("foreign.git");
        GitCli.ok(tmp, "clone", "-q", "--bare", origin.toUri().toString(), bare.toString());
        assertEquals(Optional.of(GitCli.shortHead(origin)), GitTree.exactCommit(bare), "trusted while root owns it");
        chownToNobody(bare);
        StringBuilder err = new StringBuilder();
        assertEquals(Optional.empty(), capture(() -> probe.kernelCommit(bare), err));
        assertWarned(err.toString(), bare);
        assertNotEquals(0, gitWith(bare, Map.of(), "rev-parse", "HEAD").exit(), "git refuses it too");
    }

    @Test
    void foreignLinkedWorktreeGitFileIsNotTrusted() throws IOException {
        Path main = Files.createDirectories(tmp.resolve("wt-main"));
        GitCli.initRepo(main);
        write(main.resolve("a.txt"), "a\n");
        GitCli.commitAll(main, "a");
        Path linked = tmp.resolve("wt-linked");
        GitCli.ok(main, "worktree", "add", "-q", "-b", "side", linked.toString());
        assertTrue(Files.isRegularFile(linked.resolve(".git")));
        // Only the gitfile belongs to someone else: git checks it too.
        run(List.of("chown", "-h", NOBODY, linked.resolve(".git").toString()), null, Map.of(), 0);
        StringBuilder err = new StringBuilder();
        assertEquals(Optional.empty(), capture(() -> probe.kernelCommit(linked), err));
        assertWarned(err.toString(), linked);
        assertGitRefuses(linked);
    }

    @Test
    void safeDirectoryListingTrustsAForeignRepositoryButStillRunsNothing() throws IOException {
        Path marker = tmp.resolve("ran-listed");
        Path repo = armedRepo("listed", marker, true);
        modifyKeepingSize(repo.resolve("a.txt"), "ALPHA\n");
        String head = GitCli.shortHead(repo);
        chownToNobody(repo);
        Path global = Path.of(System.getenv("GIT_CONFIG_GLOBAL"));
        Files.createDirectories(global.getParent());
        Files.writeString(global, "[safe]\n\tdirectory = " + repo.toRealPath() + "\n", StandardCharsets.UTF_8);
        try {
            String stderr = captureStderr(() -> {
                assertEquals(Optional.of(head + "-dirty"), probe.projectCommit(repo.resolve("dir")));
                assertEquals(Optional.of(head + "-dirty"), probe.kernelCommit(repo));
            });
            assertEquals("", stderr);
            assertFalse(Files.exists(marker), "a command from the listed repository's configuration ran");
            GitCli.Result git = gitWith(repo, Map.of("GIT_CONFIG_GLOBAL", global.toString()), "rev-parse", "HEAD");
            assertEquals(0, git.exit(), "git trusts the listed repository: " + git.err());
        } finally {
            Files.deleteIfExists(global);
        }
    }

    // ---- the rule itself, against real git with the same configuration ----------------------

    private Path foreignPlainRepo(String name) throws IOException {
        Path repo = Files.createDirectories(tmp.resolve(name));
        GitCli.initRepo(repo);
        write(repo.resolve("a.txt"), "a\n");
        GitCli.commitAll(repo, "a");
        chownToNobody(repo);
        return repo;
    }

    private static final List<String> CONFIG_ENV = List.of("GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM",
            "GIT_CONFIG_NOSYSTEM", "HOME", "XDG_CONFIG_HOME", "SUDO_UID", "GIT_CONFIG_COUNT", "GIT_CONFIG_PARAMETERS");

    /**
     * Our verdict with {@code env} as the whole configuration environment (no system file and
     * a HOME without files unless {@code env} says otherwise); git, run with the same
     * variables, must agree when asked.
     */
    private boolean trusted(Path repo, Map<String, String> env, boolean compareWithGit) {
        Map<String, String> full = new HashMap<>(env);
        full.putIfAbsent("GIT_CONFIG_NOSYSTEM", "1");
        full.putIfAbsent("HOME", tmp.resolve("no-home").toString());
        List<String> warnings = new ArrayList<>();
        RepoTrust trust = new RepoTrust(full, warnings::add);
        boolean ours = trust.trusted(GitTree.exactLocation(repo).orElseThrow().location());
        assertEquals(ours ? 0 : 1, warnings.size(), warnings.toString());
        if (compareWithGit) {
            ProcessBuilder pb = new ProcessBuilder();
            Map<String, String> gitEnv = new HashMap<>(pb.environment());
            CONFIG_ENV.forEach(gitEnv::remove);
            gitEnv.keySet().removeIf(k -> k.startsWith("GIT_CONFIG_"));
            gitEnv.putAll(full);
            GitCli.Result git = runExactEnv(List.of("git", "rev-parse", "--git-dir"), repo, gitEnv);
            assertEquals(ours, git.exit() == 0, "git disagrees with env " + env + ": " + git.err());
        }
        return ours;
    }

    private Map<String, String> globalFile(String text) throws IOException {
        Path f = tmp.resolve("global-" + Math.abs(text.hashCode()) + ".gitconfig");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return Map.of("GIT_CONFIG_GLOBAL", f.toString());
    }

    @Test
    void safeDirectoryRuleAgreesWithGit() throws IOException {
        Path repo = foreignPlainRepo("rule");
        String real = repo.toRealPath().toString();
        assertFalse(trusted(repo, globalFile(""), true));
        assertFalse(trusted(repo, globalFile("[safe]\n\tdirectory = /nonexistent/elsewhere\n"), true));
        assertTrue(trusted(repo, globalFile("[safe]\n\tdirectory = " + real + "\n"), true));
        assertTrue(trusted(repo, globalFile("[safe]\n\tdirectory = *\n"), true));
        assertFalse(trusted(repo, globalFile("[safe]\n\tdirectory = *\n\tdirectory =\n"), true), "empty resets");
        assertTrue(trusted(repo, globalFile("[safe]\n\tdirectory =\n\tdirectory = " + real + "\n"), true));
        assertFalse(trusted(repo, globalFile("[foo]\n\tbar = " + real + "\n"), true), "another key");
        // ~ is the HOME of the environment.
        Map<String, String> home = new HashMap<>(globalFile("[safe]\n\tdirectory = ~/rule\n"));
        home.put("HOME", tmp.toString());
        assertTrue(trusted(repo, home, true));
        // The system file counts unless GIT_CONFIG_NOSYSTEM; GIT_CONFIG_GLOBAL replaces ~/.gitconfig.
        Path system = tmp.resolve("system.gitconfig");
        Files.writeString(system, "[safe]\n\tdirectory = " + real + "\n", StandardCharsets.UTF_8);
        assertTrue(trusted(repo, Map.of("GIT_CONFIG_NOSYSTEM", "0", "GIT_CONFIG_SYSTEM", system.toString(),
                "GIT_CONFIG_GLOBAL", "/dev/null"), true));
        assertFalse(trusted(repo, Map.of("GIT_CONFIG_NOSYSTEM", "1", "GIT_CONFIG_SYSTEM", system.toString(),
                "GIT_CONFIG_GLOBAL", "/dev/null"), true));
        Path fakeHome = Files.createDirectories(tmp.resolve("fake-home"));
        Files.writeString(fakeHome.resolve(".gitconfig"), "[safe]\n\tdirectory = *\n", StandardCharsets.UTF_8);
        assertTrue(trusted(repo, Map.of("HOME", fakeHome.toString()), true));
        Path xdg = Files.createDirectories(tmp.resolve("fake-xdg/git"));
        Files.writeString(xdg.resolve("config"), "[safe]\n\tdirectory = *\n", StandardCharsets.UTF_8);
        assertTrue(trusted(repo, Map.of("HOME", tmp.resolve("nohome").toString(),
                "XDG_CONFIG_HOME", xdg.getParent().toString()), true));
        assertFalse(trusted(repo, Map.of("HOME", fakeHome.toString(), "GIT_CONFIG_GLOBAL", "/dev/null"), true));
        // SUDO_UID stands in for root.
        assertTrue(trusted(repo, Map.of("SUDO_UID", NOBODY), true));
        assertFalse(trusted(repo, Map.of("SUDO_UID", "12345"), true));
    }

    @Test
    void repositoryLocalSafeDirectoryIsIgnored() throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("self-listed"));
        GitCli.initRepo(repo);
        write(repo.resolve("a.txt"), "a\n");
        GitCli.commitAll(repo, "a");
        GitCli.ok(repo, "config", "safe.directory", "*");
        GitCli.ok(repo, "config", "--add", "safe.directory", repo.toRealPath().toString());
        chownToNobody(repo);
        assertFalse(trusted(repo, Map.of(), true));
        assertEquals(Optional.empty(), probe.kernelCommit(repo));
    }

    @Test
    void safeDirectoryNewerGitForms() throws IOException {
        // Newer git only (entries normalized to real paths and dir/* since 2.46.1, command-line
        // configuration since 2.44): not compared with the git on this machine.
        Path repo = foreignPlainRepo("prefix/deep/rule");
        Path alias = Files.createSymbolicLink(tmp.resolve("rule-alias"), repo);
        assertTrue(trusted(repo, globalFile("[safe]\n\tdirectory = " + alias + "\n"), false));
        assertTrue(trusted(repo, globalFile("[safe]\n\tdirectory = " + repo.toRealPath() + "/\n"), false));
        assertTrue(trusted(repo, globalFile("[safe]\n\tdirectory = " + tmp.toRealPath() + "/prefix/*\n"), false));
        assertTrue(trusted(repo, globalFile("[safe]\n\tdirectory = " + tmp.toRealPath() + "/*\n"), false));
        assertFalse(trusted(repo, globalFile("[safe]\n\tdirectory = " + tmp.toRealPath() + "/pre*\n"), false));
        assertFalse(trusted(repo, globalFile("[safe]\n\tdirectory = " + tmp.toRealPath() + "/other/*\n"), false));
        assertTrue(trusted(repo, Map.of("GIT_CONFIG_COUNT", "1", "GIT_CONFIG_KEY_0", "safe.directory",
                "GIT_CONFIG_VALUE_0", repo.toRealPath().toString()), false));
        assertFalse(trusted(repo, Map.of("GIT_CONFIG_COUNT", "2", "GIT_CONFIG_KEY_0", "Safe.Directory",
                "GIT_CONFIG_VALUE_0", "*", "GIT_CONFIG_KEY_1", "safe.directory", "GIT_CONFIG_VALUE_1", ""), false));
        assertTrue(trusted(repo, Map.of("GIT_CONFIG_PARAMETERS",
                "'user.name'='x' 'safe.directory'='" + repo.toRealPath() + "'"), false));
        assertTrue(trusted(repo, Map.of("GIT_CONFIG_PARAMETERS", "'safe.directory=*'"), false));
        assertFalse(trusted(repo, Map.of("GIT_CONFIG_PARAMETERS", "'safe.directory=*' 'safe.directory'"), false));
        // "." is the current directory (here the module directory), not the repository.
        assertFalse(trusted(repo, Map.of("GIT_CONFIG_PARAMETERS", "'safe.directory'='.'"), false));
    }

    @Test
    void warningQuotesThePathAsGitDoes() {
        assertEquals("/srv/linux", RepoTrust.shellQuotePretty("/srv/linux"));
        assertEquals("'/srv/my linux'", RepoTrust.shellQuotePretty("/srv/my linux"));
        assertEquals("'/srv/it'\\''s'", RepoTrust.shellQuotePretty("/srv/it's"));
        assertTrue(RepoTrust.warning(Path.of("/srv/x")).contains(
                "To add an exception for this directory, call:\n\n\tgit config --global --add safe.directory /srv/x"));
    }

    // ---- own repositories: filters are never run during dirty detection ----------------------

    @Test
    void ownRepositoryTouchedFilteredFileIsCleanWithoutRunningTheFilter() throws IOException {
        Path marker = tmp.resolve("ran-own-touch");
        Path repo = armedRepo("own-touch", marker, false);
        Files.setLastModifiedTime(repo.resolve("a.txt"), FileTime.from(Instant.now().minusSeconds(3600)));
        String head = GitCli.shortHead(repo);
        assertEquals(Optional.of(head), probe.projectCommit(repo));
        assertEquals(Optional.of(head), probe.kernelCommit(repo));
        assertEquals(List.of(new RevspecExpansion.Commits(List.of(head))), probe.expand(repo, false, List.of("HEAD")));
        assertFalse(Files.exists(marker), "the probe ran the clean filter");
        assertFalse(GitCli.gitSaysDirty(repo), "git (which runs the identity filter) agrees: clean");
        assertTrue(Files.exists(marker), "git itself runs the filter here");
    }

    @Test
    void ownRepositoryModifiedFilteredFileIsDirtyWithoutRunningTheFilter() throws IOException {
        Path marker = tmp.resolve("ran-own-modify");
        Path repo = armedRepo("own-modify", marker, false);
        modifyKeepingSize(repo.resolve("dir/b.txt"), "BETA\n");
        String head = GitCli.shortHead(repo);
        assertEquals(Optional.of(head + "-dirty"), probe.projectCommit(repo.resolve("dir")));
        assertEquals(Optional.of(head + "-dirty"), probe.kernelCommit(repo));
        assertFalse(Files.exists(marker), "the probe ran the clean filter");
        assertTrue(GitCli.gitSaysDirty(repo), "git agrees: dirty");
    }

    @Test
    void ownRepositoryRewritingFilterIsComparedOnRawContent() throws IOException {
        Path marker = tmp.resolve("ran-own-rewrite");
        Path repo = Files.createDirectories(tmp.resolve("own-rewrite"));
        GitCli.initRepo(repo);
        GitCli.ok(repo, "config", "filter.up.clean", "touch '" + marker + "'; tr a-z A-Z");
        write(repo.resolve(".gitattributes"), "*.txt filter=up\n");
        Path a = repo.resolve("a.txt");
        write(a, "alpha\n");
        Instant old = Instant.now().minusSeconds(7200);
        Files.setLastModifiedTime(a, FileTime.from(old));
        GitCli.commitAll(repo, "init");
        assertEquals("ALPHA\n", GitCli.ok(repo, "show", "HEAD:a.txt"), "the blob went through the filter");
        Files.delete(marker);
        String head = GitCli.shortHead(repo);
        // Stat data matches the index: clean, as git decides without running the filter.
        assertEquals(Optional.of(head), GitTree.exactCommit(repo));
        // Touched: git would run the filter and find it clean; the probe compares the raw bytes
        // with the blob instead and reports dirt (the documented trade-off).
        Files.setLastModifiedTime(a, FileTime.from(old.plusSeconds(60)));
        assertEquals(Optional.of(head + "-dirty"), GitTree.exactCommit(repo));
        assertFalse(Files.exists(marker), "the probe ran the clean filter");
    }
}
