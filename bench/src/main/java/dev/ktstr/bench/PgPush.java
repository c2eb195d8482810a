package dev.ktstr.bench;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.Providers;
import dev.ktstr.api.Spi;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.PoolQuery;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.api.spi.WriteSession;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.StoredSidecar;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Where the time of a push into the pg store goes: {@code PgPush ROOT JDBC_URL MODE...}.
 *
 * <p>Reads the runs root once through the fs store (bytes, as {@code sidecar push} does), then
 * for each MODE empties the two tables and pushes every sidecar again, printing rows/s:
 * <ul>
 *   <li>{@code parse}: no database; {@code SidecarCodec.read} of every sidecar, once (the CLI
 *       parses each sidecar three times: validation, run id, the store's dimensions);</li>
 *   <li>{@code session}: the store's own path, as the CLI drives it: per run the pg run lock, one
 *       {@code WriteSession}, one {@code write} (one transaction, durable at return) per sidecar;</li>
 *   <li>{@code session2}: the same on two threads, each pushing whole runs;</li>
 *   <li>{@code async}: the store's upsert statement (read from {@code PgWriteSession}), one
 *       transaction per row as the store does, with {@code synchronous_commit = off}: the
 *       per-commit WAL flush taken out;</li>
 *   <li>{@code batch}: the same statement, 1,000 rows per JDBC batch and per transaction;</li>
 *   <li>{@code copy}: one {@code COPY ... FROM STDIN} of the same rows: the server's floor.</li>
 * </ul>
 * The raw modes compute the dimensions as the store does (one parse per sidecar, jsonb copy).
 */
public final class PgPush {

    /**
     * The store's statement, {@code PgWriteSession.UPSERT}, read from the store itself so that
     * the raw modes do the same server work (the benchmarks run on the class path, where the
     * package-private field is reachable by reflection).
     */
    private static final String UPSERT = storeUpsert();

    private PgPush() {
    }

    private static String storeUpsert() {
        try {
            java.lang.reflect.Field f = Class.forName("dev.ktstr.pg.PgWriteSession").getDeclaredField("UPSERT");
            f.setAccessible(true);
            return (String) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the pg store's upsert statement", e);
        }
    }

    /** One sidecar to push: its run, file name and bytes. */
    record Row(String run, String file, byte[] json) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: PgPush ROOT JDBC_URL MODE... (parse session session2 async batch copy)");
            System.exit(2);
        }
        String root = args[0];
        String url = args[1];
        System.setProperty("ktstr.pg.url", url);
        System.setProperty("ktstr.store", "pg");
        SidecarStore fs = Providers.named(Spi.STORE, "fs");
        long t0 = System.nanoTime();
        PoolCollection<byte[]> pool = fs.pool(root, PoolQuery.ALL, (l, b) -> b);
        List<List<Row>> runs = new ArrayList<>();
        long bytes = 0;
        for (RunCollection<byte[]> run : pool.runs()) {
            String name = last(run.location());
            List<Row> rows = new ArrayList<>();
            for (StoredSidecar<byte[]> s : run.sidecars()) {
                rows.add(new Row(name, last(s.location()), s.sidecar()));
                bytes += s.sidecar().length;
            }
            runs.add(rows);
        }
        long n = runs.stream().mapToLong(List::size).sum();
        System.out.printf(Locale.ROOT, "fs read: %d sidecars (%d MB) in %d runs, %.2f s (read only, not timed below)%n",
                n, bytes >> 20, runs.size(), (System.nanoTime() - t0) / 1e9);
        SidecarStore pg = Providers.named(Spi.STORE, "pg");
        String pgRoot = pg.defaultRoot(Env.system());
        pg.listRuns(pgRoot); // schema
        System.out.printf(Locale.ROOT, "%-9s %9s %10s %8s%n", "mode", "seconds", "rows/s", "vs copy");
        List<double[]> results = new ArrayList<>();
        double copyRate = Double.NaN;
        List<String> modes = List.of(args).subList(2, args.length);
        for (String mode : modes) {
            truncate(url);
            long m0 = System.nanoTime();
            switch (mode) {
                case "parse" -> runs.forEach(rs -> rs.forEach(r -> SidecarCodec.read(r.json())));
                case "session" -> session(pg, pgRoot, new ConcurrentLinkedQueue<>(runs));
                case "session2" -> {
                    ConcurrentLinkedQueue<List<Row>> q = new ConcurrentLinkedQueue<>(runs);
                    List<Throwable> failed = new ArrayList<>();
                    Thread other = new Thread(() -> {
                        try {
                            session(pg, pgRoot, q);
                        } catch (Exception e) {
                            synchronized (failed) {
                                failed.add(e);
                            }
                        }
                    });
                    other.start();
                    session(pg, pgRoot, q);
                    other.join();
                    if (!failed.isEmpty()) {
                        throw new IllegalStateException(failed.get(0));
                    }
                }
                case "async" -> raw(url, runs, false);
                case "batch" -> raw(url, runs, true);
                case "copy" -> copy(url, runs);
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
            double s = (System.nanoTime() - m0) / 1e9;
            if (mode.equals("copy")) {
                copyRate = n / s;
            }
            results.add(new double[] {s});
            System.out.printf(Locale.ROOT, "%-9s %9.2f %10.0f%n", mode, s, n / s);
            if (!mode.equals("parse")) {
                long stored = count(url);
                if (stored != n) {
                    throw new IllegalStateException(mode + ": " + stored + " rows stored, expected " + n);
                }
            }
        }
        if (!Double.isNaN(copyRate)) {
            System.out.printf(Locale.ROOT, "rates relative to copy (%.0f rows/s):", copyRate);
            for (int i = 0; i < modes.size(); i++) {
                System.out.printf(Locale.ROOT, " %s %.2f", modes.get(i), n / results.get(i)[0] / copyRate);
            }
            System.out.println();
        }
        Providers.closeAll();
    }

    /** Runs from {@code q} until it is empty, each under its pg run lock, one WriteSession.write per sidecar. */
    private static void session(SidecarStore pg, String pgRoot, ConcurrentLinkedQueue<List<Row>> q) throws Exception {
        RunLock lock = Providers.lock();
        for (List<Row> run = q.poll(); run != null; run = q.poll()) {
            if (run.isEmpty()) {
                continue;
            }
            RunRef ref = new RunRef(pgRoot, run.get(0).run());
            try (RunLock.Held held = lock.acquire(ref, RunLock.Mode.EXCLUSIVE, Duration.ofSeconds(30));
                    WriteSession s = pg.openRun(ref, held)) {
                for (Row r : run) {
                    // The CLI parses for the run id too; so does this, to time the same work.
                    s.write(r.file(), r.json(), SidecarCodec.read(r.json()).runId());
                }
            }
        }
    }

    private static void raw(String url, List<List<Row>> runs, boolean batch) throws Exception {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            try (Statement st = c.createStatement()) {
                st.execute(batch ? "SET synchronous_commit = on" : "SET synchronous_commit = off");
            }
            c.setAutoCommit(!batch);
            int pending = 0;
            for (List<Row> run : runs) {
                for (Row r : run) {
                    bind(ps, r);
                    if (batch) {
                        ps.addBatch();
                        if (++pending == 1000) {
                            ps.executeBatch();
                            c.commit();
                            pending = 0;
                        }
                    } else {
                        ps.executeUpdate();
                    }
                }
            }
            if (batch && pending > 0) {
                ps.executeBatch();
                c.commit();
            }
        }
    }

    private static void bind(PreparedStatement ps, Row row) throws Exception {
        SidecarResult r = SidecarCodec.read(row.json());
        int i = 1;
        ps.setString(i++, row.run());
        ps.setString(i++, row.run());
        ps.setString(i++, row.file());
        ps.setBytes(i++, row.json());
        ps.setString(i++, new String(row.json(), StandardCharsets.UTF_8));
        ps.setString(i++, r.testName());
        ps.setString(i++, r.topology());
        ps.setString(i++, r.scheduler());
        ps.setString(i++, r.workType());
        ps.setString(i++, r.kernelVersion().orElse(null));
        ps.setString(i++, r.projectCommit().orElse(null));
        ps.setString(i++, r.kernelCommit().orElse(null));
        ps.setString(i++, r.runSource().orElse(null));
        ps.setBoolean(i++, r.passed());
        ps.setBoolean(i++, r.skipped());
        ps.setString(i, r.timestamp());
    }

    private static void copy(String url, List<List<Row>> runs) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement st = c.createStatement()) {
                for (List<Row> run : runs) {
                    if (!run.isEmpty()) {
                        st.addBatch("INSERT INTO ktstr_run (run) VALUES ('" + run.get(0).run().replace("'", "''")
                                + "') ON CONFLICT DO NOTHING");
                    }
                }
                st.executeBatch();
            }
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY ktstr_sidecar (run, file_name,"
                    + " run_created, content, doc, test_name, topology, scheduler, work_type, kernel_version,"
                    + " project_commit, kernel_commit, run_source, passed, skipped, \"timestamp\") FROM STDIN");
            HexFormat hex = HexFormat.of();
            ByteArrayOutputStream line = new ByteArrayOutputStream(32768);
            try {
                for (List<Row> run : runs) {
                    for (Row row : run) {
                        SidecarResult r = SidecarCodec.read(row.json());
                        line.reset();
                        field(line, row.run());
                        field(line, row.file());
                        field(line, "now");
                        raw(line, "\\\\x" + hex.formatHex(row.json()));
                        field(line, new String(row.json(), StandardCharsets.UTF_8));
                        for (String v : new String[] {r.testName(), r.topology(), r.scheduler(), r.workType(),
                                r.kernelVersion().orElse("\\N"), r.projectCommit().orElse("\\N"),
                                r.kernelCommit().orElse("\\N"), r.runSource().orElse("\\N"),
                                String.valueOf(r.passed()), String.valueOf(r.skipped())}) {
                            if (v.equals("\\N")) {
                                raw(line, v);
                            } else {
                                field(line, v);
                            }
                        }
                        line.write(r.timestamp().getBytes(StandardCharsets.UTF_8));
                        line.write('\n');
                        in.writeToCopy(line.toByteArray(), 0, line.size());
                    }
                }
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        }
    }

    private static void field(ByteArrayOutputStream out, String v) {
        raw(out, v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
    }

    private static void raw(ByteArrayOutputStream out, String already) {
        byte[] b = already.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        out.write('\t');
    }

    private static void truncate(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("TRUNCATE ktstr_sidecar, ktstr_run");
            st.execute("CHECKPOINT");
        }
    }

    private static long count(String url) throws Exception {
        AtomicLong n = new AtomicLong();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM ktstr_sidecar")) {
            rs.next();
            n.set(rs.getLong(1));
        }
        return n.get();
    }

    static String last(String location) {
        String l = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        return l.substring(l.lastIndexOf('/') + 1);
    }
}
