package dev.ktstr.api.spi;

import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.api.store.SidecarParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where sidecars live. It speaks in locator strings, not in {@link Path}, so that a store
 * without files (in memory, a database) can implement it:
 * <ul>
 *   <li>a <em>runs root</em> locates every run (filesystem: {@code {CARGO_TARGET_DIR or target}/ktstr});</li>
 *   <li>a <em>run location</em> locates one run (filesystem: a directory, either
 *       {@link #runLocation(String, String) root + run name} or the {@code KTSTR_SIDECAR_DIR}
 *       override used as is);</li>
 *   <li>a sidecar's <em>location</em> is where one sidecar lives (filesystem: its path).</li>
 * </ul>
 * The write orchestration (run key, lock, once-per-process pre-clear, fill) lives in
 * {@code dev.ktstr.api.write.SidecarWriter}; a store only does the storage steps. The only
 * file-system notion in this interface is {@link #lockFile}, which a store without files
 * answers with empty.
 */
public interface SidecarStore extends KtstrProvider {

    /** The location of run {@code runName} under {@code runsRoot}. No I/O. */
    String runLocation(String runsRoot, String runName);

    /**
     * Creates the run if it does not exist (with any missing parents) and returns its
     * canonical location: the same string for every spelling of the same run, which is what
     * the once-per-process pre-clear keys on.
     *
     * @throws IOException when the run cannot be created (e.g. the path is a regular file)
     */
    String createRun(String runLocation) throws IOException;

    /**
     * Creates run {@code runName} under {@code runsRoot} for a default-path write and returns
     * its canonical location. Unlike {@link #createRun(String)} the run must stay inside the
     * root: a store refuses a run that resolves elsewhere (filesystem: a symlinked run
     * directory), since the pre-clear that follows would delete sidecars outside it.
     *
     * @throws IOException when the run cannot be created or resolves outside the root
     */
    default String createRunUnder(String runsRoot, String runName) throws IOException {
        return createRun(runLocation(runsRoot, runName));
    }

    /**
     * The lock file that writers of run {@code runName} under {@code runsRoot} hold across
     * pre-clear and write ({@code {runs_root}/.locks/{run_name}.lock}, the file the Rust
     * tool flocks), or empty when this store needs no file lock.
     */
    Optional<Path> lockFile(String runsRoot, String runName);

    /**
     * Why this store could not hold a sidecar named {@code fileName} (for the filesystem: not
     * one plain name ending in {@code .ktstr.json}, or longer than a file name can be), or
     * empty when it can. No I/O. Writers ask before they pre-clear or write anything, so a
     * write that must fail leaves the run as it was.
     */
    default Optional<String> nameRefusal(String fileName) {
        return Optional.empty();
    }

    /**
     * Removes the sidecars and orphaned staging files at the top level of a run (never in
     * subdirectories, never other files). Failures on single entries are ignored; a missing
     * run is a no-op. Callers hold the run lock and call this once per run per process.
     *
     * @return how many entries were removed
     */
    int preClear(String runLocation) throws IOException;

    /**
     * Writes one sidecar atomically and durably: a concurrent reader sees the previous
     * content or the new one, never a part; after return the sidecar survives a crash.
     *
     * @param runLocation an existing run ({@link #createRun})
     * @param fileName    the sidecar file name; refused unless it is one plain name ending in
     *                    {@code .ktstr.json}
     * @param json        the complete content
     * @param runId       the sidecar's run id, used to name the staging file uniquely
     * @return the sidecar's location
     * @throws IOException when it cannot be written; nothing partial is left under the final name
     */
    String write(String runLocation, String fileName, byte[] json, String runId) throws IOException;

    /**
     * Reads one run: its sidecars and those one level of subdirectories down. Never fails:
     * every file matching the sidecar-name predicate lands in exactly one bucket, and
     * anything else that goes wrong is a walk problem. A missing run is empty.
     */
    <T> RunCollection<T> collect(String runLocation, SidecarParser<T> parser);

    /** Reads every run directly under {@code runsRoot}; sidecars directly in the root are ignored. */
    <T> PoolCollection<T> pool(String runsRoot, SidecarParser<T> parser);

    /**
     * The runs under {@code runsRoot}, newest first (then by name); dot-named entries such as
     * {@code .locks} are not runs. A missing root has no runs.
     *
     * @throws IOException when the root exists but cannot be listed
     */
    List<RunInfo> listRuns(String runsRoot) throws IOException;

    /** The newest run under {@code runsRoot}: the first of {@link #listRuns}. */
    default Optional<RunInfo> newestRun(String runsRoot) throws IOException {
        return listRuns(runsRoot).stream().findFirst();
    }

    /** A normalized spelling of {@code location}, for telling whether two locations are the same. */
    String canonicalLocation(String location);
}
