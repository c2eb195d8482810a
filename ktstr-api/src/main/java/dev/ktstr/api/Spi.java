package dev.ktstr.api;

import dev.ktstr.api.spi.CommitProbe;
import dev.ktstr.api.spi.HostProbe;
import dev.ktstr.api.spi.KtstrProvider;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.SidecarStore;
import java.util.List;
import java.util.Locale;

/**
 * One service-provider interface of ktstr-java, with the names used to choose its provider
 * and the module that ships the default one.
 *
 * @param <S> the provider type
 */
public final class Spi<S extends KtstrProvider> {

    /** Where sidecars are written and read. Default provider: {@code fs} in {@code dev.ktstr.fs}. */
    public static final Spi<SidecarStore> STORE =
            new Spi<>("store", SidecarStore.class, "dev.ktstr.fs", "dev.ktstr:ktstr-fs");
    /** Project and kernel commit probe. Default provider: {@code jgit} in {@code dev.ktstr.git}. */
    public static final Spi<CommitProbe> PROBE =
            new Spi<>("probe", CommitProbe.class, "dev.ktstr.git", "dev.ktstr:ktstr-git");
    /** Cross-process run lock. Default provider: {@code flock} in {@code dev.ktstr.posix}. */
    public static final Spi<RunLock> LOCK =
            new Spi<>("lock", RunLock.class, "dev.ktstr.posix", "dev.ktstr:ktstr-posix");

    /**
     * Host context and kernel identity probe. Default provider: {@code linux} in
     * {@code dev.ktstr.host}.
     */
    public static final Spi<HostProbe> HOST =
            new Spi<>("host", HostProbe.class, "dev.ktstr.host", "dev.ktstr:ktstr-host");

    /** Every SPI, in a stable order. */
    public static final List<Spi<?>> ALL = List.of(STORE, PROBE, LOCK, HOST);

    private final String key;
    private final Class<S> type;
    private final String defaultModule;
    private final String defaultArtifact;

    private Spi(String key, Class<S> type, String defaultModule, String defaultArtifact) {
        this.key = key;
        this.type = type;
        this.defaultModule = defaultModule;
        this.defaultArtifact = defaultArtifact;
    }

    /** {@return the short key: {@code store}, {@code probe}, {@code lock} or {@code host}} */
    public String key() {
        return key;
    }

    /** {@return the provider interface} */
    public Class<S> type() {
        return type;
    }

    /** {@return the system property that chooses a provider by name}, e.g. {@code ktstr.store}. */
    public String propertyName() {
        return "ktstr." + key;
    }

    /** {@return the environment variable that chooses a provider by name}, e.g. {@code KTSTR_STORE}. */
    public String environmentVariable() {
        return "KTSTR_" + key.toUpperCase(Locale.ROOT);
    }

    /** {@return the JPMS module that ships this project's provider}, e.g. {@code dev.ktstr.fs} */
    public String defaultModule() {
        return defaultModule;
    }

    /** {@return the Maven coordinates ({@code groupId:artifactId}) of this project's provider} */
    public String defaultArtifact() {
        return defaultArtifact;
    }

    @Override
    public String toString() {
        return type.getSimpleName() + " (" + propertyName() + ")";
    }
}
