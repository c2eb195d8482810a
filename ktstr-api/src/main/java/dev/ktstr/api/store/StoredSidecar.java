package dev.ktstr.api.store;

import java.util.Objects;
import java.util.function.Function;

/**
 * One sidecar that was read and parsed, with where it lives.
 *
 * @param location where the sidecar lives (for the filesystem store, its path as walked)
 * @param sidecar  the parsed content
 * @param <T>      the parsed type ({@code SidecarResult} for the codec)
 */
public record StoredSidecar<T>(String location, T sidecar) {
    /**
     * A stored sidecar.
     *
     * @param location where the sidecar lives; not null
     * @param sidecar  the parsed content; not null
     */
    public StoredSidecar {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sidecar, "sidecar");
    }

    /**
     * The same location with the content transformed.
     *
     * @param <R> the transformed type
     * @param f   applied to the content; must not return null
     * @return a new stored sidecar at the same location
     */
    public <R> StoredSidecar<R> map(Function<? super T, ? extends R> f) {
        return new StoredSidecar<>(location, f.apply(sidecar));
    }
}
