package dev.ktstr.api.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test resources (fixtures, Python reference tools) and running the tools as processes. */
public final class TestFiles {
    public static final List<String> FIXTURES =
            List.of("example-fixture.ktstr.json", "example-full.ktstr.json", "example-skip.ktstr.json");

    private TestFiles() {
    }

    public static byte[] fixture(String name) {
        return resource("/fixtures/" + name);
    }

    public static byte[] resource(String path) {
        try (InputStream in = TestFiles.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies a reference tool (and its sibling) from the repository's top-level {@code tools/}
     * into a temp dir and returns its path. The tools are not test resources, so the build does
     * not copy them; the directory is found by walking up from the working directory.
     */
    public static Path tool(Path dir, String name) throws IOException {
        Path tools = toolsDir();
        for (String t : List.of("serde_pretty.py", "siphash13.py")) {
            Files.copy(tools.resolve(t), dir.resolve(t), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return dir.resolve(name);
    }

    private static Path toolsDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("tools/serde_pretty.py"))) {
                return p.resolve("tools");
            }
        }
        throw new IllegalStateException("no tools/serde_pretty.py above " + Path.of("").toAbsolutePath());
    }

    /** Runs python3 with the arguments; returns stdout, failing on a non-zero exit. */
    public static String python(Path dir, List<String> args, String stdin) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("python3");
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("python3 timed out: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("python3 " + args + " exited " + p.exitValue() + ":\n" + out);
        }
        return out;
    }
}
