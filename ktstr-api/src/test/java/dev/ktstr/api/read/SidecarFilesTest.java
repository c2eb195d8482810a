package dev.ktstr.api.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded reader on real FIFOs, devices, sparse files and /proc files. */
class SidecarFilesTest {
    private static final Duration HANG = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path fifo(String name) throws Exception {
        Path p = dir.resolve(name);
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertTrue(mk.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, mk.exitValue());
        return p;
    }

    @Test
    void readsARegularFileWhole() throws Exception {
        Path f = dir.resolve("a.ktstr.json");
        byte[] content = "{\"x\": 1}\n".repeat(20_000).getBytes(StandardCharsets.UTF_8); // several buffers
        Files.write(f, content);
        assertArrayEquals(content, SidecarFiles.readBounded(f));
        assertArrayEquals(content, SidecarFiles.readBounded(f, content.length));
    }

    @Test
    void aFifoIsNeverOpened() throws Exception {
        Path f = fifo("p.ktstr.json");
        FileSystemException e = assertTimeoutPreemptively(HANG,
                () -> assertThrows(FileSystemException.class, () -> SidecarFiles.readBounded(f)));
        assertEquals("not a regular file", e.getReason());
        assertEquals(f.toString(), e.getFile());
    }

    @Test
    void aLinkToDevZeroIsNotRead() throws Exception {
        Path f = Files.createSymbolicLink(dir.resolve("z.ktstr.json"), Path.of("/dev/zero"));
        FileSystemException e = assertTimeoutPreemptively(HANG,
                () -> assertThrows(FileSystemException.class, () -> SidecarFiles.readBounded(f)));
        assertEquals("not a regular file", e.getReason());
    }

    @Test
    void aDirectoryIsRefusedByName() throws Exception {
        FileSystemException e = assertThrows(FileSystemException.class, () -> SidecarFiles.readBounded(dir));
        assertEquals("Is a directory", e.getReason());
    }

    @Test
    void aSparseFileAboveTheLimitIsRefusedBeforeItIsRead() throws Exception {
        Path f = dir.resolve("big.ktstr.json");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(3L << 30); // 3 GiB, sparse: above the default limit and any array
        }
        FileSystemException e = assertThrows(FileSystemException.class, () -> SidecarFiles.readBounded(f));
        assertEquals("larger than " + SidecarFiles.DEFAULT_MAX_BYTES + " bytes (ktstr.maxSidecarBytes)", e.getReason());
        assertTrue(e.getMessage().startsWith(f + ": larger than "), e.getMessage());
        byte[] small = "0123456789".getBytes(StandardCharsets.US_ASCII);
        Path g = Files.write(dir.resolve("g"), small);
        assertEquals("larger than 9 bytes (ktstr.maxSidecarBytes)",
                assertThrows(FileSystemException.class, () -> SidecarFiles.readBounded(g, 9)).getReason());
        assertArrayEquals(small, SidecarFiles.readBounded(g, 10));
    }

    @Test
    void aProcFileThatSaysZeroBytesIsReadToItsEndButNotPastTheLimit() throws Exception {
        Path maps = Path.of("/proc/self/maps");
        assertEquals(0, Files.size(maps));
        assertTrue(SidecarFiles.readBounded(maps).length > 100);
        FileSystemException e = assertThrows(FileSystemException.class, () -> SidecarFiles.readBounded(maps, 100));
        assertEquals("larger than 100 bytes (ktstr.maxSidecarBytes)", e.getReason());
    }

    @Test
    void theLimitComesFromTheSystemProperty() {
        String old = System.getProperty(SidecarFiles.MAX_BYTES_PROPERTY);
        try {
            System.clearProperty(SidecarFiles.MAX_BYTES_PROPERTY);
            assertEquals(256L << 20, SidecarFiles.maxBytes());
            System.setProperty(SidecarFiles.MAX_BYTES_PROPERTY, "4096");
            assertEquals(4096, SidecarFiles.maxBytes());
            System.setProperty(SidecarFiles.MAX_BYTES_PROPERTY, "99999999999");
            assertEquals(Integer.MAX_VALUE - 8, SidecarFiles.maxBytes());
            System.setProperty(SidecarFiles.MAX_BYTES_PROPERTY, "lots");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, SidecarFiles::maxBytes);
            assertTrue(e.getMessage().startsWith("ktstr.maxSidecarBytes=lots: "), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(SidecarFiles.MAX_BYTES_PROPERTY);
            } else {
                System.setProperty(SidecarFiles.MAX_BYTES_PROPERTY, old);
            }
        }
    }

    @Test
    void aFifoGivenAsADirectoryIsAnErrorNotAHang() throws Exception {
        Path f = fifo("runs");
        FileSystemException e = assertTimeoutPreemptively(HANG,
                () -> assertThrows(FileSystemException.class, () -> SidecarFiles.newDirectoryStream(f)));
        assertTrue(e.getReason().startsWith("not a directory"), e.getReason());
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThrows(NotDirectoryException.class, () -> SidecarFiles.newDirectoryStream(file));
        try (DirectoryStream<Path> s = SidecarFiles.newDirectoryStream(dir)) {
            assertTrue(s.iterator().hasNext());
        }
    }
}
