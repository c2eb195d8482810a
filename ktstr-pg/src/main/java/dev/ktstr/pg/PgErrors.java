package dev.ktstr.pg;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * One-line {@link IOException}s for what goes wrong between ktstr and PostgreSQL, by SQLState:
 * the server cannot be reached ({@code 08001}), refuses the login ({@code 28P01},
 * {@code 28000}), has no such database ({@code 3D000}), dropped the connection ({@code 08006},
 * {@code 57P01}..{@code 57P03}); anything else keeps the server's own message. Messages name the
 * server as {@code host:port} and never the URL (it may carry a password).
 */
final class PgErrors {

    private PgErrors() {
    }

    /** The one-line error for {@code failure} while {@code doing} (e.g. "storing sidecar X"). */
    static IOException of(PgConfig cfg, String doing, Throwable failure) {
        return new IOException(message(cfg, doing, failure), failure);
    }

    static String message(PgConfig cfg, String doing, Throwable failure) {
        SQLException sql = find(failure, SQLException.class);
        String state = sql == null ? "" : String.valueOf(sql.getSQLState());
        String server = cfg.server();
        String prefix = doing.isEmpty() ? "" : doing + ": ";
        Throwable net = firstOf(failure, ConnectException.class, UnknownHostException.class,
                NoRouteToHostException.class, SocketTimeoutException.class);
        if (state.equals("08001") || (sql == null && net != null)) {
            String why = net != null ? net.getClass().getSimpleName().replace("Exception", "") + ": "
                    + oneLine(net.getMessage()) : oneLine(sql == null ? failure.getMessage() : sql.getMessage());
            return prefix + "cannot connect to PostgreSQL at " + server + " (" + why + "): is PostgreSQL running"
                    + " there and accepting TCP connections? (database from " + PgConfig.URL_ENV + ")";
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return prefix + "PostgreSQL at " + server + " refused user '" + cfg.user() + "' for database '"
                    + cfg.database() + "': " + serverMessage(sql) + "; check the user and password (in "
                    + PgConfig.URL_ENV + ", PGPASSWORD or ~/.pgpass) and the server's pg_hba.conf";
        }
        if (state.equals("3D000")) {
            return prefix + "database '" + cfg.database() + "' does not exist on PostgreSQL at " + server
                    + ": create it with createdb -h " + cfg.host() + " -p " + cfg.port() + " " + cfg.database()
                    + ", or fix the database name in " + PgConfig.URL_ENV;
        }
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return prefix + "lost the connection to PostgreSQL at " + server + " (" + serverMessage(sql)
                    + "): the server restarted, shut down or the network dropped; run the command again";
        }
        if (sql != null) {
            return prefix + "PostgreSQL at " + server + ": " + serverMessage(sql) + " (SQLState " + state + ")";
        }
        return prefix + "PostgreSQL at " + server + ": " + oneLine(String.valueOf(failure.getMessage()));
    }

    /** Whether {@code failure} says the connection itself is unusable (server gone or restarting). */
    static boolean isConnectionLoss(Throwable failure) {
        SQLException sql = find(failure, SQLException.class);
        String state = sql == null ? "" : String.valueOf(sql.getSQLState());
        return state.startsWith("08") || state.startsWith("57P");
    }

    private static String serverMessage(SQLException sql) {
        if (sql == null) {
            return "no details";
        }
        String m = oneLine(String.valueOf(sql.getMessage()));
        return m.startsWith("FATAL: ") ? m.substring(7) : m.startsWith("ERROR: ") ? m.substring(7) : m;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    @SafeVarargs
    private static Throwable firstOf(Throwable t, Class<? extends Throwable>... types) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(c)) {
                    return c;
                }
            }
        }
        return null;
    }
}
