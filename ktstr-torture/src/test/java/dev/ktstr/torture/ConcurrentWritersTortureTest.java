package dev.ktstr.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.SidecarResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torture.writers} processes × {@code torture.writes} writes of distinct and shared
 * variants to one run: every expected file present and valid, no staging file left. On the
 * default path each process pre-clears the run at its first write (upstream's design), so the
 * processes first make that write and meet at a barrier; the override path needs no barrier.
 */
class ConcurrentWritersTortureTest {

    private final int writers = Torture.size("writers", 8);
    private final int writes = Torture.size("writes", 200);

    @TempDir
    Path tmp;

    @Test
    void defaultPathWithBarrierKeepsEveryWriteAfterTheLastPreClear() throws Exception {
        Path project = tmp.resolve("project");
        String commit = Torture.gitProject(project);
        Path target = tmp.resolve("target");
        Path barrier = Files.createDirectories(tmp.resolve("barrier"));
        List<Process> ps = new ArrayList<>();
        List<CompletableFuture<List<String>>> outs = new ArrayList<>();
        for (int id = 0; id < writers; id++) {
            Process p = Torture.writer("default", Integer.toString(id), Integer.toString(writes), target.toString(),
                    project.toString(), barrier.toString()).start();
            ps.add(p);
            outs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return Torture.lines(p);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (Torture.list(barrier).size() < writers) {
            assertTrue(System.nanoTime() < deadline, "writers never all reached the barrier: " + Torture.list(barrier));
            for (Process p : ps) {
                assertTrue(p.isAlive() || p.exitValue() == 0, "a writer died before the barrier");
            }
            Thread.sleep(10);
        }
        Files.createFile(barrier.resolve("go"));
        int totalRemoved = 0;
        for (int id = 0; id < writers; id++) {
            assertTrue(ps.get(id).waitFor(300, TimeUnit.SECONDS), "writer " + id + " did not finish");
            assertEquals(0, ps.get(id).exitValue(), "writer " + id + " failed");
            List<String> lines = outs.get(id).get();
            assertEquals("providers fs flock jgit", lines.get(0), "the real providers must be in use");
            assertEquals(1 + writes, lines.size() - 1, "writer " + id + " reported every write");
            for (String l : lines.subList(2, lines.size())) {
                totalRemoved += Integer.parseInt(l.substring(l.lastIndexOf(' ') + 1));
            }
        }
        assertEquals(0, totalRemoved, "no pre-clear may run after the barrier");

        Path run = target.resolve("ktstr").resolve(Torture.KERNEL + "-" + commit);
        Map<String, SidecarResult> onDisk = readAll(run);
        assertEquals(List.of(), Torture.staging(run), "staging files left behind");
        // The first-write critical sections (lock, pre-clear, write) are serialized by flock:
        // the last one removed every earlier warm-up sidecar and kept its own.
        long warm = onDisk.values().stream().filter(r -> r.testName().startsWith("warm_c")).count();
        assertEquals(1, warm, "exactly the last process's warm-up sidecar survives: " + onDisk.keySet());
        TreeSet<String> expected = expectedNames(writers, writes);
        TreeSet<String> actual = new TreeSet<>();
        onDisk.values().stream().map(SidecarResult::testName).filter(n -> !n.startsWith("warm_c")).forEach(actual::add);
        assertEquals(expected, actual);
        assertEquals(expected.size() + 1, onDisk.size());
        for (SidecarResult r : onDisk.values()) {
            assertEquals(commit, r.projectCommit().orElseThrow(), "real probe's commit recorded");
        }
    }

    @Test
    void overridePathKeepsEveryWrite() throws Exception {
        Path project = tmp.resolve("project");
        Torture.gitProject(project);
        Path dir = tmp.resolve("override");
        List<Process> ps = new ArrayList<>();
        for (int id = 0; id < writers; id++) {
            ps.add(Torture.writer("override", Integer.toString(id), Integer.toString(writes), dir.toString(),
                    project.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (int id = 0; id < writers; id++) {
            assertTrue(ps.get(id).waitFor(300, TimeUnit.SECONDS), "writer " + id + " did not finish");
            assertEquals(0, ps.get(id).exitValue(), "writer " + id + " failed");
        }
        Map<String, SidecarResult> onDisk = readAll(dir);
        assertEquals(List.of(), Torture.staging(dir), "staging files left behind");
        TreeSet<String> actual = new TreeSet<>();
        onDisk.values().forEach(r -> actual.add(r.testName()));
        assertEquals(expectedNames(writers, writes), actual);
        assertEquals(actual.size(), onDisk.size());
    }

    /** Every sidecar in {@code dir}, parsed; its name must be the one its own content yields. */
    static Map<String, SidecarResult> readAll(Path dir) throws IOException {
        Map<String, SidecarResult> out = new TreeMap<>();
        for (Path f : Torture.list(dir)) {
            String name = f.getFileName().toString();
            assertTrue(SidecarNames.isSidecarFile(name), "unexpected file in run: " + name);
            SidecarResult r = SidecarCodec.read(Files.readAllBytes(f));
            assertEquals(SidecarNames.fileName(r), name, "file name matches content");
            out.put(name, r);
        }
        return out;
    }

    static TreeSet<String> expectedNames(int writers, int writes) {
        TreeSet<String> names = new TreeSet<>();
        for (int id = 0; id < writers; id++) {
            for (int j = 0; j < writes; j++) {
                names.add(j % 2 == 0 ? "c" + id + "_t" + j : "shared_t" + j);
            }
        }
        return names;
    }
}
