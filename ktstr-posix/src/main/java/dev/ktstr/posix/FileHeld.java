package dev.ktstr.posix;

import dev.ktstr.api.spi.RunLock;
import java.nio.file.Path;

/** A held lock of this module's providers, which are locks on files. */
interface FileHeld extends RunLock.Held {
    /** The lock file. */
    Path lockFile();

    /** The lock file of {@code held}, one of this module's. */
    static Path of(RunLock.Held held) {
        return ((FileHeld) held).lockFile();
    }
}
