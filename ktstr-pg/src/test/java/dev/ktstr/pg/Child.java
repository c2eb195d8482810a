package dev.ktstr.pg;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM running {@code dev.ktstr.pgchild.PgChild} against a test database. */
final class Child implements AutoCloseable {

    final Process process;
    private final BufferedReader out;

    private Child(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** On the class path: everything this test JVM sees, plus the test classes. */
    static Child classPath(String url, String... args) throws IOException {
        List<String> cmd = java(url);
        cmd.add("-cp");
        cmd.add(join(testClasses(), System.getProperty("jdk.module.path"), System.getProperty("java.class.path")));
        return start(cmd, args);
    }

    /**
     * ktstr and its dependencies on the module path, the child's main in the unnamed module,
     * and only {@code --add-modules dev.ktstr.api}: service binding must bring dev.ktstr.pg,
     * and dev.ktstr.pg must bring Flyway's PostgreSQL support.
     */
    static Child modulePath(String url, String... args) throws IOException {
        String mp = System.getProperty("jdk.module.path");
        if (mp == null || mp.isEmpty()) {
            throw new IllegalStateException("this test JVM was not started on the module path");
        }
        List<String> cmd = java(url);
        cmd.add("--module-path");
        cmd.add(mp);
        cmd.add("--add-modules");
        cmd.add("dev.ktstr.api");
        cmd.add("-cp");
        cmd.add(join(testClasses(), System.getProperty("java.class.path")));
        return start(cmd, args);
    }

    private static List<String> java(String url) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Dktstr.store=pg");
        cmd.add("-Dktstr.pg.url=" + url);
        return cmd;
    }

    private static Child start(List<String> cmd, String... args) throws IOException {
        cmd.add("dev.ktstr.pgchild.PgChild");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().remove("KTSTR_SIDECAR_DIR");
        pb.environment().remove("KTSTR_STORE");
        pb.environment().remove("KTSTR_LOCK");
        pb.environment().remove("KTSTR_PG_URL");
        return new Child(pb.start());
    }

    private static String testClasses() {
        return Path.of("target", "test-classes").toAbsolutePath().toString();
    }

    private static String join(String... parts) {
        List<String> keep = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isEmpty()) {
                keep.add(p);
            }
        }
        return String.join(File.pathSeparator, keep);
    }

    /** The next line the child prints, or fails after {@code seconds}. */
    String line(int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (out.ready()) {
                return out.readLine();
            }
            if (!process.isAlive() && !out.ready()) {
                String rest = out.readLine();
                if (rest != null) {
                    return rest;
                }
                throw new IllegalStateException("child exited " + process.exitValue() + " without output");
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("child printed nothing in " + seconds + " s");
    }

    int waitFor(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child still running after " + seconds + " s");
        }
        return process.exitValue();
    }

    /** SIGKILL, and wait until it is gone. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
