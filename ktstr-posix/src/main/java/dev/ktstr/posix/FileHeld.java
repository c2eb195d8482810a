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

    /** {@code held}, reporting {@code run} as its run (the spelling the caller asked for). */
    static FileHeld onRun(RunLock.Held held, dev.ktstr.api.spi.RunRef run) {
        FileHeld file = (FileHeld) held;
        return new FileHeld() {
            @Override
            public Path lockFile() {
                return file.lockFile();
            }

            @Override
            public dev.ktstr.api.spi.RunRef run() {
                return run;
            }

            @Override
            public String provider() {
                return file.provider();
            }

            @Override
            public void close() throws java.io.IOException {
                file.close();
            }

            @Override
            public String toString() {
                return file.toString();
            }
        };
    }
}
