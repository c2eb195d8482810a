package dev.ktstr.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.read.SidecarReader;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.fs.FsSidecarStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torture.killed} writer processes, each writing large sidecars in a loop on the default
 * path, killed with SIGKILL at random moments while readers keep reading every
 * {@code *.ktstr.json}: no reader ever sees a file that fails to parse, and the staging
 * orphans the kills leave are reaped by the next writer's pre-clear. Each kill is a SIGSTOP
 * (so the directory can be looked at in the very state the kill leaves) then SIGKILL.
 */
class KilledWritersTortureTest {

    private static final int PADDING = 1_000_000; // ~1 MB per sidecar: write and fsync dominate each loop

    @TempDir
    Path tmp;

    @Test
    void killedWritersNeverExposeAPartialSidecarAndTheirOrphansAreReaped() throws Exception {
        int victims = Torture.size("killed", 16);
        Path project = tmp.resolve("project");
        String commit = Torture.gitProject(project);
        Path target = tmp.resolve("target");
        Path run = target.resolve("ktstr").resolve(Torture.KERNEL + "-" + commit);
        Files.createDirectories(run);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong filesRead = new AtomicLong();
        AtomicLong vanished = new AtomicLong();
        AtomicLong walks = new AtomicLong();
        ConcurrentLinkedQueue<String> bad = new ConcurrentLinkedQueue<>();
        Thread rawReader = new Thread(() -> {
            while (!stop.get()) {
                try {
                    for (Path f : Torture.sidecars(run)) {
                        byte[] bytes;
                        try {
                            bytes = Files.readAllBytes(f);
                        } catch (NoSuchFileException e) {
                            vanished.incrementAndGet(); // renamed over or pre-cleared since the listing
                            continue;
                        }
                        try {
                            SidecarCodec.read(bytes);
                            filesRead.incrementAndGet();
                        } catch (RuntimeException e) {
                            bad.add(f + " (" + bytes.length + " bytes): " + e.getMessage());
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    bad.add("reader crashed: " + e);
                }
            }
        }, "raw-reader");
        SidecarReader reader = SidecarReader.builder().store(new FsSidecarStore())
                .meterRegistry(new SimpleMeterRegistry()).build();
        Thread walker = new Thread(() -> {
            while (!stop.get()) {
                try {
                    RunCollection<SidecarResult> c = reader.collect(run.toString());
                    c.parseErrors().forEach(e -> bad.add("walk parse error: " + e));
                    walks.incrementAndGet();
                } catch (RuntimeException e) {
                    bad.add("walker crashed: " + e);
                }
            }
        }, "walker");
        rawReader.start();
        walker.start();

        Random rnd = new Random(42);
        int killedWithStaging = 0;
        int orphansReaped = 0;
        int leftByPrevious = -1; // sidecars + orphans the previous victim's death left
        for (int kill = 0; kill < victims; kill++) {
            Process p = Torture.writer("loop", Integer.toString(kill), target.toString(), project.toString(),
                    Integer.toString(PADDING)).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("providers fs flock jgit", out.readLine());
            String first = out.readLine(); // past its first write, hence past its pre-clear
            assertTrue(first != null && first.startsWith("wrote "), "writer " + kill + " did not write: " + first);
            if (leftByPrevious >= 0) {
                assertEquals(leftByPrevious, removed(first), "writer " + kill + "'s pre-clear removed what the "
                        + "previous kill left (sidecars and staging orphans)");
            }
            Thread.sleep(rnd.nextInt(300));
            Torture.run(tmp, "kill", "-STOP", Long.toString(p.pid()));
            // Odd victims: look again (resuming briefly) until the stop lands mid-write, so that
            // many kills leave an orphan; even victims die wherever the first stop landed.
            for (int probe = 0; kill % 2 == 1 && probe < 100 && Torture.staging(run).isEmpty(); probe++) {
                Torture.run(tmp, "kill", "-CONT", Long.toString(p.pid()));
                Thread.sleep(rnd.nextInt(20));
                Torture.run(tmp, "kill", "-STOP", Long.toString(p.pid()));
            }
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "killed writer still alive");
            int orphans = Torture.staging(run).size();
            if (orphans > 0) {
                killedWithStaging++;
                orphansReaped += orphans;
            }
            leftByPrevious = orphans + Torture.sidecars(run).size();
        }
        Thread.sleep(200); // let the readers pass over the final state too
        stop.set(true);
        rawReader.join();
        walker.join();

        assertEquals(List.of(), new ArrayList<>(bad), "a reader saw a partial sidecar or crashed");
        assertTrue(filesRead.get() > 0 && walks.get() > 0, "the readers did read");
        assertTrue(killedWithStaging > 0, "no writer was killed mid-write in " + victims + " kills");
        for (Path f : Torture.sidecars(run)) {
            SidecarCodec.read(Files.readAllBytes(f));
        }

        // The next writer's first write pre-clears: every sidecar and every orphan goes.
        Process next = Torture.writer("once", "999", target.toString(), project.toString()).start();
        List<String> lines = Torture.lines(next);
        assertEquals(0, next.waitFor());
        assertEquals(leftByPrevious, removed(lines.get(1)), "the last pre-clear removed what the last kill left");
        assertEquals(List.of(), Torture.staging(run));
        assertEquals(1, Torture.sidecars(run).size());
        System.out.printf("killed %d writers (%d mid-write), %d orphans reaped, %d files read, %d vanished, %d walks%n",
                victims, killedWithStaging, orphansReaped, filesRead.get(), vanished.get(), walks.get());
    }

    private static int removed(String wroteLine) {
        return Integer.parseInt(wroteLine.substring(wroteLine.lastIndexOf(' ') + 1));
    }
}
