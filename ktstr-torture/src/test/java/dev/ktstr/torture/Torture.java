package dev.ktstr.torture;

import dev.ktstr.api.layout.SidecarNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Shared helpers: sizes, a real git project, child JVMs, directory listings. */
final class Torture {

    /** The kernel version every torture writer records, so the run key is known in advance. */
    static final String KERNEL = "6.14.2";

    private Torture() {
    }

    /** A size from system property {@code torture.<name>} (set by the POM or bench/torture). */
    static int size(String name, int fallback) {
        return Integer.getInteger("torture." + name, fallback);
    }

    /** A fresh git repository with one commit, so the real JGit probe yields a clean 7-hex commit. */
    static String gitProject(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run(dir, "git", "init", "-q");
        Files.writeString(dir.resolve("README"), "torture project\n");
        run(dir, "git", "add", "README");
        run(dir, "git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "init");
        return run(dir, "git", "rev-parse", "--short=7", "HEAD").trim();
    }

    static String run(Path cwd, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed in " + cwd + ": " + out);
        }
        return out;
    }

    /** {@code java -cp <this JVM's class path> dev.ktstr.torture.TortureWriter args...}. */
    static ProcessBuilder writer(List<String> prefix, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TortureWriter.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    static ProcessBuilder writer(String... args) {
        return writer(List.of(), args);
    }

    /** Reads a child's stdout lines until it exits (call from a dedicated thread or after exit). */
    static List<String> lines(Process p) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                out.add(l);
            }
        }
        return out;
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    static List<Path> sidecars(Path dir) throws IOException {
        return list(dir).stream().filter(p -> SidecarNames.isSidecarFile(p.getFileName().toString()))
                .collect(Collectors.toList());
    }

    static List<Path> staging(Path dir) throws IOException {
        return list(dir).stream().filter(p -> SidecarNames.isStagingFile(p.getFileName().toString()))
                .collect(Collectors.toList());
    }
}
