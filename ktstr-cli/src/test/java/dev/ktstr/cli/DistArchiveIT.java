package dev.ktstr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive {@code mvn package} leaves in {@code ktstr-cli/target}: unpacked in a temp
 * directory and run with nothing but a Java runtime on PATH (this JVM's {@code bin}, then
 * {@code /usr/bin:/bin}), an emptied environment and no source tree.
 */
class DistArchiveIT {
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final Path EXAMPLES = Path.of("..", "examples", "runs").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    Path home;
    String version;

    @BeforeEach
    void unpack() throws Exception {
        Path archive;
        try (Stream<Path> s = Files.list(TARGET)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().matches("ktstr-sidecar-.+\\.tar\\.gz"))
                    .collect(Collectors.toList());
            assertEquals(1, found.size(), "one archive in " + TARGET + ": " + found);
            archive = found.get(0);
        }
        String name = archive.getFileName().toString();
        version = name.substring("ktstr-sidecar-".length(), name.length() - ".tar.gz".length());
        assertTrue(Files.exists(TARGET.resolve("ktstr-sidecar-" + version + ".zip")), "the zip is there too");
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", tmp.toString()).inheritIO().start();
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, tar.exitValue());
        home = tmp.resolve("ktstr-sidecar-" + version);
        assertTrue(Files.isExecutable(home.resolve("bin/ktstr-sidecar")));
        assertTrue(Files.isRegularFile(home.resolve("LICENSE")));
        try (Stream<Path> s = Files.list(home.resolve("lib"))) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("ktstr-cli-")), "the CLI jar is in lib/");
        }
    }

    record Result(int exit, String out, String err) {
    }

    private Result run(Path cwd, Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/ktstr-sidecar").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        pb.environment().put("HOME", tmp.toString());
        pb.environment().putAll(extraEnv);
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void versionIsTheStampedOne() throws Exception {
        Result r = run(tmp, Map.of(), "--version");
        assertEquals(0, r.exit(), r.err());
        assertEquals("ktstr-sidecar " + version, r.out().strip());
    }

    @Test
    void statsCompareRunsOnABareJre() throws Exception {
        Result r = run(tmp, Map.of(), "stats", "compare", "--dir", EXAMPLES.toString(), "--a-project-commit", "abc1234",
                "--b-project-commit", "def5678");
        assertEquals(1, r.exit(), r.err()); // the sample runs hold one regression (README, Quick start)
        assertTrue(r.out().contains("worst_spread"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void bothLaunchModesRunFromTheArchive() throws Exception {
        String[] args = {"stats", "compare", "--dir", EXAMPLES.toString(), "--a-project-commit", "abc1234",
            "--b-project-commit", "def5678", "--no-cache"};
        Result classPath = run(tmp, Map.of("KTSTR_LAUNCH", "classpath"), args);
        assertEquals(1, classPath.exit(), classPath.err());
        assertEquals(classPath, run(tmp, Map.of("KTSTR_LAUNCH", "module"), args));
        assertTrue(run(tmp, Map.of(), "providers").out().contains("in unnamed module"), "the default is the class path");
    }

    @Test
    void theModulePathIsTheLaunchersToOwn() throws Exception {
        Result r = run(tmp, Map.of("KTSTR_JAVA_OPTS", "--module-path /nowhere"), "providers");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("KTSTR_MODULE_PATH"), r.err());
    }
}
