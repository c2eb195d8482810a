package dev.ktstr.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run names that are not one plain visible name, and run directories that lead outside the root. */
class RunNameHardeningTest {
    private final FsSidecarStore store = new FsSidecarStore();

    @TempDir
    Path tmp;

    @Test
    void backslashControlCharactersAndLeadingDotsAreRefused() {
        for (String bad : List.of("6.14\\2-abc", "6.14.2\u0001-abc", "6.14.2-abc\n", "6.14.2\u007f", ".locks",
                ".hidden-abc1234")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.runLocation(tmp.toString(), bad), bad);
            assertTrue(e.getMessage().startsWith("refusing run name '"), e.getMessage());
        }
        assertEquals(tmp.resolve("6.14.2-abc1234").toString(), store.runLocation(tmp.toString(), "6.14.2-abc1234"));
    }

    @Test
    void aRunDirectoryLinkedToADirectoryElsewhereIsRefused() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("runs"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("6.14.2-abc1234"), outside);
        IOException e = assertThrows(IOException.class, () -> store.createRunUnder(root.toString(), "6.14.2-abc1234"));
        assertTrue(e.getMessage().startsWith("refusing run directory " + root.resolve("6.14.2-abc1234")
                + ": it is a symbolic link (to " + outside + ")"), e.getMessage());
        // A plain run is created and returned as its real path.
        assertEquals(root.toRealPath().resolve("6.14.2-def5678").toString(),
                store.createRunUnder(root.toString(), "6.14.2-def5678"));
    }
}
