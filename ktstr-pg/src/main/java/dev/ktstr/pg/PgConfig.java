package dev.ktstr.pg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.postgresql.Driver;

/**
 * Where the database is and how to connect: a JDBC URL from {@code -Dktstr.pg.url} (wins) or
 * {@code KTSTR_PG_URL}. The password comes from the URL ({@code password=}), else
 * {@code PGPASSWORD}, else pgjdbc's own reading of {@code ~/.pgpass} (or {@code PGPASSFILE}).
 * Every connection carries the application name {@code ktstr-java pid <pid> on <host>} unless
 * the URL sets {@code ApplicationName}, so lock holders can be told apart in
 * {@code pg_stat_activity}. Immutable; no I/O but reading the host name.
 */
final class PgConfig {

    /** System property holding the JDBC URL. */
    static final String URL_PROPERTY = "ktstr.pg.url";
    /** Environment variable holding the JDBC URL. */
    static final String URL_ENV = "KTSTR_PG_URL";
    /** System property: largest number of pooled connections of the store (default 8). */
    static final String POOL_SIZE_PROPERTY = "ktstr.pg.poolSize";

    private final String url;
    private final Properties connectionProperties;
    private final String host;
    private final String port;
    private final String database;
    private final String user;

    private PgConfig(String url, Properties connectionProperties, String host, String port, String database,
            String user) {
        this.url = url;
        this.connectionProperties = connectionProperties;
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
    }

    /** The configuration of this process, or why there is none. */
    static Configured fromSystem() {
        return from(System::getProperty, System::getenv);
    }

    /** The configuration found in {@code properties} and {@code environment}, or why there is none. */
    static Configured from(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String url = nonEmpty(properties.apply(URL_PROPERTY));
        String source = "-D" + URL_PROPERTY;
        if (url == null) {
            url = nonEmpty(environment.apply(URL_ENV));
            source = URL_ENV;
        }
        if (url == null) {
            return new Configured(null, "no database configured: set " + URL_ENV + " (or -D" + URL_PROPERTY
                    + ") to a JDBC URL such as jdbc:postgresql://db.example:5432/ktstr?user=ci");
        }
        try {
            return new Configured(of(url, environment.apply("PGPASSWORD")), "");
        } catch (IllegalArgumentException e) {
            return new Configured(null, source + " is not usable: " + e.getMessage());
        }
    }

    /**
     * The configuration of {@code url}, with {@code pgPassword} ({@code PGPASSWORD}, may be null)
     * as the password when the URL has none.
     *
     * @throws IllegalArgumentException when {@code url} is not a PostgreSQL JDBC URL
     */
    static PgConfig of(String url, String pgPassword) {
        Objects.requireNonNull(url, "url");
        Properties parsed = Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw new IllegalArgumentException("'" + redact(url) + "' is not a PostgreSQL JDBC URL (it must start with"
                    + " jdbc:postgresql:// and be well formed)");
        }
        Properties props = new Properties();
        if (parsed.getProperty("password") == null && nonEmpty(pgPassword) != null) {
            props.setProperty("password", pgPassword);
        }
        if (parsed.getProperty("ApplicationName") == null) {
            props.setProperty("ApplicationName", applicationName());
        }
        // A dead peer (machine gone, network cut) must not hold an advisory lock forever.
        if (parsed.getProperty("tcpKeepAlive") == null) {
            props.setProperty("tcpKeepAlive", "true");
        }
        if (parsed.getProperty("connectTimeout") == null) {
            props.setProperty("connectTimeout", "10");
        }
        // Binary transfer from the first execution: a statement run once (every pool read) would
        // otherwise get its bytea content as hex text, twice the bytes to send and decode
        // (bench/pg-compare: an unpushed compare over 100k rows 21.9 s -> 17.3 s).
        if (parsed.getProperty("prepareThreshold") == null) {
            props.setProperty("prepareThreshold", "-1");
        }
        String user = parsed.getProperty("user", System.getProperty("user.name", "?"));
        return new PgConfig(url, props, parsed.getProperty("PGHOST", "localhost"),
                parsed.getProperty("PGPORT", "5432"), parsed.getProperty("PGDBNAME", ""), user);
    }

    /** The JDBC URL as configured (may hold a password: never print it; see {@link #display}). */
    String url() {
        return url;
    }

    /** Connection properties to add to the URL's (the URL's own win). */
    Properties connectionProperties() {
        Properties copy = new Properties();
        copy.putAll(connectionProperties);
        return copy;
    }

    String host() {
        return host;
    }

    String port() {
        return port;
    }

    String database() {
        return database;
    }

    String user() {
        return user;
    }

    /** {@code host:port}, as error messages name the server. */
    String server() {
        return host + ":" + port;
    }

    /**
     * The stable display form of the database, without credentials: {@code pg:<host>:<port>/<db>}.
     * It is the store's root: run locations are {@code <root>/<run>}.
     */
    String display() {
        return "pg:" + host + ":" + port + "/" + database;
    }

    /** Largest number of pooled store connections: {@code -Dktstr.pg.poolSize}, default 8. */
    static int poolSize() {
        String v = System.getProperty(POOL_SIZE_PROPERTY);
        if (v != null) {
            try {
                int n = Integer.parseInt(v.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the default
            }
        }
        return 8;
    }

    /** {@code ktstr-java pid <pid> on <host>}, as PostgreSQL shows it (63 bytes at most). */
    static String applicationName() {
        return "ktstr-java pid " + ProcessHandle.current().pid() + " on " + hostName();
    }

    private static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: fall back to the environment
        }
        String h = System.getenv("HOSTNAME");
        return h == null || h.isEmpty() ? "unknown-host" : h;
    }

    /** {@code url} with any {@code password=} value replaced. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^/@:]*):[^/@]*@", "//$1:***@");
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** A configuration, or the reason there is none. */
    record Configured(PgConfig config, String refusal) {
        Optional<PgConfig> get() {
            return Optional.ofNullable(config);
        }

        Optional<String> refusalIfAny() {
            return config == null ? Optional.of(refusal) : Optional.empty();
        }
    }

    @Override
    public String toString() {
        return display();
    }

    /** For tests: a configuration with extra properties (e.g. a short connect timeout). */
    PgConfig with(Map<String, String> extra) {
        Properties p = connectionProperties();
        extra.forEach(p::setProperty);
        return new PgConfig(url, p, host, port, database, user);
    }
}
