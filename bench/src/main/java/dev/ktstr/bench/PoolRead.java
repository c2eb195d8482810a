package dev.ktstr.bench;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.read.SidecarReader;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.report.ValueList;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.fs.FsSidecarStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pool read in one JVM, side by side: {@code PoolRead <root> <rounds> [floor|pool|both]}.
 * <ul>
 *   <li>{@code floor}: the same walk (listing, one level down, parallel reads) through the
 *       filesystem store with a parser that only counts the bytes: reading without parsing;</li>
 *   <li>{@code pool}: {@link SidecarReader#pool} (parse every sidecar) plus the eight
 *       {@code list-values} sets built from the result, i.e. the library work of
 *       {@code stats list-values --dir}.</li>
 * </ul>
 * Rounds alternate the two; the median of each is printed, with the peak heap of the last pool
 * round (run one mode per JVM for a clean peak).
 */
public final class PoolRead {

    private PoolRead() {
    }

    public static void main(String[] args) {
        String root = args[0];
        int rounds = Integer.parseInt(args[1]);
        String mode = args.length > 2 ? args[2] : "both";
        FsSidecarStore store = new FsSidecarStore();
        SidecarReader reader = SidecarReader.builder().store(store).env(Env.of(Map.of()))
                .meterRegistry(new SimpleMeterRegistry()).build();
        long[] floor = new long[rounds];
        long[] pool = new long[rounds];
        long bytes = 0;
        int files = 0;
        long peak = 0;
        int values = 0;
        for (int r = 0; r < rounds; r++) {
            if (!mode.equals("pool")) {
                long t = System.nanoTime();
                PoolCollection<Integer> p = store.pool(root, (loc, b) -> b.length);
                long sum = 0;
                for (RunCollection<Integer> run : p.runs()) {
                    for (var s : run.sidecars()) {
                        sum += s.sidecar();
                    }
                }
                floor[r] = System.nanoTime() - t;
                bytes = sum;
                files = p.walked();
            }
            if (!mode.equals("floor")) {
                System.gc();
                resetPeaks();
                long t = System.nanoTime();
                // As `stats list-values` does: keep only the fields it reads.
                PoolCollection<SidecarResult> p = reader.pool(root, true, ValueList::dimensionsOnly);
                values = listValues(p);
                pool[r] = System.nanoTime() - t;
                peak = heapPeak();
                files = p.walked();
                if (!p.parseErrors().isEmpty() || !p.ioErrors().isEmpty()) {
                    throw new IllegalStateException("pool has bad files: " + p.parseErrors().size() + " parse, "
                            + p.ioErrors().size() + " IO");
                }
            }
        }
        System.out.printf(Locale.ROOT, "files=%d bytes=%d floor_ms=%.1f pool_ms=%.1f ratio=%.2f peak_heap_mb=%.1f "
                + "raw_mb=%.1f distinct_values=%d cpus=%d%n", files, bytes, median(floor) / 1e6, median(pool) / 1e6,
                mode.equals("both") ? (double) median(pool) / median(floor) : Double.NaN, peak / 1048576.0,
                bytes / 1048576.0, values, Runtime.getRuntime().availableProcessors());
    }

    /** The eight sets of {@code stats list-values}; returns how many values they hold in all. */
    static int listValues(PoolCollection<SidecarResult> p) {
        Set<String> kernel = new TreeSet<>();
        Set<String> commit = new TreeSet<>();
        Set<String> kcommit = new TreeSet<>();
        Set<String> source = new TreeSet<>();
        Set<String> sched = new TreeSet<>();
        Set<String> topo = new TreeSet<>();
        Set<String> work = new TreeSet<>();
        Set<String> flags = new TreeSet<>();
        for (SidecarResult s : p.values()) {
            kernel.add(s.kernelVersion().orElse(""));
            commit.add(s.projectCommit().orElse(""));
            kcommit.add(s.kernelCommit().orElse(""));
            source.add(s.runSource().orElse(""));
            sched.add(s.scheduler());
            topo.add(s.topology());
            work.add(s.workType());
            flags.addAll(s.activeFlags());
        }
        return kernel.size() + commit.size() + kcommit.size() + source.size() + sched.size() + topo.size()
                + work.size() + flags.size();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) {
                b.resetPeakUsage();
            }
        }
    }

    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) {
                sum += b.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long median(long[] xs) {
        long[] c = xs.clone();
        java.util.Arrays.sort(c);
        return c[c.length / 2];
    }
}
