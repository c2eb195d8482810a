package dev.ktstr.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one wording of I/O errors: raw reason, operator line, cause and remedy. */
class IoErrorTextTest {

    @Test
    void reasonSpellsOutWhatTheJdkLeavesAsAPath() {
        assertEquals("No such file or directory", IoErrorText.reason(new NoSuchFileException("/x")));
        assertEquals("Permission denied", IoErrorText.reason(new AccessDeniedException("/x")));
        assertEquals("Read-only file system", IoErrorText.reason(new FileSystemException("/x", null,
                "Read-only file system")));
        assertEquals("disk on fire", IoErrorText.reason(new IOException("disk on fire")));
        assertEquals("No such file or directory",
                IoErrorText.reason(new UncheckedIOException(new NoSuchFileException("/x"))));
        assertEquals("IllegalStateException: bad", IoErrorText.reason(new IllegalStateException("bad")));
    }

    @Test
    void describeIsThePathAndTheReasonInLowerCase() {
        assertEquals("/x: no such file or directory", IoErrorText.describe(new NoSuchFileException("/x")));
        assertEquals("/a -> /b: file exists", IoErrorText.describe(
                new java.nio.file.FileAlreadyExistsException("/a", "/b", null)));
        assertEquals("plain message", IoErrorText.describe(new IOException("plain message")));
        assertEquals("java.lang.NullPointerException", IoErrorText.describe(new NullPointerException()));
    }

    @Test
    void commonCausesGetACauseAndARemedy() {
        assertEquals(Optional.of("no space left on device: free space on that filesystem"),
                IoErrorText.causeAndRemedy("No space left on device"));
        assertEquals(IoErrorText.causeAndRemedy("Read-only file system"), IoErrorText.causeAndRemedyOfErrno("EROFS"));
        assertEquals(Optional.empty(), IoErrorText.causeAndRemedy("Permission denied"));
        assertEquals(Optional.empty(), IoErrorText.causeAndRemedy(null));
        assertEquals(Optional.empty(), IoErrorText.causeAndRemedyOfErrno("EACCES"));
    }
}
