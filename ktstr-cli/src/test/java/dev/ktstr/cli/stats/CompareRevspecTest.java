package dev.ktstr.cli.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.ProviderException;
import dev.ktstr.api.Providers;
import dev.ktstr.api.read.SidecarReader;
import dev.ktstr.api.schema.ScenarioStats;
import dev.ktstr.api.spi.CommitProbe;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code stats compare} with git revspecs in its commit filters (expanded before filtering, as upstream does), against
 * a real two-commit repository made with the {@code git} command line and the provider-chosen
 * commit probe. The project directory is injected instead of changing the JVM's cwd.
 */
class CompareRevspecTest {

    @TempDir
    static Path shared;

    private static Path repo;
    private static String c1;
    private static String c2;

    @TempDir
    Path target;

    @BeforeAll
    static void repository() throws IOException {
        repo = Files.createDirectories(shared.resolve("project"));
        git(repo, "init", "-q");
        Files.writeString(repo.resolve("f.txt"), "one\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "one");
        Files.writeString(repo.resolve("f.txt"), "two\n");
        git(repo, "commit", "-q", "-a", "-m", "two");
        Files.createDirectories(repo.resolve("sub"));
        c1 = git(repo, "rev-parse", "HEAD~1").strip().substring(0, 7);
        c2 = git(repo, "rev-parse", "HEAD").strip().substring(0, 7);
    }

    private static String git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        pb.environment().remove("GIT_DIR");
        pb.environment().remove("GIT_WORK_TREE");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new AssertionError("git " + String.join(" ", args) + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private StatsRun run(Path projectDir, Map<String, String> extraEnv, Supplier<CommitProbe> probe, String... args) {
        Map<String, String> m = new HashMap<>(extraEnv);
        m.put("CARGO_TARGET_DIR", target.toString());
        Env env = Env.of(m);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = StatsCommand.commandLine(
                new StatsCommand(env, SidecarReader.builder().env(env).build(), false, probe, projectDir));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new StatsRun(exit, out.toString(), err.toString());
    }

    private StatsRun run(Path projectDir, String... args) {
        return run(projectDir, Map.of(), Providers::probe, args);
    }

    /** Three trials per project commit; spread 10 on c1, 20 on c2; kernel commit as given. */
    private void pool(String kernelCommitA, String kernelCommitB) {
        SidecarTree runs = new SidecarTree(target.resolve("ktstr"));
        String[][] sides = {{c1, kernelCommitA, "10"}, {c2, kernelCommitB, "20"}};
        for (String[] side : sides) {
            for (int trial = 0; trial < 3; trial++) {
                runs.write("6.14.2-" + side[0], SidecarTree.sidecar("spin", "1n1l2c1t").kernelVersion("6.14.2")
                        .projectCommit(side[0]).kernelCommit(side[1]).runSource("local")
                        .stats(ScenarioStats.builder().worstSpread(Double.parseDouble(side[2])).build()).build());
            }
        }
    }

    @Test
    void projectRevspecsPairTheTwoCommits() {
        pool("k000000", "k000000");
        StatsRun r = run(repo.resolve("sub"), "compare", "--a-project-commit", "HEAD~1", "--b-project-commit", "HEAD");
        assertEquals("", r.err());
        assertEquals(1, r.exit(), r.out());
        List<String> lines = r.out().lines().toList();
        assertEquals("slicing dimensions: project-commit", lines.get(0));
        assertEquals("averaged across 3 runs (" + c1 + ") and 3 runs (" + c2 + ")", lines.get(2));
        assertTrue(lines.get(4).contains("worst_spread") && lines.get(4).contains("REGRESSION"), r.out());
        assertTrue(r.out().contains("  spin/1n1l2c1t/CpuSpin: " + c1 + "=3/3 " + c2 + "=3/3\n"), r.out());

        // The same comparison written with literal ids gives the same report.
        StatsRun literal = run(repo.resolve("sub"), "compare", "--a-project-commit", c1, "--b-project-commit", c2);
        assertEquals(r.out(), literal.out());
    }

    @Test
    void aRangeExpandsIntoEveryCommitItHolds() {
        pool("k000000", "k000000");
        // B = HEAD~1..HEAD (just c2) plus HEAD~1 (c1): both commits, labelled by their sorted ids.
        StatsRun r = run(repo, "compare", "--a-project-commit", "HEAD~1", "--b-project-commit", "HEAD~1..HEAD",
                "--b-project-commit", "HEAD~1");
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("slicing dimensions: project-commit\n"), r.out());
        String bLabel = String.join("|", List.of(c1, c2).stream().sorted().toList());
        assertTrue(r.out().contains("averaged across 3 runs (" + c1 + ") and 6 runs (" + bLabel + ")"), r.out());
    }

    @Test
    void kernelRevspecsResolveInTheSourceTreeOfALocalCacheEntry() throws IOException {
        pool(c1, c2);
        Path entry = Files.createDirectories(target.resolve("cache-entry"));
        Files.writeString(entry.resolve("metadata.json"), "{\"version\": null, \"source\": {\"type\": \"local\","
                + " \"source_tree_path\": \"" + repo + "\", \"git_hash\": null}, \"arch\": \"x86_64\","
                + " \"image_name\": \"bzImage\", \"built_at\": \"2026-01-01T00:00:00Z\", \"has_vmlinux\": false,"
                + " \"vmlinux_stripped\": false}");
        Path elsewhere = Files.createDirectories(target.resolve("elsewhere"));
        StatsRun r = run(elsewhere, Map.of("KTSTR_KERNEL", " " + entry + " "), Providers::probe, "compare",
                "--a-kernel-commit", "HEAD~1", "--b-kernel-commit", "main");
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("slicing dimensions: kernel-commit\n"), r.out());
        assertTrue(r.out().contains("averaged across 3 runs (" + c1 + ") and 3 runs (" + c2 + ")"), r.out());
    }

    @Test
    void entriesThatStayLiteralAreReportedInUpstreamsWords() {
        StatsRun r = run(repo, Map.of("KTSTR_KERNEL", repo.toString()), Providers::probe, "compare",
                "--project-commit", "^HEAD",
                "--kernel-commit", "nope~1",
                "--a-project-commit", "HEAD~XYZ", "--a-project-commit", "deadbee", "--a-project-commit", "ABC1234-dirty",
                "--b-project-commit", "HEAD~1...HEAD", "--b-project-commit", "HEAD^@",
                "--b-kernel-commit", "HEAD^{tree}..HEAD");
        List<String> lines = r.err().lines().toList();
        assertEquals(7, lines.size(), r.err());
        assertEquals("cargo ktstr: --project-commit '^HEAD' uses an unsupported revspec form"
                + " (Exclude/Merge/IncludeOnlyParents); using as literal filter", lines.get(0));
        assertEquals("cargo ktstr: --kernel-commit 'nope~1' did not resolve as a revspec; using as literal filter",
                lines.get(1));
        assertEquals("cargo ktstr: --a-project-commit 'HEAD~XYZ' did not resolve as a revspec; using as literal"
                + " filter", lines.get(2));
        assertEquals("cargo ktstr: --b-project-commit 'HEAD~1...HEAD' uses an unsupported revspec form"
                + " (Exclude/Merge/IncludeOnlyParents); using as literal filter", lines.get(3));
        assertEquals("cargo ktstr: --b-project-commit 'HEAD^@' uses an unsupported revspec form"
                + " (Exclude/Merge/IncludeOnlyParents); using as literal filter", lines.get(4));
        assertTrue(lines.get(5).startsWith("cargo ktstr: --b-kernel-commit range 'HEAD^{tree}..HEAD' could not be"
                + " expanded: ") && lines.get(5).endsWith("; using as literal filter")
                && lines.get(5).length() > 110, lines.get(5));
        assertEquals("error: stats compare: no sidecar data found under " + target.resolve("ktstr")
                + ". Run `cargo ktstr test` to generate runs, or pass --dir to point at an archived sidecar tree.",
                lines.get(6));
    }

    @Test
    void withoutARepositoryEveryValueIsASilentLiteral() throws IOException {
        pool("k000000", "k000000");
        Path plain = Files.createDirectories(target.resolve("plain"));
        StatsRun r = run(plain, "compare", "--a-project-commit", "HEAD~1", "--b-project-commit", "HEAD",
                "--kernel-commit", "HEAD");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("error: stats compare: A side filter matched 0 sidecars in pool (6 pooled)."),
                r.err());
        assertTrue(r.err().contains("distinct commit value present in the pool"), r.err());
    }

    @Test
    void aMissingProbeIsSaidOnceAndValuesStayLiteral() {
        pool("k000000", "k000000");
        AtomicInteger lookups = new AtomicInteger();
        Supplier<CommitProbe> none = () -> {
            lookups.incrementAndGet();
            throw new ProviderException("No usable provider of dev.ktstr.api.spi.CommitProbe was found.\nmore");
        };
        StatsRun r = run(repo, Map.of("KTSTR_KERNEL", repo.toString()), none, "compare",
                "--a-project-commit", c1, "--b-project-commit", c2, "--kernel-commit", "k000000");
        assertEquals(1, lookups.get());
        assertTrue(r.err().startsWith("cargo ktstr: commit revspecs are not expanded, no commit probe is available"
                + " (No usable provider of dev.ktstr.api.spi.CommitProbe was found.); using every --*-commit value"
                + " as a literal filter\n"), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.contains("commit probe")).count(), r.err());
        assertTrue(r.out().startsWith("slicing dimensions: project-commit\n"), r.out());
    }

    @Test
    void noCommitFilterNeverLooksUpAProbe() {
        pool("k000000", "k000000");
        Supplier<CommitProbe> failing = () -> {
            throw new AssertionError("probe looked up without a commit filter");
        };
        StatsRun r = run(repo, Map.of(), failing, "compare", "--a-kernel", "6.14", "--b-kernel", "6.14.2");
        assertTrue(r.out().startsWith("slicing dimensions: kernel\n"), r.out() + r.err());
    }
}
