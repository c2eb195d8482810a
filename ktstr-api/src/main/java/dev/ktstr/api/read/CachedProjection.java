package dev.ktstr.api.read;

import dev.ktstr.api.schema.SidecarResult;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A projection of sidecars (see {@link SidecarReader#pool(String, boolean, CachedProjection, dev.ktstr.api.spi.PoolQuery)})
 * whose results a store may cache across processes: a name, the function, and the class that
 * defines it. The cache key is made of the name, the build of this API (its codec) and the
 * build of {@code owner} (the jar or class file it was loaded from: size and modification
 * time), so a rebuilt projection or codec never reads an older build's entries. The function
 * must depend on its argument alone.
 *
 * @param name     what the projection keeps, stable across runs (e.g. {@code list-values.dimensions})
 * @param function the projection
 * @param owner    the class whose code the function is (e.g. the report class it is a method of)
 */
public record CachedProjection(String name, UnaryOperator<SidecarResult> function, Class<?> owner) {

    public CachedProjection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(owner, "owner");
    }
}
