package dev.ktstr.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.spi.RunLock.Held;
import dev.ktstr.api.spi.RunLock.Mode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statfs deny-list: the magic numbers from the kernel's headers, and a real statfs call. */
class RemoteFsTest {

    @Test
    void deniesRemoteAndFuseMagics() {
        assertEquals(Optional.of("NFS is not supported for ktstr lockfiles (NFSv3 is advisory-only without an NLM"
                + " peer; NFSv4 byte-range locking does not cover flock(2))."), RemoteFs.classify(0x6969L));
        String smb = "CIFS/SMB is not supported for ktstr lockfiles (SMB does not emit /proc/locks entries; ktstr"
                + " cannot enumerate peer holders).";
        assertEquals(Optional.of(smb), RemoteFs.classify(0xFF534D42L));
        assertEquals(Optional.of(smb), RemoteFs.classify(0xFE534D42L));
        assertEquals(Optional.of("CephFS is not supported for ktstr lockfiles (Ceph MDS does not participate in flock"
                + " serialization between ktstr peers on distinct nodes)."), RemoteFs.classify(0x00C36400L));
        assertEquals(Optional.of("AFS is not supported for ktstr lockfiles (AFS does not support flock(2))."),
                RemoteFs.classify(0x6B414653L));
        assertEquals(Optional.of("FUSE is not supported for ktstr lockfiles (flock reliability depends on the"
                + " userspace server's op implementation)."), RemoteFs.classify(0x65735546L));
    }

    @Test
    void admitsLocalAndUnknownMagics() {
        long[] local = {
            0xEF53L, // ext2/3/4
            0x01021994L, // tmpfs
            0x58465342L, // xfs
            0x9123683EL, // btrfs
            0xF2F52010L, // f2fs
            0xCA451A4EL, // bcachefs
            0x794C7630L, // overlayfs
            0x2FC12FC1L, // zfs
            0x5346414FL, // legacy OpenAFS: upstream lists only the kAFS magic
            0L, -1L,
        };
        for (long magic : local) {
            assertEquals(Optional.empty(), RemoteFs.classify(magic), Long.toHexString(magic));
        }
    }

    @Test
    void refusalTextNamesThePathAndTheWayOut() {
        assertEquals("/mnt/nfs/.locks/k.lock: filesystem NFS is not supported for ktstr lockfiles (NFSv3 is"
                + " advisory-only without an NLM peer; NFSv4 byte-range locking does not cover flock(2)). Move the"
                + " lockfile path to a local filesystem (tmpfs, ext4, xfs, btrfs, f2fs, bcachefs).",
                RemoteFs.refusal(Path.of("/mnt/nfs/.locks/k.lock"), RemoteFs.classify(0x6969L).orElseThrow()));
    }

    @Test
    void realStatfsMatchesStatDashFAndLetsTheLockThrough(@TempDir Path dir) throws Exception {
        for (Path target : new Path[] {dir, Path.of("/dev/shm"), Path.of("/proc")}) {
            OptionalLong type = NativePosix.get().fsType(target.toString());
            assertTrue(type.isPresent(), "statfs failed on " + target);
            assertEquals(statDashF(target), type.getAsLong(), "f_type of " + target);
            assertEquals(Optional.empty(), RemoteFs.classify(type.getAsLong()));
        }
        FlockRunLock.rejectRemoteFs(NativePosix.get(), dir.resolve("missing/.locks/k.lock"));
        try (Held h = new FlockRunLock().acquire(dir.resolve(".locks/k.lock"), Mode.EXCLUSIVE, Duration.ofSeconds(1))) {
            assertEquals(99, Peer.flockNow(FileHeld.of(h), true));
        }
    }

    @Test
    void failedStatfsLetsTheLockThrough() {
        assertTrue(NativePosix.get().fsType("/nonexistent/ktstr/" + System.nanoTime()).isEmpty());
    }

    @Test
    void statfsTargetIsTheFileOrElseItsParent(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("a.lock");
        assertEquals(dir, RemoteFs.statfsTarget(missing));
        java.nio.file.Files.createFile(missing);
        assertEquals(missing, RemoteFs.statfsTarget(missing));
    }

    /** {@code stat -f -c %t}: coreutils' independent statfs, f_type in hex. */
    private static long statDashF(Path target) throws Exception {
        Process p = new ProcessBuilder("stat", "-f", "-c", "%t", target.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "stat -f " + target);
        return Long.parseUnsignedLong(out, 16);
    }
}
