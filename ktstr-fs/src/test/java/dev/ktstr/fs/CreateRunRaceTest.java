package dev.ktstr.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code createRun} against a real concurrent deleter of the same directory: it never blames
 * "a non-directory in the way" when nothing but a directory was ever there, and it still does
 * when a file really is in the way.
 */
class CreateRunRaceTest {
    private final FsSidecarStore store = new FsSidecarStore();

    @TempDir
    Path tmp;

    @Test
    void aDeletedDirectoryIsNotReportedAsAFileInTheWay() throws Exception {
        Path dir = tmp.resolve("run").resolve("sub");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong deletes = new AtomicLong();
        Thread deleter = new Thread(() -> {
            while (!stop.get()) {
                try {
                    if (Files.deleteIfExists(dir)) {
                        deletes.incrementAndGet();
                    }
                } catch (IOException e) {
                    // not empty or vanished: try again
                }
            }
        });
        deleter.start();
        List<String> failures = new ArrayList<>();
        int created = 0;
        try {
            for (int i = 0; i < 20_000; i++) {
                try {
                    store.createRun(dir.toString());
                    created++;
                } catch (IOException e) {
                    failures.add(e.getMessage());
                }
            }
        } finally {
            stop.set(true);
            deleter.join();
        }
        assertTrue(deletes.get() > 100, "the deleter hardly ran: " + deletes.get());
        assertTrue(created > 10_000, "created " + created + ", failures " + failures.size());
        for (String f : failures) {
            assertTrue(!f.contains("non-directory is in the way"), f);
            assertTrue(f.contains("kept vanishing"), f);
        }
    }

    @Test
    void aFileInTheWayIsStillReported() throws IOException {
        Path file = tmp.resolve("run");
        Files.writeString(file, "not a directory");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> store.createRun(file.toString()));
        assertTrue(e.getMessage().contains("non-directory is in the way"), e.getMessage());
        assertEquals("not a directory", Files.readString(file));
    }
}
