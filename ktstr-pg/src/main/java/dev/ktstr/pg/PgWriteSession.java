package dev.ktstr.pg;

import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.spi.WriteSession;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;
import java.util.Optional;

/**
 * Writing one run of the pg store. Each {@link #write} is one transaction of one statement: the run's row is
 * touched (its {@code updated_at}, which orders {@link PgSidecarStore#listRuns}) and the
 * sidecar's row inserted or replaced; a crash or a kill before the commit leaves nothing. A
 * session holds no connection between calls. Not thread-safe, as the SPI says.
 */
final class PgWriteSession implements WriteSession {

    /** One statement: touch the run (its updated_at), then upsert the sidecar with the run's created_at. */
    private static final String UPSERT = "WITH r AS (INSERT INTO ktstr_run (run) VALUES (?)"
            + " ON CONFLICT (run) DO UPDATE SET updated_at = now() RETURNING created_at)"
            + " INSERT INTO ktstr_sidecar (run, file_name, run_created, content, doc,"
            + " test_name, topology, scheduler, work_type, kernel_version, project_commit, kernel_commit, run_source,"
            + " passed, skipped, \"timestamp\", stored_at)"
            + " SELECT ?, ?, r.created_at, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now() FROM r"
            + " ON CONFLICT ON CONSTRAINT ktstr_sidecar_pkey DO UPDATE SET run_created = EXCLUDED.run_created,"
            + " content = EXCLUDED.content, doc = EXCLUDED.doc, test_name = EXCLUDED.test_name,"
            + " topology = EXCLUDED.topology, scheduler = EXCLUDED.scheduler, work_type = EXCLUDED.work_type,"
            + " kernel_version = EXCLUDED.kernel_version, project_commit = EXCLUDED.project_commit,"
            + " kernel_commit = EXCLUDED.kernel_commit, run_source = EXCLUDED.run_source, passed = EXCLUDED.passed,"
            + " skipped = EXCLUDED.skipped, \"timestamp\" = EXCLUDED.\"timestamp\", stored_at = EXCLUDED.stored_at";

    private final PgSidecarStore store;
    private final PgConfig cfg;
    private final String run;
    private final String location;
    private final boolean locked;

    PgWriteSession(PgSidecarStore store, PgConfig cfg, String run, String location, boolean locked) {
        this.store = store;
        this.cfg = cfg;
        this.run = run;
        this.location = location;
        this.locked = locked;
    }

    @Override
    public String location() {
        return location;
    }

    /** Deletes the run's rows and restarts its {@code created_at}, in one transaction. */
    @Override
    public int preClear() throws IOException {
        if (!locked) {
            throw new IllegalStateException("refusing to pre-clear " + location + ": the session was opened without"
                    + " the run lock (a KTSTR_SIDECAR_DIR-style location is never pre-cleared)");
        }
        try {
            return store.retrying(this::clear);
        } catch (SQLException e) {
            throw store.failure(cfg, "pre-clearing run " + location, e);
        }
    }

    private int clear() throws SQLException, IOException {
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM ktstr_sidecar WHERE run = ?");
                    PreparedStatement reset = c.prepareStatement(
                            "UPDATE ktstr_run SET created_at = now(), updated_at = now() WHERE run = ?")) {
                del.setString(1, run);
                int removed = del.executeUpdate();
                reset.setString(1, run);
                reset.executeUpdate();
                c.commit();
                return removed;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    @Override
    public String write(String fileName, byte[] json, String runId) throws IOException {
        Objects.requireNonNull(json, "json");
        Optional<String> why = SidecarNames.storedNameProblem(fileName);
        if (why.isPresent()) {
            throw new IllegalArgumentException("refusing to store sidecar '" + SidecarNames.printable(fileName) + "' in "
                    + location + ": it " + why.get());
        }
        String target = location + "/" + fileName;
        Dimensions dims = Dimensions.of(json);
        try {
            store.retrying(() -> upsert(fileName, json, dims));
        } catch (SQLException e) {
            // A document valid for ktstr but not for jsonb (a data exception, class 22): keep the
            // bytes and the dimensions, without the jsonb copy.
            if (dims.jsonText() != null && String.valueOf(e.getSQLState()).startsWith("22")) {
                try {
                    store.retrying(() -> upsert(fileName, json, dims.withoutJson()));
                    return target;
                } catch (SQLException again) {
                    throw store.failure(cfg, "storing sidecar " + target, again);
                }
            }
            throw store.failure(cfg, "storing sidecar " + target, e);
        }
        return target;
    }

    /** One statement in autocommit: one transaction, atomic and (synchronous_commit = on) durable at return. */
    private int upsert(String fileName, byte[] json, Dimensions d) throws SQLException, IOException {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            c.setAutoCommit(true);
            int i = 1;
            ps.setString(i++, run);
            ps.setString(i++, run);
            ps.setString(i++, fileName);
            ps.setBytes(i++, json);
            ps.setString(i++, d.jsonText());
            ps.setString(i++, d.testName());
            ps.setString(i++, d.topology());
            ps.setString(i++, d.scheduler());
            ps.setString(i++, d.workType());
            ps.setString(i++, d.kernelVersion());
            ps.setString(i++, d.projectCommit());
            ps.setString(i++, d.kernelCommit());
            ps.setString(i++, d.runSource());
            setBoolean(ps, i++, d.passed());
            setBoolean(ps, i++, d.skipped());
            ps.setString(i, d.timestamp());
            return ps.executeUpdate();
        }
    }

    private static void setBoolean(PreparedStatement ps, int i, Boolean b) throws SQLException {
        if (b == null) {
            ps.setNull(i, Types.BOOLEAN);
        } else {
            ps.setBoolean(i, b);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it, the server rolls back
        }
    }
}
