package dev.ktstr.api.spi;

import java.io.IOException;

/**
 * Writing one run: obtained from {@link SidecarStore#openRun} (the lock already held) or
 * {@link SidecarStore#openLocation} (the {@code KTSTR_SIDECAR_DIR} override: no lock, never
 * pre-cleared). The writer drives it: {@link #preClear} at most once, then any number of
 * {@link #write}s, then {@link #close}. Not thread-safe: one thread uses a session.
 */
public interface WriteSession extends AutoCloseable {

    /** {@return the run's canonical location: the same string for every spelling of the same run} */
    String location();

    /**
     * Removes the run's sidecars and orphaned staging entries (filesystem: at the top level
     * only, never subdirectories or other files). Single-entry failures are ignored.
     *
     * @return how many sidecars or staging entries were removed
     * @throws IllegalStateException when the session was opened without the run lock
     * @throws IOException           when the run itself cannot be listed or cleared
     */
    int preClear() throws IOException;

    /**
     * Stores one sidecar atomically and durably: a concurrent reader sees the previous content
     * or the new one, never a part; after return it survives a crash. The same file name in
     * the same run replaces the previous sidecar.
     *
     * @param fileName a name {@link SidecarStore#nameRefusal} accepts: a sidecar file name, or
     *                 {@code subdir/name} one level down for stores that keep a run's
     *                 subdirectories (filesystem, PostgreSQL; {@code sidecar push} uses it to
     *                 keep {@code repeat-N/} trees); the writer only ever writes plain names
     * @param json     the complete content, stored byte for byte
     * @param runId    the sidecar's run id (the filesystem names its staging file with it)
     * @return the sidecar's location
     * @throws IOException when it cannot be stored; nothing partial is left visible
     */
    String write(String fileName, byte[] json, String runId) throws IOException;

    /** Ends the session; does not release the run lock (its holder does). Idempotent. */
    @Override
    default void close() throws IOException {
    }
}
