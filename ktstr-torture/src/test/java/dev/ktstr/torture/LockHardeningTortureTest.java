package dev.ktstr.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.write.SidecarWriter;
import dev.ktstr.api.write.WriteResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, items 9 and 10: the run lock and the run directory against planted symbolic links,
 * a lock file deleted while a real {@code flock(1)} holder in another process has it, and the
 * one-line cause and remedy of ENOSPC, EROFS, ENAMETOOLONG, a file at {@code .locks} and EACCES
 * on another user's lock file. The filesystem cases mount real tmpfs instances (CI runs as root).
 */
class LockHardeningTortureTest {

    @TempDir
    Path tmp;

    private Path project;
    private String run;

    @BeforeEach
    void project() throws Exception {
        project = tmp.resolve("project");
        run = Torture.KERNEL + "-" + Torture.gitProject(project);
    }

    private SidecarWriter writer(Path cargoTarget) {
        return writer(cargoTarget, Torture.KERNEL, Duration.ofSeconds(60));
    }

    private SidecarWriter writer(Path cargoTarget, String kernel, Duration lockTimeout) {
        return SidecarWriter.builder().env(Env.of(Map.of("CARGO_TARGET_DIR", cargoTarget.toString())))
                .projectDir(project).kernelVersion(() -> Optional.of(kernel)).kernelSourceDir(Optional::empty)
                .lockTimeout(lockTimeout).meterRegistry(new SimpleMeterRegistry()).build();
    }

    private static String failure(SidecarWriter w, String test) {
        IOException e = assertThrows(IOException.class, () -> w.write(TortureWriter.record(test, 1)));
        String m = e.getMessage();
        System.out.println("lock hardening: " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
        return m;
    }

    // ---- item 9 (a): planted symbolic links are refused, never followed -----------------------

    @Test
    void aLinkPlantedAtLocksIsRefusedAndNoLockFileIsCreatedThroughIt() throws Exception {
        Path target = tmp.resolve("target");
        Path root = Files.createDirectories(target.resolve("ktstr"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(root.resolve(".locks"), elsewhere);

        String m = failure(writer(target), "planted_locks");
        assertTrue(m.contains("lock directory " + root.resolve(".locks") + " is a symbolic link (to " + elsewhere
                + ")") && m.contains("remove the link"), m);
        assertEquals(List.of(), Torture.list(elsewhere), "nothing created through the planted .locks link");
    }

    @Test
    void aLinkPlantedAtTheLockFileIsRefusedAndItsTargetIsNeverCreated() throws Exception {
        Path target = tmp.resolve("target");
        Path locks = Files.createDirectories(target.resolve("ktstr").resolve(".locks"));
        Path victim = tmp.resolve("victim-file");
        Files.createSymbolicLink(locks.resolve(run + ".lock"), victim);

        String m = failure(writer(target), "planted_lockfile");
        assertTrue(m.contains(locks.resolve(run + ".lock").toString())
                && m.contains("the lock file is a symbolic link") && m.contains("remove the link"), m);
        assertFalse(Files.exists(victim, LinkOption.NOFOLLOW_LINKS), "the link's target was created: " + victim);
    }

    // ---- item 9 (d): a symbolic link at the run directory --------------------------------------

    @Test
    void aLinkedRunDirectoryIsRefusedAndTheSidecarsItPointsAtSurvive() throws Exception {
        Path target = tmp.resolve("target");
        Path root = Files.createDirectories(target.resolve("ktstr"));
        Path outside = Files.createDirectories(tmp.resolve("someone-elses-results"));
        Path keep = Files.writeString(outside.resolve("precious.ktstr.json"), "{\"keep\":true}");
        Path staging = Files.writeString(outside.resolve("x.ktstr.json.tmp.1.2"), "partial");
        Files.createSymbolicLink(root.resolve(run), outside);

        String m = failure(writer(target), "linked_run");
        assertTrue(m.startsWith("refusing run directory " + root.resolve(run) + ": it is a symbolic link (to "
                + outside + ")") && m.contains("KTSTR_SIDECAR_DIR"), m);
        assertEquals(List.of(staging, keep).stream().sorted().collect(Collectors.toList()), Torture.list(outside),
                "pre-clear or the write reached outside the runs root");
        assertEquals("{\"keep\":true}", Files.readString(keep));
    }

    // ---- item 9 (b): the lock file deleted while held -------------------------------------------

    @Test
    void aLockFileDeletedWhileHeldStillExcludesTheWaitingWriterUntilEveryHolderIsDone() throws Exception {
        Path target = tmp.resolve("target");
        Path locks = Files.createDirectories(target.resolve("ktstr").resolve(".locks"));
        Path lockFile = locks.resolve(run + ".lock");
        // Warm up: the providers (and the native flock binding) load at the first write, which
        // may take longer than the waits below; afterwards the writer reaches the lock at once.
        writer(tmp.resolve("warm-up")).write(TortureWriter.record("warm_up", 1));
        SidecarWriter w = writer(target);
        try (Holder first = Holder.flock(lockFile)) {
            CompletableFuture<WriteResult> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return w.write(TortureWriter.record("deleted_lock", 1));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            // The writer takes the run lock before it opens (creates) the run: let it get to the lock.
            Path runDir = target.resolve("ktstr").resolve(run);
            Thread.sleep(1500);
            assertFalse(waiting.isDone(), "wrote while flock(1) held the lock: " + peek(waiting));
            assertFalse(Files.exists(runDir), "a writer waiting for the run lock has created nothing yet");

            // The lock file is deleted while held: its holder is still at work on the run.
            Files.delete(lockFile);
            Thread.sleep(800);
            assertFalse(waiting.isDone(), "wrote while the holder of the deleted lock file was still running: "
                    + peek(waiting));

            // A new holder creates and locks a new file at the path; the first one then exits.
            try (Holder second = Holder.flock(lockFile)) {
                assertEquals(0, first.release());
                Thread.sleep(800);
                assertFalse(waiting.isDone(), "wrote under a lock on the deleted file while the path's file was"
                        + " held: " + peek(waiting));
                assertEquals(0, second.release());
            }
            WriteResult r = waiting.get(30, TimeUnit.SECONDS);
            assertTrue(Files.isRegularFile(Path.of(r.location())), r.location());
            assertTrue(Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS), "the lock file is back");
        }
    }

    private static String peek(CompletableFuture<?> f) {
        if (!f.isDone()) {
            return "still waiting";
        }
        try {
            return String.valueOf(f.get());
        } catch (InterruptedException | ExecutionException e) {
            return e.toString();
        }
    }

    // ---- item 10: errors a person can act on ----------------------------------------------------

    @Test
    void aRegularFileAtLocksGetsOneLineOfCauseAndRemedy() throws Exception {
        Path target = tmp.resolve("target");
        Path root = Files.createDirectories(target.resolve("ktstr"));
        Files.writeString(root.resolve(".locks"), "not a directory");

        String m = failure(writer(target), "file_at_locks");
        assertTrue(m.contains("lock directory " + root.resolve(".locks") + " is not a directory (a file is in the"
                + " way): remove it"), m);
        assertFalse(m.contains("Exception"), m);
    }

    @Test
    void noSpaceLeftOnDeviceSaysSo() throws Exception {
        Path mnt = mount("nr_inodes=2,size=64k");
        try {
            Files.writeString(mnt.resolve("filler"), ""); // the last free inode
            String m = failure(writer(mnt), "enospc");
            assertTrue(m.contains("no space left on device: free space on that filesystem"), m);
            assertFalse(m.contains("permissions"), m);
        } finally {
            Torture.run(tmp, "umount", mnt.toString());
        }
    }

    @Test
    void aReadOnlyFileSystemSaysSo() throws Exception {
        Path mnt = mount("ro,size=64k");
        try {
            String m = failure(writer(mnt), "erofs");
            assertTrue(m.contains("read-only file system: choose a writable CARGO_TARGET_DIR/KTSTR_SIDECAR_DIR"), m);
            assertFalse(m.contains("permissions"), m);
        } finally {
            Torture.run(tmp, "umount", mnt.toString());
        }
    }

    @Test
    void aNameTooLongSaysWhatToShorten() throws Exception {
        Path target = tmp.resolve("target");
        String m = failure(writer(target, "6.14." + "9".repeat(300), Duration.ofSeconds(60)), "enametoolong");
        assertTrue(m.contains("name too long: shorten the kernel version/test name or the target path"), m);
        assertFalse(m.contains("permissions"), m);
    }

    /**
     * EACCES on a lock file that root left behind: a child JVM running as {@code nobody} writes
     * to a runs root it owns, whose lock file belongs to root (mode 0644).
     */
    @Test
    void anotherUsersLockFileNamesItsOwner() throws Exception {
        Path world = Files.createDirectories(tmp.resolve("world"));
        // A copy of the class path that nobody can read (the originals live under /root).
        List<String> cp = new ArrayList<>();
        int i = 0;
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path src = Path.of(e);
            if (!Files.exists(src)) {
                continue;
            }
            Path dst = world.resolve("cp" + (i++) + (Files.isDirectory(src) ? "" : ".jar"));
            Torture.run(tmp, "cp", "-r", src.toString(), dst.toString());
            cp.add(dst.toString());
        }
        Path target = world.resolve("target");
        Path locks = Files.createDirectories(target.resolve("ktstr").resolve(".locks"));
        Path lockFile = Files.createFile(locks.resolve(run + ".lock"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        Torture.run(tmp, "chmod", "-R", "a+rX", tmp.toString());
        Torture.run(tmp, "chown", "-R", "65534:65534", target.toString(), project.toString());
        Torture.run(tmp, "chown", "0:0", lockFile.toString());
        Path childTmp = Files.createDirectories(tmp.resolve("child-tmp"));
        Torture.run(tmp, "chown", "65534:65534", childTmp.toString());

        // Both lock providers: the flock(2) one (the default) and the portable nio one.
        for (String provider : List.of("flock", "nio")) {
            asNobody(world, childTmp, cp, target, lockFile, provider);
        }
    }

    private void asNobody(Path world, Path childTmp, List<String> cp, Path target, Path lockFile, String provider)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Duser.home=" + world, "-Dktstr.lock=" + provider, "-Djava.io.tmpdir=" + childTmp, "-cp",
                String.join(java.io.File.pathSeparator, cp), TortureWriter.class.getName(), "once", "1",
                target.toString(), project.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertTrue(out.startsWith("providers fs " + provider + " "), out);
        assertTrue(p.exitValue() != 0, "the write as nobody went through: " + out);
        String expected = "open " + lockFile + ": permission denied: the lock file is owned by uid 0 (root), run as"
                + " that user or remove the stale lock file";
        assertTrue(out.contains(expected), out);
        System.out.println("lock hardening: " + expected);
    }

    private Path mount(String options) throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", mnt.toString())
                .redirectErrorStream(true).start();
        String out = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (mount.waitFor() != 0) {
            fail("mount -t tmpfs -o " + options + " failed (this torture test needs root): " + out);
        }
        return mnt;
    }

    /** A real {@code flock -x <file> sh -c 'echo locked; cat'} in another process. */
    private static final class Holder implements AutoCloseable {
        private final Process process;

        private Holder(Process process) {
            this.process = process;
        }

        static Holder flock(Path file) throws Exception {
            Process p = new ProcessBuilder("flock", "-x", file.toString(), "sh", "-c", "echo locked; cat")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return r.readLine();
                } catch (IOException e) {
                    return null;
                }
            });
            String ready = line.get(30, TimeUnit.SECONDS);
            if (!"locked".equals(ready)) {
                p.destroyForcibly();
                fail("flock(1) did not take " + file + ": " + ready);
            }
            return new Holder(p);
        }

        int release() throws Exception {
            process.getOutputStream().close();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "flock(1) did not exit");
            return process.exitValue();
        }

        @Override
        public void close() throws Exception {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

}
