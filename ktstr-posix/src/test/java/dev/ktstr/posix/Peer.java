package dev.ktstr.posix;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real lock holder in another process: it prints {@code locked...} once it holds the lock and
 * keeps it until its standard input is closed.
 */
final class Peer implements AutoCloseable {
    static final String PY_HOLDER = String.join("\n",
            "import fcntl, os, sys",
            "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o666)",
            "fcntl.flock(fd, (fcntl.LOCK_EX if sys.argv[2] == 'x' else fcntl.LOCK_SH) | fcntl.LOCK_NB)",
            "print('locked', flush=True)",
            "sys.stdin.readline()");

    private final Process process;
    private final String readyLine;

    private Peer(Process process, String readyLine) {
        this.process = process;
        this.readyLine = readyLine;
    }

    /** {@code flock -x|-s <file> sh -c 'echo locked; cat'} run in {@code cwd}. */
    static Peer flock(Path cwd, String file, boolean exclusive) throws Exception {
        return start(cwd, List.of("flock", exclusive ? "-x" : "-s", file, "sh", "-c", "echo locked; cat"));
    }

    /** A Python {@code fcntl.flock} holder. */
    static Peer python(Path cwd, String file, boolean exclusive) throws Exception {
        return start(cwd, List.of("python3", "-c", PY_HOLDER, file, exclusive ? "x" : "s"));
    }

    /** A child JVM holding the lock through {@code Providers.lock()} on the class path. */
    static Peer jvm(Path cwd, Path file, boolean exclusive) throws Exception {
        return jvm(cwd, file, exclusive, "flock");
    }

    /** A child JVM holding the lock through the provider named {@code provider}. */
    static Peer jvm(Path cwd, Path file, boolean exclusive, String provider) throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        return start(cwd, List.of(java.toString(), "-cp", childClassPath(), "-Dktstr.lock=" + provider,
                LockHolderMain.class.getName(), file.toString(), exclusive ? "x" : "s"));
    }

    /**
     * Everything this test JVM sees, as one class path: the module path (surefire runs modular
     * tests with the main classes and the jars there), the class path, and the test classes.
     */
    static String childClassPath() throws URISyntaxException {
        Set<String> entries = new LinkedHashSet<>();
        for (String prop : new String[] {"jdk.module.path", "java.class.path"}) {
            String v = System.getProperty(prop);
            if (v != null && !v.isEmpty()) {
                for (String e : v.split(File.pathSeparator)) {
                    if (!e.isEmpty()) {
                        entries.add(e);
                    }
                }
            }
        }
        entries.add(Paths.get(LockHolderMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString());
        return String.join(File.pathSeparator, entries);
    }

    private static Peer start(Path cwd, List<String> command) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(command)).directory(cwd.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String ready;
        try {
            ready = line.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            p.destroyForcibly();
            throw new AssertionError("peer " + command + " did not report its lock within 30 s", e);
        }
        if (ready == null || !ready.startsWith("locked")) {
            p.destroyForcibly();
            fail("peer " + command + " did not take the lock: printed " + ready + ", exit "
                    + (p.waitFor(5, TimeUnit.SECONDS) ? p.exitValue() : "none"));
        }
        return new Peer(p, ready);
    }

    long pid() {
        return process.pid();
    }

    String readyLine() {
        return readyLine;
    }

    /** Closes the peer's stdin so it releases the lock and exits; returns its exit code. */
    int release() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("peer did not exit after its stdin closed");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code flock -n -E 99 <-x|-s> <file> true}: 0 when flock(1) could take the lock at once,
     * 99 when it is held incompatibly.
     */
    static int flockNow(Path file, boolean exclusive) throws Exception {
        Process p = new ProcessBuilder("flock", "-n", "-E", "99", exclusive ? "-x" : "-s", file.toString(), "true")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("flock -n did not return");
        }
        return p.exitValue();
    }
}
