package dev.ktstr.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index file read in place: every entry found by its path through the hash table with its
 * fields intact, kept entries written back byte for byte, and a file whose checksum matches but
 * whose structure does not is refused rather than trusted.
 */
class PoolIndexFormatTest {
    @TempDir
    Path tmp;

    private static final String KEY = "format/1";
    private static final String ROOT = "/pool";

    private static Map<String, PoolIndex.Entry> entries(int n, long seed) {
        return entries("t", n, seed);
    }

    private static Map<String, PoolIndex.Entry> entries(String name, int n, long seed) {
        Random rnd = new Random(seed);
        Map<String, PoolIndex.Entry> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String rel = "run-" + (i % 7) + "/" + name + i + (i % 5 == 0 ? "-\u00e9\ud83d\ude00" : "") + ".ktstr.json";
            byte[] payload = new byte[rnd.nextInt(40)];
            rnd.nextBytes(payload);
            m.put(rel, new PoolIndex.Entry(rnd.nextLong(), rnd.nextLong(), rnd.nextInt(1 << 20), rnd.nextLong(),
                    rnd.nextLong(), rnd.nextLong(), (byte) rnd.nextInt(3), payload));
        }
        return m;
    }

    private static Map<String, Long> runs() {
        Map<String, Long> runs = new LinkedHashMap<>();
        for (int r = 0; r < 7; r++) {
            runs.put("run-" + r, 1000L + r);
        }
        return runs;
    }

    private static void assertHolds(PoolIndex index, Map<String, PoolIndex.Entry> expected) {
        assertEquals(expected.size(), index.size());
        for (Map.Entry<String, PoolIndex.Entry> x : expected.entrySet()) {
            int e = index.find(x.getKey().getBytes(StandardCharsets.UTF_8));
            assertTrue(e >= 0, x.getKey());
            PoolIndex.Entry v = x.getValue();
            assertEquals(x.getKey(), index.rel(e));
            assertEquals(x.getKey().substring(0, x.getKey().indexOf('/')), index.run(e));
            assertTrue(index.sameFile(e, v.dev(), v.ino(), v.size(), v.mtimeNs(), v.ctimeNs()));
            assertFalse(index.sameFile(e, v.dev(), v.ino(), v.size(), v.mtimeNs(), v.ctimeNs() + 1));
            assertEquals(v.kind(), index.kind(e));
            assertArrayEquals(v.payload(), index.payload(e));
        }
    }

    @Test
    void everyEntryIsFoundWithItsFieldsAndAbsentPathsAreNot() throws IOException {
        Map<String, PoolIndex.Entry> all = entries(3000, 1);
        Path file = tmp.resolve("a.idx");
        PoolIndex.empty(KEY, ROOT).save(file, runs(), e -> true, all, 5);
        PoolIndex index = PoolIndex.parse(Files.readAllBytes(file), KEY, ROOT);
        assertNotNull(index);
        assertHolds(index, all);
        assertEquals(runs(), index.runsSeen);
        assertEquals(-1, index.find("run-0/absent.ktstr.json".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, index.find(new byte[0]));
        assertNull(PoolIndex.parse(Files.readAllBytes(file), KEY, "/other"), "another root is not this index");
        assertEquals(3000, PoolIndex.countEntries(file, Long.MAX_VALUE));
    }

    @Test
    void keptEntriesAreWrittenBackAsReadAndFreshOnesAfterThem() throws IOException {
        Map<String, PoolIndex.Entry> all = entries(500, 2);
        Path file = tmp.resolve("b.idx");
        PoolIndex.empty(KEY, ROOT).save(file, runs(), e -> true, all, 5);
        PoolIndex first = PoolIndex.parse(Files.readAllBytes(file), KEY, ROOT);
        Map<String, PoolIndex.Entry> fresh = entries("fresh", 3, 3);
        Map<String, PoolIndex.Entry> expected = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(all.keySet());
        for (int e = 0; e < first.size(); e++) {
            if (e % 2 == 0) {
                expected.put(first.rel(e), all.get(first.rel(e)));
            }
        }
        expected.putAll(fresh);
        first.save(file, runs(), e -> e % 2 == 0, fresh, 6);
        PoolIndex second = PoolIndex.parse(Files.readAllBytes(file), KEY, ROOT);
        assertNotNull(second);
        assertHolds(second, expected);
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(second.keys()));
        assertEquals(names.size() / 2, second.size() - fresh.size());
    }

    @Test
    void aMatchingChecksumOverABadStructureIsRefused() throws IOException {
        Path file = tmp.resolve("c.idx");
        PoolIndex.empty(KEY, ROOT).save(file, runs(), e -> true, entries(4, 4), 5);
        byte[] good = Files.readAllBytes(file);
        assertNotNull(PoolIndex.parse(good, KEY, ROOT));
        // The entry count is the int just before the first entry; the first entry's path length follows it.
        PoolIndex index = PoolIndex.parse(good, KEY, ROOT);
        int firstEntry = indexOf(good, index.rel(0).getBytes(StandardCharsets.UTF_8)) - 4;
        for (int[] edit : new int[][] {{firstEntry - 4, 5}, {firstEntry - 4, 3}, {firstEntry, 1 << 30},
            {firstEntry, -1}, {firstEntry - 4, -7}}) {
            byte[] bad = good.clone();
            ByteBuffer.wrap(bad).putInt(edit[0], edit[1]);
            assertNull(PoolIndex.parse(resealed(bad), KEY, ROOT), "edit at " + edit[0] + " to " + edit[1]);
        }
        byte[] kind = good.clone();
        int kindAt = firstEntry + 4 + index.rel(0).getBytes(StandardCharsets.UTF_8).length + 48;
        kind[kindAt] = 9;
        assertNull(PoolIndex.parse(resealed(kind), KEY, ROOT), "an unknown kind");
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        System.arraycopy(good, good.length - 8, longer, good.length - 7, 8);
        assertNull(PoolIndex.parse(resealed(longer), KEY, ROOT), "a byte after the last entry");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    /** The bytes with their trailing CRC32C recomputed, so only the structure can refuse them. */
    private static byte[] resealed(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes).putLong(bytes.length - 8, crc.getValue());
        return bytes;
    }
}
