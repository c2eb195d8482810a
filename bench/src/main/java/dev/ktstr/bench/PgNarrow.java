package dev.ktstr.bench;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.Providers;
import dev.ktstr.api.Spi;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.PoolQuery;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Pushdown at the store: {@code PgNarrow JDBC_URL ROUNDS SCHEDULER COMMIT...}. One JVM; each
 * round reads the pg store's pool twice, alternating, with the same parser (the codec's full
 * read, as {@code stats compare} does before its projection):
 * <ul>
 *   <li>{@code pushed}: {@code PoolQuery} project_commit IN (COMMIT...) AND scheduler = SCHEDULER,
 *       the query {@code stats compare --a-project-commit C1 --b-project-commit C2 --scheduler S}
 *       gives the store (SQL WHERE on the indexed columns);</li>
 *   <li>{@code unpushed}: {@link PoolQuery#ALL} (every row fetched and parsed), then the same
 *       selection applied in the JVM, as when a filter cannot be pushed down.</li>
 * </ul>
 * Prints rows fetched, rows selected and seconds per round, then the medians and their ratio.
 * The first round of each is JIT and cache warm-up and is printed but left out of the medians.
 */
public final class PgNarrow {

    private PgNarrow() {
    }

    /** What the parser keeps of one sidecar: its selection fields. */
    record Kept(String projectCommit, String scheduler) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: PgNarrow JDBC_URL ROUNDS SCHEDULER COMMIT...");
            System.exit(2);
        }
        System.setProperty("ktstr.pg.url", args[0]);
        int rounds = Integer.parseInt(args[1]);
        String scheduler = args[2];
        Set<String> commits = Set.copyOf(Arrays.asList(args).subList(3, args.length));
        SidecarStore pg = Providers.named(Spi.STORE, "pg");
        String root = pg.defaultRoot(Env.system());
        PoolQuery query = new PoolQuery(Map.of("project_commit", commits, "scheduler", Set.of(scheduler)));
        List<Double> pushed = new ArrayList<>();
        List<Double> unpushed = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-5s %-9s %9s %9s %9s%n", "round", "read", "fetched", "selected", "seconds");
        for (int round = 0; round <= rounds; round++) {
            for (PoolQuery q : List.of(query, PoolQuery.ALL)) {
                long t0 = System.nanoTime();
                PoolCollection<Kept> pool = pg.pool(root, q, (loc, bytes) -> {
                    SidecarResult r = SidecarCodec.read(bytes);
                    return new Kept(r.projectCommit().orElse(""), r.scheduler());
                });
                long fetched = 0;
                long selected = 0;
                for (RunCollection<Kept> run : pool.runs()) {
                    fetched += run.walked();
                    selected += run.sidecars().stream()
                            .filter(s -> commits.contains(s.sidecar().projectCommit())
                                    && scheduler.equals(s.sidecar().scheduler()))
                            .count();
                }
                double s = (System.nanoTime() - t0) / 1e9;
                if (!pool.problems().isEmpty()) {
                    throw new IllegalStateException(pool.problems().toString());
                }
                String which = q == query ? "pushed" : "unpushed";
                System.out.printf(Locale.ROOT, "%-5s %-9s %9d %9d %9.3f%n", round == 0 ? "warm" : String.valueOf(round),
                        which, fetched, selected, s);
                if (round > 0) {
                    (q == query ? pushed : unpushed).add(s);
                }
            }
        }
        double p = median(pushed);
        double u = median(unpushed);
        System.out.printf(Locale.ROOT, "median: pushed %.3f s, unpushed %.3f s, unpushed/pushed %.0f%n", p, u, u / p);
        Providers.closeAll();
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
