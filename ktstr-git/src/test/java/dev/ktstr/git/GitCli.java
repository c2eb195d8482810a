package dev.ktstr.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real {@code git} command line in a directory, isolated from the user's config. */
final class GitCli {

    /** Output and exit status of one git run. */
    record Result(int exit, String out, String err) {
    }

    private GitCli() {
    }

    static Result run(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always",
                "-c", "core.autocrlf=false"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.remove("GIT_DIR");
        env.remove("GIT_WORK_TREE");
        env.remove("GIT_INDEX_FILE");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            int exit = p.waitFor();
            return new Result(exit, new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs git and fails the test when it exits non-zero; returns stdout. */
    static String ok(Path dir, String... args) {
        Result r = run(dir, args);
        if (r.exit() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " in " + dir + " exited " + r.exit()
                    + ": " + r.err());
        }
        return r.out();
    }

    /** {@code git rev-parse --short=7 HEAD}. */
    static String shortHead(Path dir) {
        return ok(dir, "rev-parse", "--short=7", "HEAD").strip();
    }

    /**
     * Git's own answer to upstream's dirty question: tracked changes, staged or not,
     * untracked files and submodules ignored.
     */
    static boolean gitSaysDirty(Path dir) {
        return !ok(dir, "status", "--porcelain=v1", "--untracked-files=no", "--ignore-submodules=all").isEmpty();
    }

    /** What the probe must return according to git: short HEAD plus {@code -dirty} if git says so. */
    static String expectedCommit(Path dir) {
        return shortHead(dir) + (gitSaysDirty(dir) ? "-dirty" : "");
    }

    static Path initRepo(Path dir) {
        ok(dir, "init", "-q");
        return dir;
    }

    static void commitAll(Path dir, String message) {
        ok(dir, "add", "-A");
        ok(dir, "commit", "-q", "-m", message);
    }
}
