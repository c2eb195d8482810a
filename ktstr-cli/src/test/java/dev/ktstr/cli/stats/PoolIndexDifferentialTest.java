package dev.ktstr.cli.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.schema.HostContext;
import dev.ktstr.api.schema.MonitorSummary;
import dev.ktstr.api.schema.ScenarioStats;
import dev.ktstr.api.schema.ScxEventDeltas;
import dev.ktstr.api.schema.SidecarResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's differential test of the pool index: random sequences of add, overwrite, same-size
 * same-mtime edit, delete, rename, chmod 000 and corruption over a real pool (real files, real
 * inodes and timestamps); after each step every reading command's output and diagnostics with
 * the index (the first read, which may update it, and a second, which uses it) equal the output
 * with {@code --no-cache} and with {@code KTSTR_CACHE=off}.
 *
 * <p>The racy window is narrowed to 5 ms (and each step waits 15 ms) so that files written by a
 * step are taken from the index by the next reads; {@code PoolIndexTest} in ktstr-fs checks the
 * racy rule at its default.
 */
class PoolIndexDifferentialTest {
    private static final String[] KERNELS = {"6.14.2", "6.13.9"};
    private static final String[] TESTS = {"cgroup_weight", "spin_wake", "fork_bomb"};
    private static final String[] SCHEDULERS = {"eevdf", "scx_rusty", "scx_lavd"};

    @TempDir
    Path tmp;
    Path root;
    Random rnd;
    int serial;

    @BeforeEach
    void setUp() {
        System.setProperty("ktstr.cache.dir", tmp.resolve("cache").toString());
        System.setProperty("ktstr.cache.racyMillis", "5");
        root = tmp.resolve("runs");
    }

    @AfterEach
    void tearDown() throws IOException {
        System.clearProperty("ktstr.cache.dir");
        System.clearProperty("ktstr.cache.racyMillis");
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.collect(Collectors.toList())) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private SidecarResult randomSidecar() {
        String kernel = KERNELS[rnd.nextInt(KERNELS.length)];
        return SidecarResult.builder().testName(TESTS[rnd.nextInt(TESTS.length)]).topology("1n2l4c1t")
                .scheduler(SCHEDULERS[rnd.nextInt(SCHEDULERS.length)]).workType(rnd.nextBoolean() ? "CpuSpin" : "Mixed")
                .activeFlags(rnd.nextBoolean() ? List.of("llc") : List.of())
                .passed(rnd.nextInt(10) > 0).timestamp("2026-04-27T09:12:0" + rnd.nextInt(10) + "Z")
                .runId("r-" + rnd.nextInt(1000)).kernelVersion(kernel).projectCommit("abc123" + (1 + rnd.nextInt(3)))
                .runSource(rnd.nextBoolean() ? "ci" : "local")
                .stats(ScenarioStats.builder().totalWorkers(rnd.nextInt(64)).totalMigrations(rnd.nextInt(100000))
                        .worstSpread(rnd.nextDouble() * 50).worstGapMs(rnd.nextInt(900))
                        .extMetrics(rnd.nextBoolean() ? Map.of("ext_rate", rnd.nextDouble() * 9) : Map.of()).build())
                // what compare keeps beyond the stats: the monitor summary, its event deltas, the host
                .monitor(rnd.nextBoolean() ? java.util.Optional.empty() : java.util.Optional.of(MonitorSummary.builder()
                        .maxImbalanceRatio(1 + rnd.nextDouble()).avgNrRunning(rnd.nextDouble() * 4)
                        .eventDeltas(ScxEventDeltas.builder().totalFallback(rnd.nextInt(50)).fallbackRate(rnd.nextDouble()).build())
                        .build()))
                .host(rnd.nextBoolean() ? java.util.Optional.empty() : java.util.Optional.of(HostContext.builder()
                        .cpuModel("cpu " + rnd.nextInt(2)).kernelRelease(kernel + "-arch1").onlineCpus(4 + rnd.nextInt(2) * 4)
                        .build()))
                .build();
    }

    private Path newFile() {
        String run = KERNELS[rnd.nextInt(KERNELS.length)] + "-abc" + rnd.nextInt(3);
        return root.resolve(run).resolve("t" + (serial++) + "-" + String.format("%016x", rnd.nextLong()) + ".ktstr.json");
    }

    private List<Path> files() throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ktstr.json")).sorted().collect(Collectors.toList());
        }
    }

    private Path pick() throws IOException {
        List<Path> all = files();
        return all.isEmpty() ? null : all.get(rnd.nextInt(all.size()));
    }

    private void write(Path p, byte[] b) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, b);
    }

    /** One random change to the pool; returns what it did. */
    private String step() throws IOException {
        Path f = pick();
        int op = f == null ? 0 : rnd.nextInt(8);
        switch (op) {
            case 0 -> {
                Path p = newFile();
                write(p, SidecarCodec.write(randomSidecar()));
                return "add " + p;
            }
            case 1 -> {
                write(f, SidecarCodec.write(randomSidecar()));
                return "overwrite " + f;
            }
            case 2 -> {
                // Same size, same mtime: one digit changed in place.
                byte[] b = Files.readAllBytes(f);
                FileTime mtime = Files.getLastModifiedTime(f);
                // Half the time the project commit's last digit (every command shows it), else any digit.
                String text = new String(b, StandardCharsets.ISO_8859_1);
                int commit = text.indexOf("\"project_commit\": \"abc123");
                List<Integer> digits = new ArrayList<>();
                if (commit >= 0 && rnd.nextBoolean()) {
                    digits.add(commit + "\"project_commit\": \"abc123".length());
                } else {
                    for (int i = 0; i < b.length; i++) {
                        if (b[i] >= '1' && b[i] <= '8') {
                            digits.add(i);
                        }
                    }
                }
                if (digits.isEmpty()) {
                    return "no digit in " + f;
                }
                int at = digits.get(rnd.nextInt(digits.size()));
                b[at] = (byte) (b[at] >= '8' ? '1' : b[at] + 1);
                Files.write(f, b);
                Files.setLastModifiedTime(f, mtime);
                return "same-size same-mtime edit " + f;
            }
            case 3 -> {
                Files.delete(f);
                return "delete " + f;
            }
            case 4 -> {
                Path to = newFile();
                Files.createDirectories(to.getParent());
                Files.move(f, to);
                return "rename " + f + " -> " + to;
            }
            case 5 -> {
                boolean locked = Files.getPosixFilePermissions(f).isEmpty();
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(locked ? "rw-r--r--" : "---------"));
                return (locked ? "chmod 644 " : "chmod 000 ") + f;
            }
            case 6 -> {
                byte[] b = Files.readAllBytes(f);
                if (rnd.nextBoolean()) {
                    Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
                    return "truncate " + f;
                }
                b[rnd.nextInt(b.length)] = (byte) (rnd.nextBoolean() ? 0xff : '}');
                Files.write(f, b);
                return "corrupt " + f;
            }
            default -> {
                write(f, "not json at all".getBytes(StandardCharsets.UTF_8));
                return "garbage " + f;
            }
        }
    }

    private List<String[]> commands() {
        String dir = root.toString();
        return List.of(
                new String[] {"list-values", "--dir", dir},
                new String[] {"list-values", "--json", "--dir", dir},
                new String[] {"compare", "--dir", dir, "--a-kernel", "6.14.2", "--b-kernel", "6.13.9"},
                new String[] {"compare", "--json", "--dir", dir, "--a-kernel", "6.14.2", "--b-kernel", "6.13.9"},
                new String[] {"matrix", "--dir", dir},
                new String[] {"trend", "--dir", dir, "--metric", "worst_spread", "--by", "kernel"},
                new String[] {"--dir", dir},
                new String[] {"list", "--dir", dir});
    }

    private static String[] with(String[] args, String option) {
        String[] out = new String[args.length + 1];
        out[0] = args[0].startsWith("--") ? option : args[0];
        if (args[0].startsWith("--")) {
            System.arraycopy(args, 0, out, 1, args.length);
        } else {
            out[1] = option;
            System.arraycopy(args, 1, out, 2, args.length - 1);
        }
        return out;
    }

    private void allCommandsAgree(String what) {
        Path target = tmp.resolve("target");
        for (String[] cmd : commands()) {
            StatsRun plain = StatsRun.run(target, with(cmd, "--no-cache"));
            StatsRun off = StatsRun.run(target, Map.of("KTSTR_CACHE", "off"), cmd);
            StatsRun first = StatsRun.run(target, cmd);
            StatsRun second = StatsRun.run(target, cmd);
            String label = what + " / " + String.join(" ", cmd);
            for (StatsRun r : List.of(off, first, second)) {
                assertEquals(plain.out(), r.out(), label);
                assertEquals(plain.err(), r.err(), label);
                assertEquals(plain.exit(), r.exit(), label);
            }
        }
    }

    private static void settle() {
        try {
            Thread.sleep(15);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void everyReadingCommandReadsTheSameWithAndWithoutTheIndex() throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            rnd = new Random(seed);
            for (int i = 0; i < 12; i++) {
                write(newFile(), SidecarCodec.write(randomSidecar()));
            }
            settle();
            allCommandsAgree("seed " + seed + " start");
            for (int i = 0; i < 14; i++) {
                String what = "seed " + seed + " step " + i + ": " + step();
                settle();
                allCommandsAgree(what);
            }
        }
        try (Stream<Path> s = Files.list(tmp.resolve("cache"))) {
            assertEquals(2, s.filter(p -> p.getFileName().toString().endsWith(".idx")).count(),
                    "list-values' projection and compare's (also matrix's and trend's) have an index each");
        }
    }

    @Test
    void noCacheAndKtstrCacheOffNeitherReadNorWriteTheIndex() throws IOException {
        rnd = new Random(3);
        for (int i = 0; i < 5; i++) {
            write(newFile(), SidecarCodec.write(randomSidecar()));
        }
        Path target = tmp.resolve("target");
        Path cache = tmp.resolve("cache");
        assertEquals(0, StatsRun.run(target, "list-values", "--no-cache", "--dir", root.toString()).exit());
        assertEquals(0, StatsRun.run(target, "--no-cache", "list-values", "--dir", root.toString()).exit());
        assertEquals(0, StatsRun.run(target, Map.of("KTSTR_CACHE", "off"), "list-values", "--dir", root.toString()).exit());
        assertTrue(Files.notExists(cache), "no index written");
        assertEquals(0, StatsRun.run(target, "list-values", "--dir", root.toString()).exit());
        assertTrue(Files.exists(cache), "the index is written without them");
    }

    @Test
    void theDimensionsCodecRoundTripsWhatListValuesKeeps() throws IOException {
        rnd = new Random(7);
        for (int i = 0; i < 200; i++) {
            SidecarResult s = randomSidecar();
            if (i % 3 == 0) {
                s = s.toBuilder().kernelVersion(java.util.Optional.empty()).runSource(java.util.Optional.empty())
                        .kernelCommit("dead\u00e9\u0000\ud83d\ude00").activeFlags(List.of("a", "\u00e9", "llc")).build();
            }
            SidecarResult d = dev.ktstr.report.ValueList.dimensionsOnly(s);
            assertEquals(d, DimensionsCodec.decode(DimensionsCodec.encode(d)));
        }
        for (Path fixture : List.of(Path.of("..", "ktstr-api", "src", "test", "resources", "fixtures", "example-full.ktstr.json"))) {
            SidecarResult d = dev.ktstr.report.ValueList.dimensionsOnly(SidecarCodec.read(Files.readAllBytes(fixture)));
            assertEquals(d, DimensionsCodec.decode(DimensionsCodec.encode(d)));
        }
    }

    /**
     * The projection list-values reads with keeps the same records as {@code dimensionsOnly}, but
     * equal parts are one instance (the flat heap), whether a record was parsed or decoded from the
     * index.
     */
    @Test
    void theListValuesProjectionSharesEqualParts() throws Exception {
        rnd = new Random(11);
        dev.ktstr.api.read.CachedProjection projection = DimensionsCodec.projection();
        SidecarResult first = randomSidecar();
        SidecarResult second = first.toBuilder().testName(new String(first.testName().toCharArray()))
                .activeFlags(new ArrayList<>(first.activeFlags())).build();
        SidecarResult a = projection.function().apply(first);
        SidecarResult b = projection.function().apply(second);
        assertEquals(dev.ktstr.report.ValueList.dimensionsOnly(first), a);
        assertEquals(a, b);
        assertSame(a.testName(), b.testName());
        assertSame(a.activeFlags(), b.activeFlags());
        assertSame(a.stats(), b.stats());
        byte[] entry = projection.encoder().apply(a);
        SidecarResult decoded = projection.decoder().decode(entry);
        assertEquals(a, decoded);
        SidecarResult again = projection.decoder().decode(entry.clone());
        assertEquals(decoded, again);
        assertSame(a.testName(), decoded.testName());
        assertSame(decoded.activeFlags(), again.activeFlags());
        assertSame(decoded.stats(), again.stats());
    }
}
