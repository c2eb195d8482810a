package dev.ktstr.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.store.CacheableParser;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.StoredSidecar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool index over real files: exactness (identity, racy-clean), robustness, bounds. */
class PoolIndexTest {

    /** The brace parser, cacheable, counting its parses. */
    static final class Counting implements CacheableParser<String> {
        final AtomicInteger parses = new AtomicInteger();

        @Override
        public String parse(String location, byte[] bytes) throws Exception {
            parses.incrementAndGet();
            return FsStoreWalkTest.BRACE.parse(location, bytes);
        }

        @Override
        public String cacheKey() {
            return "brace/1";
        }

        @Override
        public byte[] encode(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    @TempDir
    Path tmp;
    Path cacheDir;
    Path root;

    @BeforeEach
    void setUp() throws IOException {
        cacheDir = tmp.resolve("cache");
        root = tmp.resolve("runs");
        System.setProperty(PoolCache.DIR_PROPERTY, cacheDir.toString());
        System.setProperty(PoolCache.RACY_PROPERTY, "5");
        put("6.14-a/t1-1.ktstr.json", "{\"a\": 1}");
        put("6.14-a/t2-1.ktstr.json", "{\"a\": 2}");
        put("6.14-a/bad-1.ktstr.json", "not json");
        put("6.14-a/sub/t3-1.ktstr.json", "{\"a\": 3}");
        put("6.13-b/t1-1.ktstr.json", "{\"b\": 1}");
        settle();
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(PoolCache.DIR_PROPERTY);
        System.clearProperty(PoolCache.RACY_PROPERTY);
        System.clearProperty(PoolCache.MAX_BYTES_PROPERTY);
    }

    private void put(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    /** Lets the files written so far leave the (5 ms) racy window. */
    private static void settle() {
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Everything a walk reports, as text: values, parse errors, IO errors, problems, in order. */
    static String render(PoolCollection<String> p) {
        StringBuilder b = new StringBuilder();
        for (RunCollection<String> r : p.runs()) {
            b.append("run ").append(r.location()).append(" walked ").append(r.walked()).append('\n');
            for (StoredSidecar<String> s : r.sidecars()) {
                b.append("  ok ").append(s.location()).append(' ').append(s.sidecar()).append('\n');
            }
            r.parseErrors().forEach(e -> b.append("  parse ").append(e.diagnostic()).append('\n'));
            r.ioErrors().forEach(e -> b.append("  io ").append(e.diagnostic()).append('\n'));
            r.problems().forEach(e -> b.append("  problem ").append(e).append('\n'));
        }
        p.problems().forEach(e -> b.append("problem ").append(e).append('\n'));
        return b.toString();
    }

    private String uncached() {
        try (FsSidecarStore s = new FsSidecarStore()) {
            return render(s.pool(root.toString(), FsStoreWalkTest.BRACE));
        }
    }

    private int[] walk(Counting parser, String expected) {
        try (FsSidecarStore s = new FsSidecarStore()) {
            assertEquals(expected, render(s.pool(root.toString(), parser)));
            return s.cacheCounts();
        }
    }

    @Test
    void anUnchangedPoolIsNotParsedAgainAndReadsTheSame() throws IOException {
        String expected = uncached();
        Counting p = new Counting();
        walk(p, expected);
        assertEquals(5, p.parses.get());
        int[] counts = walk(p, expected);
        assertEquals(5, p.parses.get(), "second walk parses nothing");
        assertArrayEquals(new int[] {5, 0}, counts);
        assertTrue(Files.exists(cacheDir), "the index lives in the cache directory");
        try (var files = Files.list(root.resolve("6.14-a"))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("pool-")), "never in a run directory");
        }
    }

    @Test
    void aSameSizeEditThatKeepsTheMtimeIsSeen() throws IOException {
        Counting p = new Counting();
        walk(p, uncached());
        Path f = root.resolve("6.14-a/t1-1.ktstr.json");
        FileTime mtime = Files.getLastModifiedTime(f);
        Files.writeString(f, "{\"a\": 9}");
        Files.setLastModifiedTime(f, mtime);
        settle();
        String expected = uncached();
        assertTrue(expected.contains("{\"a\": 9}"));
        walk(p, expected);
        assertEquals(6, p.parses.get(), "only the edited file is parsed again");
    }

    @Test
    void aFileChangedWithinTheRacyWindowIsParsedAgain() throws IOException {
        System.setProperty(PoolCache.RACY_PROPERTY, "60000");
        put("6.14-a/t1-1.ktstr.json", "{\"a\": 7}");
        Counting p = new Counting();
        String expected = uncached();
        walk(p, expected);
        walk(p, expected);
        // Every file of this test was written within the last minute: none is trusted.
        assertEquals(10, p.parses.get());
    }

    @Test
    void errorsGiveTheSameDiagnosticsAndUnreadableFilesAreNeverCached() throws IOException {
        Counting p = new Counting();
        walk(p, uncached());
        Path f = root.resolve("6.14-a/t2-1.ktstr.json");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        try {
            settle();
            String expected = uncached();
            boolean root0 = Files.isReadable(f); // root reads anything
            assertTrue(root0 || expected.contains("io ktstr_test: cannot read"), expected);
            walk(p, expected);
            walk(p, expected);
        } finally {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        }
        settle();
        walk(p, uncached());
    }

    @Test
    void deleteRenameAndAddAreSeen() throws IOException {
        Counting p = new Counting();
        walk(p, uncached());
        Files.delete(root.resolve("6.14-a/t1-1.ktstr.json"));
        Files.move(root.resolve("6.14-a/t2-1.ktstr.json"), root.resolve("6.13-b/t2-1.ktstr.json"));
        put("6.12-c/new-1.ktstr.json", "{\"c\": 1}");
        settle();
        int[] counts = walk(p, uncached());
        assertEquals(7, p.parses.get(), "the moved file has a new path; the new one is new");
        assertEquals(3, counts[0], java.util.Arrays.toString(counts));
    }

    private Path indexFile() throws IOException {
        try (var s = Files.list(cacheDir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".idx")).findFirst().orElseThrow();
        }
    }

    @Test
    void aCorruptTruncatedOrForeignIndexIsIgnoredAndRebuilt() throws IOException {
        String expected = uncached();
        Counting p = new Counting();
        walk(p, expected);
        Path idx = indexFile();
        byte[] good = Files.readAllBytes(idx);
        List<byte[]> bad = new ArrayList<>();
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x40;
        bad.add(flipped);
        bad.add(java.util.Arrays.copyOf(good, good.length / 3));
        byte[] version = good.clone();
        version[PoolIndex.MAGIC.length + 3] = 99; // and a matching checksum would still be refused
        bad.add(version);
        bad.add(new byte[0]);
        bad.add("garbage".getBytes(StandardCharsets.US_ASCII));
        for (byte[] b : bad) {
            Files.write(idx, b);
            int before = p.parses.get();
            walk(p, expected);
            assertEquals(before + 5, p.parses.get(), "a bad index is never trusted");
            assertNotNull(PoolIndex.parse(Files.readAllBytes(idx), "brace/1", root.toRealPath().toString()),
                    "and is rebuilt");
        }
        assertNull(PoolIndex.parse(version, null, null));
    }

    @Test
    void twoProcessesSavingAtOnceLeaveAValidIndex() throws Exception {
        String expected = uncached();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 6; i++) {
            Thread t = new Thread(() -> {
                try {
                    for (int j = 0; j < 10; j++) {
                        Files.deleteIfExists(indexFileOrDummy());
                        walk(new Counting(), expected);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertNotNull(PoolIndex.parse(Files.readAllBytes(indexFile()), "brace/1", root.toRealPath().toString()));
        try (var s = Files.list(cacheDir)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().contains(".tmp.")), "no temporary left");
        }
    }

    /** The index file when there is one, else a file made to be deleted. */
    private Path indexFileOrDummy() throws IOException {
        Files.createDirectories(cacheDir);
        try (var s = Files.list(cacheDir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".idx")).findFirst()
                    .orElseGet(() -> {
                        try {
                            return Files.createTempFile(cacheDir, "dummy", "");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        } catch (java.nio.file.NoSuchFileException e) {
            return Files.createTempFile(cacheDir, "dummy", "");
        }
    }

    @Test
    void runsNotSeenForLongAreEvictedAndTheDirectoryIsBounded() throws IOException {
        Counting p = new Counting();
        walk(p, uncached());
        Path idx = indexFile();
        String real = root.toRealPath().toString();
        PoolIndex i = PoolIndex.parse(Files.readAllBytes(idx), "brace/1", real);
        // 6.13-b moved away a month ago: its entries stay only while it was seen recently.
        Map<String, Long> seen = new HashMap<>(i.runsSeen);
        seen.put("6.13-b", System.currentTimeMillis() - PoolCache.EVICT_AFTER_MS - 1000);
        i.save(idx, seen, e -> true, Map.of(), System.currentTimeMillis());
        Files.move(root.resolve("6.13-b"), tmp.resolve("elsewhere"));
        walk(p, uncached());
        PoolIndex after = PoolIndex.parse(Files.readAllBytes(idx), "brace/1", real);
        assertTrue(after.keys().stream().noneMatch(k -> k.startsWith("6.13-b/")), after.keys().toString());
        assertTrue(after.keys().stream().anyMatch(k -> k.startsWith("6.14-a/")));

        // A recently seen run that is away keeps its entries.
        Files.move(root.resolve("6.14-a"), tmp.resolve("away"));
        walk(p, uncached());
        assertTrue(PoolIndex.parse(Files.readAllBytes(idx), "brace/1", real).keys().stream()
                .anyMatch(k -> k.startsWith("6.14-a/")));

        // The directory bound: older index files go first, the one just written stays.
        Path old = cacheDir.resolve("pool-00000000000000000000000000000000.idx");
        Files.write(old, new byte[4096]);
        Files.setLastModifiedTime(old, FileTime.fromMillis(0));
        System.setProperty(PoolCache.MAX_BYTES_PROPERTY, String.valueOf(Files.size(idx) + 100));
        put("6.12-c/n-1.ktstr.json", "{}");
        walk(p, uncached());
        assertTrue(Files.notExists(old));
        assertTrue(Files.exists(idx));
    }

    @Test
    void cacheOffReadsWithoutTheIndex() {
        System.setProperty("ktstr.cache", "off");
        try {
            Counting p = new Counting();
            String expected = uncached();
            walk(p, expected);
            walk(p, expected);
            assertEquals(10, p.parses.get());
            assertTrue(Files.notExists(cacheDir));
        } finally {
            System.clearProperty("ktstr.cache");
        }
    }

    @Test
    void infoAndClear() throws IOException {
        walk(new Counting(), uncached());
        FsSidecarStore s = new FsSidecarStore();
        var info = s.cache().orElseThrow().info();
        assertEquals(1, info.files());
        assertEquals(5, info.entries());
        assertEquals(cacheDir.toString(), info.location());
        assertEquals(1, s.cache().orElseThrow().clear());
        assertEquals(0, s.cache().orElseThrow().info().files());
    }
}
