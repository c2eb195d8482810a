package dev.ktstr.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.read.SidecarReader;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.store.IoError;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.StoredSidecar;
import dev.ktstr.api.write.SidecarWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walkers ({@code collect} of one run, {@code pool} of the runs root) racing with writers
 * (through the real writer and store) and with a deleter that removes sidecars and whole
 * subdirectories: no walk ever crashes, every walked file is accounted for, no walk sees a
 * partial file (writes are atomic), every IO error is a file that vanished between listing and
 * reading, every sidecar read is one a writer wrote under its own name, and once everything
 * stops the counts add up to what is on disk.
 */
class WalkerRaceTortureTest {

    @TempDir
    Path tmp;

    @Test
    void walkersNeverCrashAndCountsAddUp() throws Exception {
        int rounds = Torture.size("walkRounds", 300);
        Path project = tmp.resolve("project");
        Torture.gitProject(project);
        Path root = tmp.resolve("runs");
        Path run = root.resolve("6.14.2-abc1234");
        Files.createDirectories(run);

        ConcurrentLinkedQueue<String> bad = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger deleted = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int wid = w;
            threads.add(new Thread(() -> {
                // Each writer writes to the run and to a subdirectory of it (read one level down).
                SidecarWriter top = writer(run, project);
                Random rnd = new Random(wid);
                for (int n = 0; !stop.get(); n++) {
                    try {
                        Path sub = run.resolve("sub" + rnd.nextInt(3));
                        SidecarWriter into = n % 4 == 0 ? writer(sub, project) : top;
                        into.write(TortureWriter.record("w" + wid + "_" + rnd.nextInt(200), 1 + n % 3));
                        written.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        // A subdirectory removed under a writer fails that write cleanly; anything else is a bug.
                        if (!(e instanceof NoSuchFileException) && !String.valueOf(e.getMessage()).contains("No such file")) {
                            bad.add("writer " + wid + ": " + e);
                        }
                    }
                }
            }, "writer-" + w));
        }
        threads.add(new Thread(() -> {
            Random rnd = new Random(7);
            while (!stop.get()) {
                try {
                    List<Path> files = Torture.sidecars(run);
                    if (!files.isEmpty() && Files.deleteIfExists(files.get(rnd.nextInt(files.size())))) {
                        deleted.incrementAndGet();
                    }
                    if (rnd.nextInt(20) == 0) {
                        deleteTree(run.resolve("sub" + rnd.nextInt(3)));
                    }
                    Thread.sleep(1);
                } catch (IOException | InterruptedException | RuntimeException e) {
                    bad.add("deleter: " + e);
                }
            }
        }, "deleter"));
        threads.forEach(Thread::start);

        SidecarReader reader = SidecarReader.builder().store(new dev.ktstr.fs.FsSidecarStore())
                .env(Env.of(Map.of())).meterRegistry(new SimpleMeterRegistry()).build();
        int sawSidecars = 0;
        int sawVanished = 0;
        int i = 0;
        // At least `rounds` walks, and walks until the writers and the deleter have done real work.
        for (long until = System.nanoTime() + 120_000_000_000L;
                (i < rounds || written.get() < rounds || deleted.get() < rounds / 10) && System.nanoTime() < until; i++) {
            RunCollection<SidecarResult> c = reader.collect(run.toString());
            check(c, bad);
            sawSidecars += c.sidecars().size();
            sawVanished += c.ioErrors().size();
            PoolCollection<SidecarResult> p = reader.pool(root.toString(), true);
            for (RunCollection<SidecarResult> r : p.runs()) {
                check(r, bad);
            }
            p.values().forEach(v -> {
                if (!v.runSource().equals(Optional.of(SidecarReader.ARCHIVE))) {
                    bad.add("archive override missing on " + v.testName());
                }
            });
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), new ArrayList<>(bad));

        // At rest: the walk sees exactly what is on disk, top level and one level down.
        RunCollection<SidecarResult> end = reader.collect(run.toString());
        long onDisk;
        try (Stream<Path> s = Files.walk(run, 2)) {
            onDisk = s.filter(f -> SidecarNames.isSidecarFile(f.getFileName().toString())).count();
        }
        assertEquals(onDisk, end.walked());
        assertEquals(onDisk, end.sidecars().size());
        assertEquals(List.of(), end.parseErrors());
        assertEquals(List.of(), end.ioErrors());
        assertTrue(sawSidecars > 0 && deleted.get() > 0, "the race ran: " + sawSidecars + " read, " + deleted + " deleted");
        System.out.printf("%d walks: %d writes, %d sidecars read, %d vanished mid-walk, %d deletes, %d on disk at rest%n",
                i, written.get(), sawSidecars, sawVanished, deleted.get(), onDisk);
    }

    private static void check(RunCollection<SidecarResult> c, ConcurrentLinkedQueue<String> bad) {
        if (c.walked() != c.sidecars().size() + c.parseErrors().size() + c.ioErrors().size()) {
            bad.add("counts do not add up: " + c);
        }
        c.parseErrors().forEach(e -> bad.add("partial or corrupt file seen: " + e));
        for (IoError e : c.ioErrors()) {
            if (!e.rawError().contains("No such file")) {
                bad.add("IO error other than a vanished file: " + e);
            }
        }
        for (StoredSidecar<SidecarResult> s : c.sidecars()) {
            String name = Path.of(s.location()).getFileName().toString();
            if (!s.sidecar().testName().matches("w[01]_[0-9]+") || !name.equals(SidecarNames.fileName(s.sidecar()))) {
                bad.add("walk returned a file nobody wrote under that name: " + s.location());
            }
        }
    }

    private static SidecarWriter writer(Path dir, Path project) {
        return TortureWriter.writer(Map.of("KTSTR_SIDECAR_DIR", dir.toString()), project);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toArray(Path[]::new)) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException | java.nio.file.DirectoryNotEmptyException | java.io.UncheckedIOException e) {
            // a concurrent writer's rename or staging cleanup; the next round tries again
        }
    }
}
