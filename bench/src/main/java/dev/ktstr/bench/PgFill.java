package dev.ktstr.bench;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.Providers;
import dev.ktstr.api.Spi;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.SidecarStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Fills a ktstr-pg database with real sidecars fast: {@code PgFill JDBC_URL ROWS [PER_RUN] [SEED]}.
 *
 * <p>Derived from ktstr-pg's test utility {@code BulkLoad} (copy mode): the rows are what the
 * store itself writes (the codec's bytes, the dimension columns, the jsonb copy), streamed with
 * one {@code COPY ... FROM STDIN}, not pushed through the store (one transaction per sidecar,
 * which is what {@link PgPush} measures). Unlike BulkLoad, every sidecar's numbers are varied
 * ({@link PoolGen#varyNumbers}) so that a compare over them has distributions to test, and
 * encoding runs on its own thread while the main thread feeds COPY.
 *
 * <p>Shape: runs {@code run-NNNNN} of PER_RUN (default 1000) sidecars, each run its own project
 * commit {@code pNNNNNNN}; the sidecar at index j of a run has test {@code test_<j % 100>},
 * scheduler {@code scx_<j % 10>}, topology and work type one of 4 each, no flags and the sysctl
 * {@code sysctl.kernel.sched_variant=j} (its own variant, so its own file name), so that index j of
 * two runs pairs in a compare; kernel {@code 6.14.2}, every 17th failed. The sidecar is the
 * upstream fixture {@code SidecarResult.testFixture()} (about 1.1 KB encoded). The store is
 * opened once first so that its schema (Flyway) exists; run {@code ANALYZE} afterwards.
 */
public final class PgFill {

    private static final String[] TOPOLOGIES = {"1n2l4c1t", "1n4l2c1t", "2n4l4c2t", "1n1l1c1t"};
    private static final String[] WORK = {"CpuSpin", "PageFaultChurn", "YieldHeavy", "Mixed"};
    private static final byte[] END = new byte[0];

    private PgFill() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PgFill JDBC_URL ROWS [PER_RUN] [SEED]");
            System.exit(2);
        }
        String url = args[0];
        int rows = Integer.parseInt(args[1]);
        int perRun = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1L;
        System.setProperty("ktstr.pg.url", url);
        SidecarStore store = Providers.named(Spi.STORE, "pg");
        store.listRuns(store.defaultRoot(Env.system())); // Flyway: the schema exists
        long t0 = System.nanoTime();
        long n = copy(url, rows, perRun, seed);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "PgFill: %d rows in %.1f s (%.0f rows/s)%n", n, s, n / s);
        Providers.closeAll();
    }

    /** The sidecar of row {@code i}, numbers varied from {@code template}. */
    static SidecarResult row(String template, Random rnd, int i, int perRun) {
        int run = i / perRun;
        int j = i % perRun; // the same index in two runs: the same identity, so they pair in a compare
        SidecarResult base = SidecarCodec.read(PoolGen.varyNumbers(template, rnd));
        // The variant index (a sysctl: in the variant hash, not a pairing dimension) makes each
        // sidecar of a run its own file while rows at the same index of two runs pair in a compare.
        List<String> sysctls = new ArrayList<>(base.sysctls());
        sysctls.add("sysctl.kernel.sched_variant=" + j);
        return base.toBuilder().sysctls(sysctls)
                .testName("test_" + (j % 100)).scheduler("scx_" + (j % 10))
                .topology(TOPOLOGIES[(j / 10) % 4]).workType(WORK[(j / 40) % 4])
                .projectCommit(String.format(Locale.ROOT, "p%07d", run)).kernelVersion("6.14.2")
                .kernelCommit("k000000").runSource("ci").passed(i % 17 != 0).skipped(false)
                .timestamp(String.format(Locale.ROOT, "2026-01-01T%02d:%02d:%02dZ", (run / 3600) % 24,
                        (run / 60) % 60, run % 60))
                .runId("20260101T000000Z-" + i).activeFlags(List.of()).build();
    }

    static long copy(String url, int rows, int perRun, long seed) throws Exception {
        BlockingQueue<byte[]> lines = new ArrayBlockingQueue<>(4096);
        Thread encoder = new Thread(() -> {
            try {
                String template = new String(SidecarCodec.write(SidecarResult.testFixture()), StandardCharsets.UTF_8);
                Random rnd = new Random(seed);
                HexFormat hex = HexFormat.of();
                ByteArrayOutputStream line = new ByteArrayOutputStream(8192);
                for (int i = 0; i < rows; i++) {
                    SidecarResult r = row(template, rnd, i, perRun);
                    byte[] json = SidecarCodec.write(r);
                    line.reset();
                    field(line, String.format(Locale.ROOT, "run-%05d", i / perRun));
                    field(line, SidecarNames.fileName(r));
                    field(line, "now");
                    raw(line, "\\\\x" + hex.formatHex(json));
                    field(line, new String(json, StandardCharsets.UTF_8));
                    for (String v : new String[] {r.testName(), r.topology(), r.scheduler(), r.workType(),
                            r.kernelVersion().orElseThrow(), r.projectCommit().orElseThrow(),
                            r.kernelCommit().orElseThrow(), r.runSource().orElseThrow(),
                            String.valueOf(r.passed()), String.valueOf(r.skipped())}) {
                        field(line, v);
                    }
                    line.writeBytes(r.timestamp().getBytes(StandardCharsets.UTF_8));
                    line.write('\n');
                    lines.put(line.toByteArray());
                }
                lines.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pgfill-encoder");
        encoder.setDaemon(true);
        encoder.start();
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO ktstr_run (run) SELECT 'run-' || lpad(g::text, 5, '0')"
                        + " FROM generate_series(0, " + ((rows - 1) / perRun) + ") g ON CONFLICT DO NOTHING");
            }
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY ktstr_sidecar (run, file_name,"
                    + " run_created, content, doc, test_name, topology, scheduler, work_type, kernel_version,"
                    + " project_commit, kernel_commit, run_source, passed, skipped, \"timestamp\") FROM STDIN");
            try {
                int done = 0;
                for (byte[] b = lines.take(); b != END; b = lines.take()) {
                    in.writeToCopy(b, 0, b.length);
                    if (++done % 100_000 == 0) {
                        System.err.printf(Locale.ROOT, "PgFill: %d rows%n", done);
                    }
                }
                return in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        }
    }

    /** One COPY text-format field and its tab: backslash, tab, newline and CR escaped. */
    private static void field(ByteArrayOutputStream out, String v) {
        raw(out, v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
    }

    private static void raw(ByteArrayOutputStream out, String already) {
        byte[] b = already.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        out.write('\t');
    }
}
