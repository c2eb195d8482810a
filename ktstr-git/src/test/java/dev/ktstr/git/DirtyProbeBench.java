package dev.ktstr.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Manual benchmark, not a test: the uncached commit probe (HEAD + both dirty legs) on a
 * repository with 20,000 tracked files in 200 directories, next to {@code git status} on the
 * same tree. Run from the repository root:
 *
 * <pre>
 * mvn -B -ntp -q -pl ktstr-git -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp ktstr-git/target/test-classes:ktstr-git/target/classes:$(cat ktstr-git/target/bench.cp) \
 *     dev.ktstr.git.DirtyProbeBench [files] [rounds]
 * </pre>
 */
public final class DirtyProbeBench {

    private DirtyProbeBench() {
    }

    public static void main(String[] args) throws IOException {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path repo = Files.createTempDirectory("ktstr-dirty-bench");
        GitCli.initRepo(repo);
        int perDir = 100;
        for (int i = 0; i < files; i++) {
            Path f = repo.resolve("d" + (i / perDir) + "/f" + i + ".txt");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "file " + i + "\n", StandardCharsets.UTF_8);
        }
        GitCli.commitAll(repo, "bench");
        System.out.printf("repository %s, %d tracked files%n", repo, files);

        // Right after the commit many index entries are racily clean (same second as the index
        // file), so JGit compares their content; git status then refreshes the index.
        report("jgit probe, clean, racy index", rounds, () -> GitTree.discoverCommit(repo));
        report("git status, clean", rounds, () -> {
            GitCli.gitSaysDirty(repo);
            return Optional.empty();
        });
        report("jgit probe, clean, fresh index", rounds, () -> GitTree.discoverCommit(repo));
        Files.writeString(repo.resolve("d" + (files / perDir - 1) + "/f" + (files - 1) + ".txt"), "changed\n");
        report("jgit probe, last file modified", rounds, () -> GitTree.discoverCommit(repo));
        System.out.println("result: " + GitTree.discoverCommit(repo).orElse("<empty>")
                + " (git: " + GitCli.expectedCommit(repo) + ")");
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
}
