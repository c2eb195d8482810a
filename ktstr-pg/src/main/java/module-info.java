/**
 * The PostgreSQL {@link dev.ktstr.api.spi.SidecarStore} (name {@code pg}) and its
 * {@link dev.ktstr.api.spi.RunLock} (name {@code pg}, advisory locks), for CI fleets that land
 * results in one database. Exports nothing; reach it through {@link dev.ktstr.api.Providers}
 * with {@code KTSTR_STORE=pg} (or {@code -Dktstr.store=pg}) and {@code KTSTR_PG_URL}
 * (or {@code -Dktstr.pg.url}) set to a JDBC URL. Choosing the store brings its lock.
 *
 * <p>Module-path notes. pgjdbc ships an Automatic-Module-Name ({@code org.postgresql.jdbc});
 * HikariCP a real descriptor ({@code com.zaxxer.hikari}, which requires {@code org.slf4j});
 * Flyway 13 ships neither, so its module names are derived from the jar file names
 * ({@code flyway.core}, {@code flyway.database.postgresql}): keep those jars named as Maven
 * Central names them. Flyway finds its PostgreSQL support with {@link java.util.ServiceLoader};
 * automatic modules may use any service, and {@code requires flyway.database.postgresql} makes
 * sure that module is resolved even though no code here names it. The migrations live at
 * {@code db/migration/ktstr-pg}, a resource path that is not a package name, hence not
 * encapsulated: Flyway reads it on the module path without an {@code opens}.
 *
 * @provides dev.ktstr.api.spi.SidecarStore
 * @provides dev.ktstr.api.spi.RunLock
 */
module dev.ktstr.pg {
    requires dev.ktstr.api;
    requires java.sql;
    requires org.postgresql.jdbc;
    requires com.zaxxer.hikari;
    requires flyway.core;
    requires flyway.database.postgresql;

    provides dev.ktstr.api.spi.SidecarStore with dev.ktstr.pg.PgSidecarStore;
    provides dev.ktstr.api.spi.RunLock with dev.ktstr.pg.PgRunLock;
}
