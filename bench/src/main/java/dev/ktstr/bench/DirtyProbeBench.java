package dev.ktstr.bench;

import dev.ktstr.git.JGitCommitProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The uncached commit probe (HEAD and both dirty legs, through {@link JGitCommitProbe}) on a
 * repository of 20,000 tracked files in 200 directories, next to {@code git status} on the same
 * tree. Run with {@code bench/dirty-probe [FILES] [ROUNDS]}; needs the {@code git} command.
 */
public final class DirtyProbeBench {

    private DirtyProbeBench() {
    }

    /**
     * Builds the repository in a temporary directory and prints the median, fastest and slowest
     * round of each probe.
     *
     * @param args optional file count (default 20,000) and round count (default 15)
     * @throws IOException when the repository cannot be written
     */
    public static void main(String[] args) throws IOException {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path repo = Files.createTempDirectory("ktstr-dirty-bench");
        git(repo, "init", "-q");
        int perDir = 100;
        for (int i = 0; i < files; i++) {
            Path f = repo.resolve("d" + (i / perDir) + "/f" + i + ".txt");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "file " + i + "\n", StandardCharsets.UTF_8);
        }
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "bench");
        System.out.printf("repository %s, %d tracked files%n", repo, files);
        // Not the process working directory, so the probe is not memoized: every call probes.
        JGitCommitProbe probe = new JGitCommitProbe();

        // Right after the commit many index entries are racily clean (same second as the index
        // file), so JGit compares their content; git status then refreshes the index.
        report("jgit probe, clean, racy index", rounds, () -> probe.projectCommit(repo));
        report("git status, clean", rounds, () -> {
            git(repo, "status", "--porcelain=v1", "--untracked-files=no", "--ignore-submodules=all");
            return Optional.empty();
        });
        report("jgit probe, clean, fresh index", rounds, () -> probe.projectCommit(repo));
        Files.writeString(repo.resolve("d" + (files / perDir - 1) + "/f" + (files - 1) + ".txt"), "changed\n");
        report("jgit probe, last file modified", rounds, () -> probe.projectCommit(repo));
        boolean dirty = !git(repo, "status", "--porcelain=v1", "--untracked-files=no").isEmpty();
        System.out.println("result: " + probe.projectCommit(repo).orElse("<empty>") + " (git: "
                + git(repo, "rev-parse", "--short=7", "HEAD").strip() + (dirty ? "-dirty" : "") + ")");
    }

    private interface Run {
        Optional<String> run() throws IOException;
    }

    private static void report(String label, int rounds, Run r) throws IOException {
        r.run(); // warm-up: class loading, JIT, filesystem timestamp measurement
        long[] ms = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf("%-32s median %4d ms, min %4d ms, max %4d ms (%d rounds)%n", label, ms[rounds / 2], ms[0],
                ms[rounds - 1], rounds);
    }

    /** Runs git in {@code dir}, isolated from the user's and the system's configuration; returns stdout. */
    private static String git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=bench", "-c", "user.email=bench@bench",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
