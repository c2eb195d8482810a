package dev.ktstr.pg;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.SidecarResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Fills a ktstr-pg database with synthetic sidecars fast, for benchmarks and plan tests.
 *
 * <p>Two ways:
 * <ul>
 *   <li>{@link #generate}: one {@code INSERT ... SELECT FROM generate_series} on the server
 *       (dimension columns and a small content, no real sidecar bytes): 200k rows in a few
 *       seconds. Good for plans and pushdown, not for parsing.</li>
 *   <li>{@link #copy}: real sidecars (SidecarCodec bytes, dimensions and jsonb as the store
 *       writes them) streamed with {@code COPY ... FROM STDIN} (text format): what a
 *       benchmark reading and parsing from pg needs. About 7,600 rows/s here (1M rows in a
 *       little over two minutes; the server's jsonb parsing and index upkeep dominate).</li>
 * </ul>
 * Both write rows directly, not through the store: pushing through the store (one transaction
 * per sidecar, under the run lock) is what a push benchmark measures, not how it fills.
 * The schema must exist (open the store once first, e.g. {@code store.listRuns(root)}).
 *
 * <p>As a program: {@code java ... dev.ktstr.pg.BulkLoad JDBC_URL ROWS [ROWS_PER_RUN] [copy|generate]}.
 */
public final class BulkLoad {

    private BulkLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: BulkLoad JDBC_URL ROWS [ROWS_PER_RUN] [copy|generate]");
            System.exit(2);
        }
        int rows = Integer.parseInt(args[1]);
        int perRun = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        String how = args.length > 3 ? args[3] : "copy";
        PgSidecarStore store = new PgSidecarStore(PgConfig.of(args[0], System.getenv("PGPASSWORD")));
        store.listRuns(store.defaultRoot(name -> java.util.Optional.empty())); // schema up to date
        store.close();
        long t0 = System.nanoTime();
        long n = how.equals("generate") ? generate(args[0], rows, perRun) : copy(args[0], rows, perRun);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%d rows in %.1f s (%.0f rows/s)%n", n, s, n / s);
    }

    /**
     * Server-side: {@code rows} synthetic rows in runs of {@code perRun}: run {@code run-NNNNN},
     * project commits {@code pNNNNNNN} (one per run), schedulers {@code scx_0..scx_9},
     * test names {@code test_0..test_99}; content is a small JSON object.
     */
    static long generate(String url, int rows, int perRun) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("INSERT INTO ktstr_run (run) SELECT 'run-' || lpad((g / " + perRun + ")::text, 5, '0')"
                    + " FROM generate_series(0, " + (rows - 1) + ") g ON CONFLICT DO NOTHING");
            return st.executeUpdate("INSERT INTO ktstr_sidecar (run, file_name, run_created, content, doc, test_name,"
                    + " topology, scheduler, work_type, kernel_version, project_commit, kernel_commit, run_source,"
                    + " passed, skipped, \"timestamp\")"
                    + " SELECT 'run-' || lpad((g / " + perRun + ")::text, 5, '0'),"
                    + " 'test_' || (g % 100) || '-' || lpad(to_hex(g), 16, '0') || '.ktstr.json', now(),"
                    + " convert_to('{\"g\":' || g || '}', 'UTF8'), ('{\"g\":' || g || '}')::jsonb,"
                    + " 'test_' || (g % 100), '1n2l4c1t', 'scx_' || (g % 10), 'CpuSpin', '6.14.2',"
                    + " 'p' || lpad((g / " + perRun + ")::text, 7, '0'), 'k000000', 'ci', g % 17 <> 0, false,"
                    + " '2026-01-01T00:00:00Z' FROM generate_series(0, " + (rows - 1) + ") g");
        }
    }

    /**
     * Client-side COPY of {@code rows} real sidecars in runs of {@code perRun}: test
     * {@code test_<i % 100>}, scheduler {@code scx_<i % 10>}, project commit one per run.
     */
    static long copy(String url, int rows, int perRun) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(url)) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO ktstr_run (run) SELECT 'run-' || lpad(g::text, 5, '0')"
                        + " FROM generate_series(0, " + ((rows - 1) / perRun) + ") g ON CONFLICT DO NOTHING");
            }
            CopyIn in = copy.copyIn("COPY ktstr_sidecar (run, file_name, run_created, content, doc, test_name,"
                    + " topology, scheduler, work_type, kernel_version, project_commit, kernel_commit, run_source,"
                    + " passed, skipped, \"timestamp\") FROM STDIN");
            ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
            HexFormat hex = HexFormat.of();
            try {
                for (int i = 0; i < rows; i++) {
                    int run = i / perRun;
                    SidecarResult r = SidecarResult.testFixture().toBuilder().testName("test_" + (i % 100))
                            .scheduler("scx_" + (i % 10)).topology("1n2l4c1t").workType("CpuSpin")
                            .projectCommit(String.format("p%07d", run)).kernelVersion("6.14.2")
                            .kernelCommit("k000000").runSource("ci").passed(i % 17 != 0)
                            .timestamp("2026-01-01T00:00:00Z").runId("20260101T000000Z-" + i)
                            .activeFlags(java.util.List.of("f" + i)).build();
                    byte[] json = SidecarCodec.write(r);
                    line.reset();
                    field(line, String.format("run-%05d", run));
                    field(line, SidecarNames.fileName(r));
                    field(line, "now");
                    field(line, "\\\\x" + hex.formatHex(json));
                    field(line, new String(json, StandardCharsets.UTF_8));
                    for (String v : new String[] {r.testName(), r.topology(), r.scheduler(), r.workType(),
                            "6.14.2", r.projectCommit().orElseThrow(), "k000000", "ci",
                            String.valueOf(r.passed()), "false"}) {
                        field(line, v);
                    }
                    line.write(r.timestamp().getBytes(StandardCharsets.UTF_8));
                    line.write('\n');
                    byte[] b = line.toByteArray();
                    in.writeToCopy(b, 0, b.length);
                }
                return in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        }
    }

    /** One COPY text-format field and its tab; backslash, tab, newline and CR escaped. */
    private static void field(ByteArrayOutputStream out, String v) {
        String esc = v.startsWith("\\\\x") ? v : v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r");
        byte[] b = esc.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        out.write('\t');
    }
}
