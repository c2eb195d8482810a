package dev.ktstr.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.schema.SidecarResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several real JVMs writing one run at once, and writers killed with SIGKILL. */
class WriterProcessesTest {

    private static final int CHILDREN = 4;
    private static final int PER_CHILD = 15;

    @TempDir
    Path tmp;

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    /** Every sidecar file in {@code dir} parses; returns test names (with duplicates). */
    private static List<String> parseAll(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path f : files(dir)) {
            String n = f.getFileName().toString();
            if (n.endsWith(".ktstr.json")) {
                SidecarResult r = SidecarCodec.read(Files.readAllBytes(f)); // throws on a partial file
                names.add(r.testName());
            }
        }
        return names;
    }

    private static void awaitSuccess(List<Process> ps) throws InterruptedException {
        for (Process p : ps) {
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "child did not finish");
            assertEquals(0, p.exitValue(), "child failed");
        }
    }

    private static Set<String> expected(String... prefixes) {
        Set<String> s = new HashSet<>();
        for (int j = 0; j < PER_CHILD; j++) {
            s.add("shared_t" + j);
            for (int c = 0; c < CHILDREN; c++) {
                s.add("c" + c + "_t" + j);
            }
        }
        return s;
    }

    @Test
    void concurrentOverrideWritersLoseNothingAndLeaveOnlyValidJson() throws Exception {
        Path dir = tmp.resolve("override");
        List<Process> ps = new ArrayList<>();
        for (int c = 0; c < CHILDREN; c++) {
            ps.add(ChildJvm.writer(String.valueOf(c), "override", String.valueOf(PER_CHILD), dir.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        awaitSuccess(ps);
        List<String> names = parseAll(dir);
        assertEquals(expected(), new HashSet<>(names));
        assertEquals(names.size(), new HashSet<>(names).size(), "one file per variant");
        assertEquals(names.size(), files(dir).size(), "no staging files left");
    }

    @Test
    void concurrentDefaultPathWritersSerializeOnTheLockAndLoseNothingAfterTheirPreClears() throws Exception {
        Path target = tmp.resolve("target");
        Path barrier = Files.createDirectories(tmp.resolve("barrier"));
        List<Process> ps = new ArrayList<>();
        for (int c = 0; c < CHILDREN; c++) {
            ps.add(ChildJvm.writer(String.valueOf(c), "default", String.valueOf(PER_CHILD), target.toString(),
                    barrier.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        // Every child has made its first (pre-clearing) write before any writes the rest.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (files(barrier).size() < CHILDREN) {
            assertTrue(System.nanoTime() < deadline, "children did not reach the barrier");
            for (Process p : ps) {
                assertTrue(p.isAlive() || p.exitValue() == 0, "a child died before the barrier");
            }
            Thread.sleep(10);
        }
        Files.createFile(barrier.resolve("go"));
        awaitSuccess(ps);

        Path run = target.resolve("ktstr/6.14.2-abc1234");
        List<String> names = parseAll(run);
        Set<String> want = expected();
        Set<String> got = names.stream().filter(n -> !n.startsWith("warm_")).collect(Collectors.toSet());
        assertEquals(want, got);
        // Each child's pre-clear removed the earlier children's warm-up sidecars: exactly one survives.
        assertEquals(1, names.stream().filter(n -> n.startsWith("warm_")).count());
        assertEquals(names.size(), files(run).size(), "no staging files left");
        assertTrue(Files.exists(target.resolve("ktstr/.locks/6.14.2-abc1234.lock")));
    }

    @Test
    void aWriterKilledMidWriteLeavesNoPartialSidecarAndTheNextRunReapsItsOrphans() throws Exception {
        Path target = tmp.resolve("target");
        Path run = target.resolve("ktstr/6.14.2-abc1234");
        Random random = new Random(42);
        int orphansSeen = 0;
        for (int kill = 0; kill < 4; kill++) {
            Process p = ChildJvm.writer(String.valueOf(kill), "loop", "0", target.toString()).start();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                int lines = 1 + random.nextInt(3);
                for (int i = 0; i <= lines; i++) {
                    assertTrue(out.readLine() != null, "child stopped writing");
                }
                Thread.sleep(random.nextInt(40));
                p.destroyForcibly(); // SIGKILL
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            }
            for (Path f : files(run)) {
                String n = f.getFileName().toString();
                if (n.endsWith(".ktstr.json")) {
                    SidecarCodec.read(Files.readAllBytes(f)); // a partial sidecar would throw here
                } else if (n.contains(".ktstr.json.tmp.")) {
                    orphansSeen++;
                }
            }
        }
        // The loop spends nearly all its time between creating the staging file and renaming it.
        assertTrue(orphansSeen > 0, "no kill landed mid-write in 4 tries; the test did not exercise its case");

        // The next run (a fresh process) pre-clears: orphans and old sidecars go, its own sidecar stays.
        Process next = ChildJvm.writer("9", "default", "0", target.toString(), Files.createDirectories(
                tmp.resolve("b")).toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Files.createFile(tmp.resolve("b/go"));
        awaitSuccess(List.of(next));
        List<String> left = files(run).stream().map(f -> f.getFileName().toString()).collect(Collectors.toList());
        assertEquals(1, left.size(), "left: " + left);
        assertTrue(left.get(0).startsWith("warm_c9-"), left.get(0));
    }
}
