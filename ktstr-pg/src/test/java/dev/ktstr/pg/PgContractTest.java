package dev.ktstr.pg;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.Providers;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.tck.RunLockContract;
import dev.ktstr.tck.SidecarStoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/** The pg store and the pg lock pass ktstr-tck's contracts, each case on a fresh database. */
class PgContractTest {

    private static final List<AutoCloseable> CLEANUP = new ArrayList<>();

    @AfterAll
    static void dropDatabases() throws Exception {
        System.clearProperty(PgConfig.URL_PROPERTY);
        Providers.closeAll();
        synchronized (CLEANUP) {
            for (int i = CLEANUP.size() - 1; i >= 0; i--) {
                CLEANUP.get(i).close();
            }
            CLEANUP.clear();
        }
    }

    private static <T extends AutoCloseable> T later(T c) {
        synchronized (CLEANUP) {
            CLEANUP.add(c);
        }
        return c;
    }

    @Nested
    class Store extends SidecarStoreContract {
        private TestDatabase db;

        @BeforeEach
        void needServer() {
            TestDatabase.assumeReachable();
        }

        @Override
        protected SidecarStore newStore() {
            TestDatabase.assumeReachable();
            db = later(TestDatabase.create());
            // The contract also finds the lock the store names through Providers.named: the
            // process-wide pg lock is configured from -Dktstr.pg.url, so point it at this case's
            // database and drop the previous case's instance.
            System.setProperty(PgConfig.URL_PROPERTY, db.url);
            Providers.closeAll();
            return new PgSidecarStore(db.config());
        }

        /** The database of this case: the pg store's root is its database. */
        @Override
        protected String newRoot() {
            return store().defaultRoot(Env.of(Map.of()));
        }

        @Override
        protected RunLock lockFor(SidecarStore store) {
            return later(new PgRunLock(db.config()));
        }
    }

    @Nested
    class Lock extends RunLockContract {
        private TestDatabase db;

        @BeforeEach
        void needServer() {
            TestDatabase.assumeReachable();
        }

        @Override
        protected RunLock newLock() {
            TestDatabase.assumeReachable();
            if (db == null) {
                db = later(TestDatabase.create());
            }
            return new PgRunLock(db.config());
        }

        @Override
        protected RunRef newRun() {
            return new RunRef(db.config().display(), "run-" + UUID.randomUUID());
        }
    }
}
