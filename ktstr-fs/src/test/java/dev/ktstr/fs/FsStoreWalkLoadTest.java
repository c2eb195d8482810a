package dev.ktstr.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.store.IoError;
import dev.ktstr.api.store.ParseError;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.SidecarParser;
import dev.ktstr.api.store.StoredSidecar;
import dev.ktstr.api.store.WalkProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The load phase: the order of outcomes when many files are read in parallel across many runs,
 * a top-level directory with a sidecar name (walked, not read), and files whose size changed
 * between the stat and the read.
 */
class FsStoreWalkLoadTest {

    private static final String LOOP = "resolves to a directory already walked; not walked again";

    private final FsSidecarStore store = new FsSidecarStore();

    @TempDir
    Path tmp;

    private static void put(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private static void sh(Path dir, String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).inheritIO().start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "failed: " + script);
    }

    private static List<String> locations(List<StoredSidecar<String>> s) {
        return s.stream().map(StoredSidecar::location).collect(Collectors.toList());
    }

    private static List<String> sorted(List<String> xs) {
        List<String> c = new ArrayList<>(xs);
        c.sort(FsNames.UTF8_ORDER);
        return c;
    }

    /** What one run should come back as, built alongside the files. */
    private static final class Expected {
        final String location;
        final List<String> valid = new ArrayList<>();
        final List<String> parse = new ArrayList<>();
        final List<IoError> io = new ArrayList<>();
        final List<WalkProblem> problems = new ArrayList<>();

        Expected(Path run) {
            this.location = run.toString();
        }

        void check(RunCollection<String> c) {
            assertEquals(location, c.location());
            assertEquals(sorted(valid), locations(c.sidecars()), location);
            assertEquals(sorted(parse), c.parseErrors().stream().map(ParseError::location).collect(Collectors.toList()),
                    location);
            List<IoError> ioSorted = new ArrayList<>(io);
            ioSorted.sort((a, b) -> FsNames.UTF8_ORDER.compare(a.location(), b.location()));
            assertEquals(ioSorted, c.ioErrors(), location);
            assertEquals(problems, c.problems(), location);
            assertEquals(valid.size() + parse.size() + io.size(), c.walked(), location);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100})
    void aTopLevelDirectoryWithASidecarNameIsWalkedNotRead(int fillers) throws IOException {
        Path run = tmp.resolve("run");
        Expected e = new Expected(run);
        put(run.resolve("a-1.ktstr.json"), "{}");
        e.valid.add(run + "/a-1.ktstr.json");
        // A directory with a sidecar name at the top: a subdirectory to walk one level down.
        put(run.resolve("d.ktstr.json/b-1.ktstr.json"), "{}");
        e.valid.add(run + "/d.ktstr.json/b-1.ktstr.json");
        put(run.resolve("d.ktstr.json/bad-1.ktstr.json"), "nope");
        e.parse.add(run + "/d.ktstr.json/bad-1.ktstr.json");
        Files.createDirectories(run.resolve("d.ktstr.json/inner.ktstr.json"));
        e.io.add(new IoError(run + "/d.ktstr.json/inner.ktstr.json", "Is a directory"));
        put(run.resolve("d.ktstr.json/inner.ktstr.json/deep-1.ktstr.json"), "{}"); // depth two: never read
        // Symlinks with sidecar names to directories: one back to the run, one to a later sibling.
        Files.createSymbolicLink(run.resolve("self.ktstr.json"), Path.of("."));
        Files.createSymbolicLink(run.resolve("e.ktstr.json"), Path.of("job"));
        put(run.resolve("job/c-1.ktstr.json"), "{}");
        // Subdirectories go in byte order, d < e < job < self: e is walked, job is the alias.
        e.valid.add(run + "/e.ktstr.json/c-1.ktstr.json");
        e.problems.add(new WalkProblem(run + "/job", WalkProblem.Kind.SYMLINK_LOOP, LOOP));
        e.problems.add(new WalkProblem(run + "/self.ktstr.json", WalkProblem.Kind.SYMLINK_LOOP, LOOP));
        Files.createSymbolicLink(run.resolve("gone.ktstr.json"), run.resolve("nowhere"));
        e.io.add(new IoError(run + "/gone.ktstr.json", "No such file or directory"));
        for (int i = 0; i < fillers; i++) {
            Path f = run.resolve(String.format("f%03d-1.ktstr.json", i));
            put(f, "{\"i\": " + i + "}");
            e.valid.add(f.toString());
        }

        e.check(store.collect(run.toString(), FsStoreWalkTest.BRACE));
        PoolCollection<String> p = store.pool(tmp.toString(), FsStoreWalkTest.BRACE);
        assertEquals(1, p.runs().size());
        e.check(p.runs().get(0));
    }

    @Test
    void aPoolOfManyRunsComesBackInByteOrderWithEveryOutcomeInItsBucket() throws Exception {
        Path root = tmp.resolve("runs");
        List<Expected> runs = new ArrayList<>();
        // UTF-8 order of the run names: ASCII, then U+FF21, then U+1F600 (UTF-16 order swaps the last two).
        String[] names = {"6.1-a", "6.1-b", "6.10-c", "6.2-d", "empty", "\uFF21run", "\uD83D\uDE00run"};
        int[] sizes = {120, 1, 37, 300, 0, 64, 90};
        for (int r = 0; r < names.length; r++) {
            Path run = Files.createDirectories(root.resolve(names[r]));
            Expected e = new Expected(run);
            for (int j = 0; j < sizes[r]; j++) {
                String name = String.format("t%03d-%016x.ktstr.json", (j * 37) % sizes[r], j);
                Path f = run.resolve(j % 4 == 0 ? "job/" + name : name);
                Files.createDirectories(f.getParent());
                if (j % 11 == 5) {
                    Files.createSymbolicLink(f, run.resolve("nowhere"));
                    e.io.add(new IoError(f.toString(), "No such file or directory"));
                } else if (j % 7 == 3) {
                    Files.writeString(f, "garbage " + j);
                    e.parse.add(f.toString());
                } else {
                    Files.writeString(f, "{\"r\": " + r + ", \"j\": " + j + "}");
                    e.valid.add(f.toString());
                }
            }
            runs.add(e);
        }
        Expected a = runs.get(0);
        Path runA = root.resolve(names[0]);
        sh(runA, "mkfifo fifo-1.ktstr.json && printf '{}' > \"$(printf 'bad\\377-1.ktstr.json')\"");
        a.io.add(new IoError(runA + "/fifo-1.ktstr.json", "not a regular file"));
        a.problems.add(new WalkProblem(runA + "/bad\uFFFD-1.ktstr.json", WalkProblem.Kind.NON_UTF8_NAME,
                "file name is not valid UTF-8; not read as a sidecar"));
        Files.createSymbolicLink(runA.resolve("self"), Path.of("."));
        a.problems.add(new WalkProblem(runA + "/self", WalkProblem.Kind.SYMLINK_LOOP, LOOP));
        Files.createDirectories(runA.resolve("job/sub.ktstr.json"));
        a.io.add(new IoError(runA + "/job/sub.ktstr.json", "Is a directory"));
        Expected d = runs.get(3);
        Path runD = root.resolve(names[3]);
        put(runD.resolve("top.ktstr.json/u-1.ktstr.json"), "{}");
        d.valid.add(runD + "/top.ktstr.json/u-1.ktstr.json");
        put(runD.resolve("notes.txt"), "not a sidecar");
        put(root.resolve("stray-1.ktstr.json"), "{}"); // directly in the root: not part of any run
        Files.createDirectories(root.resolve(".locks"));
        runs.add(0, new Expected(root.resolve(".locks")));

        PoolCollection<String> p = store.pool(root.toString(), FsStoreWalkTest.BRACE);
        assertEquals(runs.stream().map(x -> x.location).collect(Collectors.toList()),
                p.runs().stream().map(RunCollection::location).collect(Collectors.toList()));
        for (int i = 0; i < runs.size(); i++) {
            runs.get(i).check(p.runs().get(i));
            runs.get(i).check(store.collect(runs.get(i).location, FsStoreWalkTest.BRACE));
        }
        List<String> all = new ArrayList<>();
        runs.forEach(x -> all.addAll(sorted(x.valid)));
        assertEquals(all, locations(p.sidecars()));
        assertEquals(List.of(), p.problems());
    }

    @Test
    void walksRunningAtOnceShareTheThreadsAndEachGetsItsWholeResult() throws Exception {
        Path root = tmp.resolve("runs");
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            for (int j = 0; j < 80; j++) {
                Path f = root.resolve("run" + r).resolve(String.format("t%02d-%016x.ktstr.json", (j * 13) % 80, j));
                put(f, "{\"j\": " + j + "}");
                expected.add(f.toString());
            }
        }
        expected.sort(FsNames.UTF8_ORDER); // run0 < run1 < ...: byte order of the whole path is run order
        List<Thread> threads = new ArrayList<>();
        List<List<String>> seen = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < 6; t++) {
            List<String> mine = new ArrayList<>();
            seen.add(mine);
            threads.add(new Thread(() -> {
                try {
                    for (int round = 0; round < 5; round++) {
                        PoolCollection<String> p = store.pool(root.toString(), FsStoreWalkTest.BRACE);
                        mine.clear();
                        mine.addAll(locations(p.sidecars()));
                        assertEquals(expected.size(), p.walked());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        for (List<String> mine : seen) {
            assertEquals(expected, mine);
        }
    }

    @Test
    void aFileIsReadToItsEndWhateverSizeItsStatReported() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        // Kernel files: /proc reports size 0 for a non-empty file, sysfs 4096 for a few bytes.
        Path proc = Path.of("/proc/version");
        Path sys = Path.of("/sys/devices/system/cpu/online");
        assertEquals(0, Files.size(proc));
        assertTrue(Files.size(sys) > Files.readAllBytes(sys).length, "sysfs reports more than it holds");
        Files.createSymbolicLink(run.resolve("proc-1.ktstr.json"), proc);
        Files.createSymbolicLink(run.resolve("sys-1.ktstr.json"), sys);
        // Larger than any read buffer, and empty.
        byte[] big = new byte[300_001];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        Files.write(run.resolve("big-1.ktstr.json"), big);
        Files.write(run.resolve("empty-1.ktstr.json"), new byte[0]);
        SidecarParser<byte[]> raw = (location, bytes) -> bytes;

        RunCollection<byte[]> c = store.collect(run.toString(), raw);
        assertEquals(List.of(), c.ioErrors());
        assertEquals(4, c.sidecars().size());
        assertArrayEquals(big, c.sidecars().get(0).sidecar());
        assertArrayEquals(new byte[0], c.sidecars().get(1).sidecar());
        assertEquals(new String(Files.readAllBytes(proc), StandardCharsets.ISO_8859_1),
                new String(c.sidecars().get(2).sidecar(), StandardCharsets.ISO_8859_1));
        assertEquals(Arrays.toString(Files.readAllBytes(sys)), Arrays.toString(c.sidecars().get(3).sidecar()));
        assertTrue(c.sidecars().get(2).sidecar().length > 0);
    }
}
