package dev.ktstr.api.spi;

import java.io.IOException;

/**
 * A store's persistent read cache (the filesystem store's pool index), as operators see it:
 * where it is, how big, and a way to drop it. Reached through {@link SidecarStore#cache()};
 * a store without a cache has none. Whether a read uses the cache is the reader's choice
 * ({@code SidecarReader.Builder.cache}, {@code KTSTR_CACHE=off}).
 */
public interface StoreCache {

    /** What the cache holds now. */
    Info info() throws IOException;

    /** Removes every cache file; returns how many were removed. */
    int clear() throws IOException;

    /**
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
