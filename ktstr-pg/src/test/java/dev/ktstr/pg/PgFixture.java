package dev.ktstr.pg;

import dev.ktstr.api.env.Env;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh database per test class with a store and a lock on it: {@link #db}, {@link #store},
 * {@link #lock} and the store's {@link #root}, opened before the class's own {@code @BeforeAll}
 * and closed after its tests. Every test is skipped with the reason when no server is reachable
 * (a failure under {@code CI=true}, see {@link TestDatabase}); before that, the fields are null.
 * Test classes run one after another, so the static fields serve one class at a time.
 */
abstract class PgFixture {
    static TestDatabase db;
    static PgSidecarStore store;
    static PgRunLock lock;
    static String root;

    @BeforeAll
    static void openFixture() {
        db = TestDatabase.create();
        if (db == null) {
            return;
        }
        store = new PgSidecarStore(db.config());
        lock = new PgRunLock(db.config());
        root = store.defaultRoot(Env.of(Map.of()));
    }

    @BeforeEach
    void needServer() {
        TestDatabase.assumeReachable();
    }

    @AfterAll
    static void closeFixture() {
        if (store != null) {
            store.close();
            lock.close();
            store = null;
            lock = null;
        }
        if (db != null) {
            db.close();
            db = null;
        }
    }
}
