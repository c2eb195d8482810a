package dev.ktstr.posix;

import dev.ktstr.api.layout.SidecarDirs;
import dev.ktstr.api.spi.RunRef;
import java.nio.file.Path;

/** Where a run's lock lives on disk: {@code {root}/.locks/{name}.lock}, the file the Rust tool flocks. */
final class RunLockFiles {
    private RunLockFiles() {
    }

    static Path of(RunRef run) {
        return Path.of(run.root()).resolve(SidecarDirs.LOCKS_DIR).resolve(run.name() + ".lock");
    }

    /** The run a lock file stands for (the inverse of {@link #of}), for locks taken by path. */
    static RunRef runOf(Path lockFile) {
        Path locks = lockFile.toAbsolutePath().getParent();
        Path root = locks == null || locks.getParent() == null ? Path.of("/") : locks.getParent();
        String file = String.valueOf(lockFile.getFileName());
        String name = file.endsWith(".lock") ? file.substring(0, file.length() - ".lock".length()) : file;
        return new RunRef(root.toString(), name);
    }

    /** upstream's timeout context for the sidecar run directory. */
    static String context(RunRef run) {
        return "run-dir " + Path.of(run.root()).resolve(run.name());
    }
}
