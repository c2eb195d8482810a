package dev.ktstr.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 7: the embedding application of {@code src/it/bom-consumer} (BOM import, its own
 * module requiring {@code dev.ktstr.api} only, every provider a runtime dependency), as invoker
 * built it, run on the module path with no {@code --add-modules}:
 * <pre>java --module-path bom-consumer-1.0.jar:lib --module com.example.embedder/com.example.embedder.Embedder</pre>
 * once over the filesystem store and once over PostgreSQL. Each run writes three sidecars on the
 * default path (the chosen run lock, the git probe on a real repository) and reads them back.
 *
 * <p>The PostgreSQL run uses {@code KTSTR_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}) to create a fresh database;
 * without a usable server it is skipped with the reason, except under {@code CI=true}, where
 * that fails (the rule of ktstr-cli's PgStoreIT).
 */
class EmbedderModulePathIT {
    static final String ADMIN_URL = System.getenv().getOrDefault("KTSTR_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    static final Path CONSUMER = Path.of(System.getProperty("ktstr.consumer.dir", "target/it/bom-consumer"))
            .toAbsolutePath();
    static final String KERNEL = "6.99.0";
    static final List<String> TESTS = List.of("embed_alpha", "embed_beta", "embed_gamma");

    @TempDir
    Path tmp;

    private Path project;
    private String commit;
    private String db;

    record Result(int exit, String out, String err) {
        /** The value of the first {@code key: value} line. */
        String value(String key) {
            return out.lines().filter(l -> l.startsWith(key + ": ")).map(l -> l.substring(key.length() + 2))
                    .findFirst().orElseThrow(() -> new AssertionError("no '" + key + ":' line in\n" + out));
        }

        List<String> values(String key) {
            return out.lines().filter(l -> l.startsWith(key + ": ")).map(l -> l.substring(key.length() + 2))
                    .collect(Collectors.toList());
        }

        String describe() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** The working directory of the application: a git repository with one commit, so the probe finds it. */
    @BeforeEach
    void project() throws Exception {
        project = Files.createDirectories(tmp.resolve("project"));
        exec(project, "git", "init", "-q");
        exec(project, "git", "-c", "user.name=embedder", "-c", "user.email=embedder@example.com",
                "commit", "-q", "--allow-empty", "-m", "embedder project");
        commit = exec(project, "git", "rev-parse", "--short=7", "HEAD");
        assertTrue(commit.matches("[0-9a-f]{7}"), commit);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (db != null) {
            psql(adminDatabase(), "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    @Test
    void writesAndReadsThroughTheFilesystemStoreAndFlock() throws Exception {
        Path target = tmp.resolve("cargo-target");
        Result r = embedder(Map.of("CARGO_TARGET_DIR", target.toString()));
        assertEquals(0, r.exit(), r.describe());
        assertCleanStderr(r);

        assertEquals("fs", providerOf(r, "store"), r.describe());
        assertEquals("dev.ktstr.fs", moduleOf(r, "store"), r.describe());
        assertEquals("flock", providerOf(r, "lock"), r.describe());
        assertEquals("dev.ktstr.posix", moduleOf(r, "lock"), r.describe());
        assertEquals("jgit", providerOf(r, "probe"), r.describe());
        assertEquals("dev.ktstr.git", moduleOf(r, "probe"), r.describe());
        assertEquals("linux", providerOf(r, "host"), r.describe());
        assertEquals("dev.ktstr.host", moduleOf(r, "host"), r.describe());

        String run = KERNEL + "-" + commit;
        Path root = target.resolve("ktstr");
        Path runDir = root.resolve(run);
        assertEquals(root.toString(), r.value("root"), r.describe());
        assertEquals(runDir.toString(), r.value("run"), r.describe());
        // The pool walks every directory of the root as upstream does, .locks included (an empty run).
        assertCounts(r, run, "2 run(s), 3 sidecar(s), 0 problem(s)");

        // On disk: exactly the three sidecars the application says it wrote, no staging orphan,
        // and the flock lock file {root}/.locks/{run}.lock, kept after the run as upstream does.
        List<String> files;
        try (Stream<Path> s = Files.list(runDir)) {
            files = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        assertEquals(3, files.size(), files.toString());
        for (int i = 0; i < 3; i++) {
            assertTrue(files.get(i).matches(TESTS.get(i) + "-[0-9a-f]{16}\\.ktstr\\.json"), files.toString());
        }
        assertEquals(files.stream().map(f -> runDir.resolve(f).toString()).collect(Collectors.toList()),
                r.values("wrote").stream().sorted().collect(Collectors.toList()));
        for (String f : files) {
            String json = Files.readString(runDir.resolve(f));
            assertTrue(json.contains("\"project_commit\": \"" + commit + "\""), json);
            assertTrue(json.contains("\"kernel_version\": \"" + KERNEL + "\""), json);
        }
        Path lockFile = root.resolve(".locks").resolve(run + ".lock");
        assertTrue(Files.isRegularFile(lockFile), "no flock lock file at " + lockFile);
        try (Stream<Path> s = Files.list(root)) {
            assertEquals(List.of(".locks", run), s.map(p -> p.getFileName().toString()).sorted()
                    .collect(Collectors.toList()));
        }
    }

    @Test
    void writesAndReadsThroughThePostgresStoreAndItsAdvisoryLock() throws Exception {
        freshDatabase();
        URI u = admin();
        String host = u.getHost();
        int port = u.getPort() < 0 ? 5432 : u.getPort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KTSTR_STORE", "pg");
        env.put("KTSTR_PG_URL", "jdbc:postgresql://" + host + ":" + port + "/" + db + "?user=" + user());
        // Where the filesystem store would write: nothing may appear there.
        Path target = tmp.resolve("cargo-target");
        env.put("CARGO_TARGET_DIR", target.toString());
        Result r = embedder(env);
        assertEquals(0, r.exit(), r.describe());
        assertCleanStderr(r);

        assertEquals("pg", providerOf(r, "store"), r.describe());
        assertEquals("dev.ktstr.pg", moduleOf(r, "store"), r.describe());
        assertEquals("pg", providerOf(r, "lock"), r.describe());
        assertEquals("dev.ktstr.pg", moduleOf(r, "lock"), r.describe());
        assertTrue(r.value("lock").endsWith("(brought by the store 'pg')"), r.describe());
        assertEquals("jgit", providerOf(r, "probe"), r.describe());
        assertEquals("linux", providerOf(r, "host"), r.describe());

        String run = KERNEL + "-" + commit;
        String root = "pg:" + host + ":" + port + "/" + db;
        assertEquals(root, r.value("root"), r.describe());
        assertEquals(root + "/" + run, r.value("run"), r.describe());
        assertCounts(r, run, "1 run(s), 3 sidecar(s), 0 problem(s)");
        assertFalse(Files.exists(target), "the pg run wrote under CARGO_TARGET_DIR");

        // In the database, seen by psql: the run and its three rows with their dimensions.
        assertEquals(run, psql(db, "SELECT string_agg(run, ',') FROM ktstr_run"));
        assertEquals(String.join(",", TESTS), psql(db,
                "SELECT string_agg(test_name, ',' ORDER BY test_name) FROM ktstr_sidecar WHERE run = '" + run + "'"));
        assertEquals("3|" + commit + "|" + KERNEL + "|2", psql(db, "SELECT count(*), min(project_commit),"
                + " min(kernel_version), count(*) FILTER (WHERE passed) FROM ktstr_sidecar"));
        assertEquals(r.values("wrote").stream().sorted().collect(Collectors.toList()),
                List.of(psql(db, "SELECT string_agg('" + root + "/' || run || '/' || file_name, ','"
                        + " ORDER BY file_name) FROM ktstr_sidecar").split(",")));
    }

    /** What every run prints: three written on the probed commit, three read back identical, one run listed. */
    private void assertCounts(Result r, String run, String pool) {
        assertEquals(3, r.values("wrote").size(), r.describe());
        assertEquals(commit, r.value("project_commit"), "the git probe's commit of the working directory");
        assertEquals(KERNEL, r.value("kernel_version"), r.describe());
        assertEquals("present", r.value("host_context"), "the host probe filled the host context: " + r.describe());
        assertEquals("3", r.value("written"), r.describe());
        assertEquals("3", r.value("read"), r.describe());
        assertEquals("3", r.value("identical"), r.describe());
        assertEquals("0", r.value("problems"), r.describe());
        assertEquals(pool, r.value("pool"), r.describe());
        assertEquals(run, r.value("runs"), r.describe());
        assertEquals("yes", r.value("closed"), r.describe());
    }

    private static String providerOf(Result r, String spi) {
        return r.value(spi).split(" ")[0];
    }

    private static String moduleOf(Result r, String spi) {
        return r.value(spi).split(" ")[1];
    }

    /** No degradation warning ("warning: ... using 'nio' instead"), no unknown-commit warning, no stack trace. */
    private static void assertCleanStderr(Result r) {
        for (String line : r.err().lines().collect(Collectors.toList())) {
            assertFalse(line.toLowerCase(Locale.ROOT).contains("warning"), "a warning on stderr: " + r.describe());
            assertFalse(line.startsWith("\tat ") || line.contains("Exception") || line.contains("Error:"),
                    "a stack trace or error on stderr: " + r.describe());
        }
    }

    /** The application as built by invoker, on the module path, nothing added. */
    private Result embedder(Map<String, String> env) throws Exception {
        Path jar = CONSUMER.resolve("target/bom-consumer-1.0.jar");
        Path lib = CONSUMER.resolve("target/lib");
        assertTrue(Files.isRegularFile(jar), "invoker did not build " + jar);
        assertTrue(Files.isDirectory(lib), "invoker did not copy the runtime dependencies to " + lib);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", jar + java.io.File.pathSeparator + lib,
                "--module", "com.example.embedder/com.example.embedder.Embedder"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile())
                .redirectOutput(tmp.resolve("embedder.out").toFile())
                .redirectError(tmp.resolve("embedder.err").toFile());
        // Nothing from the outer build's environment chooses for the application.
        pb.environment().keySet().removeIf(k -> k.startsWith("KTSTR_") || k.equals("CARGO_TARGET_DIR")
                || k.startsWith("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        pb.environment().put("KTSTR_KERNEL", KERNEL);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the embedder did not finish in 180 s: " + Files.readString(tmp.resolve("embedder.err")));
        }
        Result r = new Result(p.exitValue(), Files.readString(tmp.resolve("embedder.out")),
                Files.readString(tmp.resolve("embedder.err")));
        System.out.println(String.join(" ", cmd) + "\n" + r.describe());
        return r;
    }

    private static String exec(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + ": " + out);
        }
        return out;
    }

    // The PostgreSQL helpers: the same rules as ktstr-cli's PgStoreIT.

    private static URI admin() {
        return URI.create(ADMIN_URL.substring("jdbc:".length()));
    }

    private static String adminDatabase() {
        return admin().getPath().substring(1);
    }

    private static String user() {
        String q = admin().getQuery() == null ? "" : admin().getQuery();
        for (String kv : q.split("&")) {
            if (kv.startsWith("user=")) {
                return kv.substring("user=".length());
            }
        }
        return "postgres";
    }

    /** Runs psql against {@code database}; returns its output, or throws with it. */
    private static String psql(String database, String sql) throws IOException, InterruptedException {
        URI u = admin();
        return exec(Path.of("."), "psql", "-h", u.getHost(), "-p", String.valueOf(u.getPort() < 0 ? 5432 : u.getPort()),
                "-U", user(), "-w", "-d", database, "-Atqc", sql);
    }

    private void freshDatabase() throws Exception {
        String name = "ktstr_embed_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            psql(adminDatabase(), "CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (IOException e) {
            String why = "PostgreSQL test server not usable at " + admin().getHost() + ":" + admin().getPort()
                    + " (KTSTR_TEST_PG_URL): " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                fail(why + " — under CI=true the PostgreSQL tests must run (.ci/run starts the server)");
            }
            Assumptions.abort(why);
        }
        db = name;
    }
}
