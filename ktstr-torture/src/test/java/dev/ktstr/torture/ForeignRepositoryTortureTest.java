package dev.ktstr.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.Providers;
import dev.ktstr.api.write.OneShotWarning;
import dev.ktstr.api.write.SidecarWriter;
import dev.ktstr.api.write.WriteResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 1 on the real write path: a sidecar write ({@code fill}) whose project directory
 * sits in a repository owned by another user and whose {@code KTSTR_KERNEL} names another such
 * repository. Both repositories define a clean filter (and a process filter, fsmonitor and
 * hooks) that would touch a marker; the write must run none of them and record neither commit,
 * as git itself refuses both repositories ("dubious ownership"). Needs root (chown to nobody).
 */
class ForeignRepositoryTortureTest {

    @TempDir
    Path tmp;

    private static String git(Path dir, boolean mustSucceed, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        if (mustSucceed && p.exitValue() != 0) {
            throw new AssertionError("git " + args[0] + " failed: " + out);
        }
        return mustSucceed ? out : (p.exitValue() == 0 ? "" : out);
    }

    private static Path armed(Path dir, Path marker) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("sub"));
        git(dir, true, "init", "-q");
        Files.writeString(dir.resolve(".gitattributes"), "* filter=x\n");
        Files.writeString(dir.resolve("sub/file.txt"), "content\n");
        git(dir, true, "add", "-A");
        git(dir, true, "commit", "-q", "-m", "init");
        String cmd = "touch '" + marker + "'; cat";
        for (String key : List.of("filter.x.clean", "filter.x.smudge", "filter.x.process", "core.fsmonitor")) {
            git(dir, true, "config", key, cmd);
        }
        Path hook = dir.resolve(".git/hooks/post-index-change");
        Files.writeString(hook, "#!/bin/sh\ntouch '" + marker + "'\n");
        assertTrue(hook.toFile().setExecutable(true));
        // Same size, other bytes, old mtime: a dirty check has to read (and would filter) the file.
        Files.writeString(dir.resolve("sub/file.txt"), "CONTENT\n");
        Files.setLastModifiedTime(dir.resolve("sub/file.txt"), FileTime.from(Instant.now().minusSeconds(3600)));
        Process chown = new ProcessBuilder("chown", "-R", "65534:65534", dir.toString()).inheritIO().start();
        assertEquals(0, chown.waitFor());
        String refusal = git(dir.resolve("sub"), false, "status", "--porcelain");
        assertTrue(refusal.contains("dubious ownership"), "git must refuse the repository here: " + refusal);
        assertFalse(Files.exists(marker), "setting up ran the marker command");
        return dir;
    }

    @Test
    void fillingASidecarRunsNothingFromForeignRepositories() throws Exception {
        assertEquals("jgit", Providers.probe().name());
        Path projectMarker = tmp.resolve("ran-in-project");
        Path kernelMarker = tmp.resolve("ran-in-kernel");
        Path project = armed(tmp.resolve("project"), projectMarker);
        Path kernel = armed(tmp.resolve("linux"), kernelMarker);
        Path out = Files.createDirectories(tmp.resolve("out"));

        List<String> unknown = new ArrayList<>();
        SidecarWriter writer = SidecarWriter.builder()
                .env(Env.of(Map.of("KTSTR_SIDECAR_DIR", out.toString(), "KTSTR_KERNEL", kernel.toString())))
                .projectDir(project.resolve("sub"))
                .kernelVersion(() -> Optional.of(Torture.KERNEL))
                .unknownCommitWarning(new OneShotWarning(unknown::add))
                .meterRegistry(new SimpleMeterRegistry()).build();

        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WriteResult r;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            r = writer.write(TortureWriter.record("foreign_repos", 1));
        } finally {
            System.setErr(saved);
        }
        String stderr = err.toString(StandardCharsets.UTF_8);

        assertFalse(Files.exists(projectMarker), "the project repository's configuration ran a command");
        assertFalse(Files.exists(kernelMarker), "the kernel repository's configuration ran a command");
        assertEquals(Optional.empty(), r.written().projectCommit(), "an untrusted repository is no repository");
        assertEquals(Optional.empty(), r.written().kernelCommit(), "an untrusted kernel tree has no commit");
        String json = Files.readString(Path.of(r.location()), StandardCharsets.UTF_8);
        assertFalse(json.matches("(?s).*\"project_commit\": \"[0-9a-f]{7}.*"), json);
        assertFalse(json.matches("(?s).*\"kernel_commit\": \"[0-9a-f]{7}.*"), json);
        for (Path repo : List.of(project, kernel)) {
            String real = repo.toRealPath().toString();
            assertTrue(stderr.contains("detected dubious ownership in repository at '" + real + "'"), stderr);
            assertTrue(stderr.contains("git config --global --add safe.directory " + real), stderr);
        }
    }
}
