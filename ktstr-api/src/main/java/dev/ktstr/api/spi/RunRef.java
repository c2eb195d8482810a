package dev.ktstr.api.spi;

import java.util.Objects;

/**
 * One run as a store and its lock both name it: a root and a run name. For the filesystem the
 * root is a runs root directory ({@code {CARGO_TARGET_DIR or target}/ktstr}) and the run is the
 * directory {@code {root}/{name}}; a store without files treats the root as a namespace of its
 * own choosing (the PostgreSQL store: its database) and the name as the run's key.
 *
 * @param root where runs live, as the store spells it
 * @param name the run name, {@code {kernel}-{project_commit}}, one plain name
 */
public record RunRef(String root, String name) {
    /**
     * A run reference.
     *
     * @param root where runs live, as the store spells it; not null
     * @param name the run name, one plain name; not null
     */
    public RunRef {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return root.isEmpty() || root.endsWith("/") ? root + name : root + "/" + name;
    }
}
