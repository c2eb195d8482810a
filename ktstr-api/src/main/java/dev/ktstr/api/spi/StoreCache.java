package dev.ktstr.api.spi;

import java.io.IOException;

/**
 * A store's persistent read cache (the filesystem store's pool index), as operators see it:
 * where it is, how big, and a way to drop it. Reached through {@link SidecarStore#cache()};
 * a store without a cache has none. Whether a read uses the cache is the reader's choice
 * ({@code SidecarReader.Builder.cache}, {@code KTSTR_CACHE=off}).
 */
public interface StoreCache {

    /**
     * What the cache holds now.
     *
     * @return the cache's location, switch, size and limit
     * @throws IOException when the cache directory cannot be read
     */
    Info info() throws IOException;

    /**
     * Removes every cache file.
     *
     * @return how many files were removed
     * @throws IOException when the cache cannot be cleared
     */
    int clear() throws IOException;

    /**
     * What a cache holds, for {@code cache info}.
     *
     * @param location the cache directory
     * @param enabled  false when {@code KTSTR_CACHE=off} (or {@code -Dktstr.cache=off}) turns it off for this process
     * @param files    index files in it
     * @param bytes    their total size
     * @param entries  cached sidecar entries over all files (unreadable files count none)
     * @param limitBytes the size the store keeps the directory under, evicting the least recently used
     */
    record Info(String location, boolean enabled, int files, long bytes, long entries, long limitBytes) {
    }
}
