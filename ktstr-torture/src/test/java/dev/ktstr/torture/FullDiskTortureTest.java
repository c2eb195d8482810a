package dev.ktstr.torture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.write.SidecarWriter;
import dev.ktstr.api.write.WriteResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk fails the write with a clear error and leaves the previous sidecar intact.
 * The real ENOSPC case mounts a 64 KiB tmpfs (needs CAP_SYS_ADMIN; CI runs as root). Where the
 * mount is refused, that test does not skip: it asserts the refusal was a privilege refusal and
 * runs the same scenario with a file-size limit instead ({@code ulimit -f}, EFBIG from the same
 * write call), which {@link #aFileSizeLimitFailsTheWriteAndKeepsThePreviousSidecar} also runs
 * everywhere.
 */
class FullDiskTortureTest {

    @TempDir
    Path tmp;

    @Test
    void aFullTmpfsFailsTheWriteAndKeepsThePreviousSidecar() throws Exception {
        Path project = tmp.resolve("project");
        String commit = Torture.gitProject(project);
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt.toString())
                .redirectErrorStream(true).start();
        String mountOut = new String(mount.getInputStream().readAllBytes());
        if (mount.waitFor() != 0) {
            System.err.println("FULL-DISK TORTURE: tmpfs mount refused (" + mountOut.trim()
                    + "); ran the file-size-limit fallback instead of a real ENOSPC");
            assertTrue(mountOut.contains("permission denied") || mountOut.contains("must be superuser")
                    || mountOut.contains("Operation not permitted") || mountOut.contains("not permitted"),
                    "the mount failed for a reason other than privileges: " + mountOut);
            aFileSizeLimitFailsTheWriteAndKeepsThePreviousSidecar();
            return;
        }
        try {
            SidecarWriter w = TortureWriter.writer(Map.of("CARGO_TARGET_DIR", mnt.toString()), project);
            SidecarResult draft = TortureWriter.record("full", 1);
            WriteResult first = w.write(draft);
            Path file = Path.of(first.location());
            assertTrue(file.startsWith(mnt.resolve("ktstr").resolve(Torture.KERNEL + "-" + commit).toRealPath()));
            byte[] before = Files.readAllBytes(file);

            Path filler = mnt.resolve("filler");
            IOException full = assertThrows(IOException.class, () -> {
                try (OutputStream out = Files.newOutputStream(filler)) {
                    byte[] block = new byte[4096];
                    for (int i = 0; i < 1_000_000; i++) {
                        out.write(block);
                    }
                }
            });
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());

            // Same variant (same file), larger content: scheduler_commit is outside the variant hash.
            SidecarResult bigger = draft.toBuilder().schedulerCommit("x".repeat(16_384)).build();
            IOException e = assertThrows(IOException.class, () -> w.write(bigger));
            String msg = e.getMessage();
            assertTrue(msg.contains("No space left on device"), msg);
            assertTrue(msg.contains(file.getFileName().toString()), "names the sidecar: " + msg);
            assertArrayEquals(before, Files.readAllBytes(file), "the previous sidecar is intact");
            assertEquals(List.of(), Torture.staging(file.getParent()), "no staging file left on the full disk");
            SidecarCodec.read(Files.readAllBytes(file));

            // Room again: the same write goes through.
            Files.delete(filler);
            WriteResult again = w.write(bigger);
            assertEquals(first.location(), again.location());
            assertEquals(bigger.schedulerCommit(), SidecarCodec.read(Files.readAllBytes(file)).schedulerCommit());
            System.out.println("full tmpfs: " + msg);
        } finally {
            Torture.run(tmp, "umount", mnt.toString());
        }
    }

    @Test
    void aFileSizeLimitFailsTheWriteAndKeepsThePreviousSidecar() throws Exception {
        Path project = tmp.resolve("fsize-project");
        Torture.gitProject(project);
        Path dir = tmp.resolve("fsize");
        // ulimit -f counts 1024-byte blocks: the first (small) sidecar fits, the second (64 KiB more) does not.
        Process p = Torture.writer(List.of("bash", "-c", "ulimit -f 32; exec \"$@\"", "bash"), "fsize", dir.toString(),
                project.toString(), "65536").start();
        List<String> lines = Torture.lines(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), "the large write must fail: " + lines);
        assertTrue(lines.get(1).startsWith("wrote "), lines.toString());
        Path file = Path.of(lines.get(1).split(" ")[1]);
        String failure = lines.get(2);
        assertTrue(failure.startsWith("failed ") && failure.contains("File too large"), failure);
        assertTrue(failure.contains(file.getFileName().toString()), "names the sidecar: " + failure);
        SidecarResult kept = SidecarCodec.read(Files.readAllBytes(file));
        assertEquals("fsize", kept.testName());
        assertTrue(kept.schedulerCommit().isEmpty(), "the previous (small) sidecar is intact");
        assertEquals(List.of(), Torture.staging(dir), "no staging file left");
        System.out.println("file-size limit: " + failure);
    }
}
