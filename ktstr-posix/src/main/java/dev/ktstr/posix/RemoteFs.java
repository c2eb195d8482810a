package dev.ktstr.posix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The remote-filesystem deny-list run before every lock-file open: {@code flock(2)} on these
 * filesystems either does not exclude peers on other hosts or leaves no {@code /proc/locks}
 * entry to name holders. A deny-list on purpose: unknown filesystems (zfs, overlay, ...) pass.
 */
final class RemoteFs {
    static final long NFS = 0x6969L;
    static final long CIFS = 0xFF534D42L;
    static final long SMB2 = 0xFE534D42L;
    static final long CEPH = 0x00C36400L;
    /** In-kernel kAFS, not the legacy OpenAFS {@code 0x5346414F}. */
    static final long AFS = 0x6B414653L;
    static final long FUSE = 0x65735546L;

    private RemoteFs() {
    }

    /**
     * Why a filesystem with this {@code statfs} {@code f_type} cannot host lock files, as
     * {@code <Name> is not supported for ktstr lockfiles (<reason>).}, or empty when it can.
     */
    static Optional<String> classify(long magic) {
        String name;
        String reason;
        if (magic == NFS) {
            name = "NFS";
            reason = "NFSv3 is advisory-only without an NLM peer; NFSv4 byte-range locking does not cover flock(2)";
        } else if (magic == CIFS || magic == SMB2) {
            name = "CIFS/SMB";
            reason = "SMB does not emit /proc/locks entries; ktstr cannot enumerate peer holders";
        } else if (magic == CEPH) {
            name = "CephFS";
            reason = "Ceph MDS does not participate in flock serialization between ktstr peers on distinct nodes";
        } else if (magic == AFS) {
            name = "AFS";
            reason = "AFS does not support flock(2)";
        } else if (magic == FUSE) {
            name = "FUSE";
            reason = "flock reliability depends on the userspace server's op implementation";
        } else {
            return Optional.empty();
        }
        return Optional.of(name + " is not supported for ktstr lockfiles (" + reason + ").");
    }

    /** The full refusal text for a lock path on a denied filesystem. */
    static String refusal(Path lockFile, String classification) {
        return lockFile + ": filesystem " + classification
                + " Move the lockfile path to a local filesystem (tmpfs, ext4, xfs, btrfs, f2fs, bcachefs).";
    }

    /** What {@code statfs} is asked about: the lock file if it exists, else its parent, else {@code /}. */
    static Path statfsTarget(Path lockFile) {
        if (Files.exists(lockFile)) {
            return lockFile;
        }
        Path parent = lockFile.toAbsolutePath().getParent();
        return parent == null ? lockFile.toAbsolutePath().getRoot() : parent;
    }
}
