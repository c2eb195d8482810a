package dev.ktstr.api.spi;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.api.store.SidecarParser;
import dev.ktstr.api.store.WalkProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where sidecars live. It speaks in location strings and {@link RunRef}s, never in files, so
 * that a store without files (in memory, a database) implements all of it:
 * <ul>
 *   <li>a <em>root</em> holds runs (filesystem: a runs root directory; PostgreSQL: the
 *       database, spelled as the store reports it from {@link #defaultRoot});</li>
 *   <li>a <em>run location</em> names one run (filesystem: a directory, either
 *       {@link #runLocation root + run name} or the {@code KTSTR_SIDECAR_DIR} override; other
 *       stores: {@code root/name}, and an override location is taken as a run of its own);</li>
 *   <li>a sidecar's <em>location</em> names one stored sidecar (filesystem: its path);</li>
 *   <li>a <em>subdirectory</em> of a run is a second level of grouping inside it, which only
 *       the filesystem has (upstream reads one level of subdirectories); other stores have
 *       none.</li>
 * </ul>
 *
 * <p>Writing goes through a {@link WriteSession}, opened by {@code dev.ktstr.api.write.SidecarWriter}
 * (lock → open → pre-clear once → writes → close → release): {@link #openRun} takes the held
 * run lock, so a default-path run cannot be opened, let alone pre-cleared, without it.
 *
 * <p>A minimal store implements {@link #name}, {@link #defaultRoot}, {@link #openRun},
 * {@link #openLocation}, {@link #collect} and {@link #listRuns}; everything else has a default.
 * Implementations must be thread-safe: one instance serves a whole process
 * ({@code dev.ktstr.api.Providers}), and {@link #close} is called once at its end.
 */
public interface SidecarStore extends KtstrProvider {

    /**
     * The root this store uses when none is given, from {@code env}: filesystem
     * {@code {CARGO_TARGET_DIR or target}/ktstr}; a database store names its database.
     *
     * @param env the environment to read the store's settings from
     * @return the default root, spelled as this store spells roots
     */
    String defaultRoot(Env env);

    /**
     * The location of run {@code runName} under {@code root}. No I/O.
     *
     * @param root    a root of this store
     * @param runName the run name, {@code {kernel}-{project_commit}}
     * @return the run's location; the default is {@code root/runName}
     */
    default String runLocation(String root, String runName) {
        return new RunRef(root, runName).toString();
    }

    /**
     * The name of the {@link RunLock} provider this store's runs must be locked with, when the
     * store brings its own (PostgreSQL: {@code pg}); empty to leave the choice to the lock
     * lookup (filesystem: {@code flock}, else {@code nio}). An explicit lock choice still wins.
     *
     * @return the lock provider's name, or empty (the default)
     */
    default Optional<String> lockProvider() {
        return Optional.empty();
    }

    /**
     * Why this store could not hold a sidecar named {@code fileName} (filesystem: not one plain
     * name ending in {@code .ktstr.json}, or longer than a file name can be), or empty. No I/O.
     * Writers ask before they lock, pre-clear or write anything, so a write that must fail
     * leaves the run as it was.
     *
     * @param fileName the sidecar file name a writer is about to use
     * @return why the name is refused, or empty when it is accepted (the default accepts every name)
     */
    default Optional<String> nameRefusal(String fileName) {
        return Optional.empty();
    }

    /**
     * Opens run {@code run} for writing, creating it if missing, with its run lock held.
     *
     * @param run  the run to write
     * @param held the lock on exactly {@code run}, from the {@link RunLock} chosen for this store
     * @return a session that may pre-clear the run
     * @throws IOException when the run cannot be created, or resolves outside its root
     * @throws IllegalArgumentException when {@code held} is not a lock on {@code run}
     */
    WriteSession openRun(RunRef run, RunLock.Held held) throws IOException;

    /**
     * Opens the run at {@code location} as is (the {@code KTSTR_SIDECAR_DIR} override), creating
     * it if missing. No lock is held, so the session refuses {@link WriteSession#preClear}.
     *
     * @param location the run location to write into
     * @return a session that never pre-clears
     * @throws IOException when the location cannot be created or opened
     */
    WriteSession openLocation(String location) throws IOException;

    /**
     * Reads one run: its sidecars (and, on the filesystem, those one level of subdirectories
     * down). Never fails: every stored sidecar lands in exactly one bucket, valid, parse error
     * or IO error, and anything else that goes wrong is a walk problem. A missing run is empty.
     *
     * @param <T>         the parsed type
     * @param runLocation the run to read
     * @param parser      turns each sidecar's bytes into a value
     * @return everything read from the run
     */
    <T> RunCollection<T> collect(String runLocation, SidecarParser<T> parser);

    /**
     * The runs under {@code root}, newest first (then by name, UTF-8 byte order); dot-named
     * entries such as {@code .locks} are not runs. A missing root has no runs.
     *
     * @param root the root to list
     * @return the runs, newest first
     * @throws IOException when the root exists but cannot be listed
     */
    List<RunInfo> listRuns(String root) throws IOException;

    /**
     * Reads every run under {@code root}, ordered by run name (UTF-8 byte order).
     *
     * @param <T>    the parsed type
     * @param root   the root to read
     * @param parser turns each sidecar's bytes into a value
     * @return every run's collection; a root that cannot be listed gives no runs and a walk problem
     */
    default <T> PoolCollection<T> pool(String root, SidecarParser<T> parser) {
        return pool(root, PoolQuery.ALL, parser);
    }

    /**
     * Reads every run under {@code root}, or only what {@code query} selects where the store
     * can select before reading; see {@link PoolQuery} for what "only" promises. The default
     * collects every run listed.
     *
     * @param <T>    the parsed type
     * @param root   the root to read
     * @param query  which sidecars are needed; {@link PoolQuery#ALL} for every one
     * @param parser turns each sidecar's bytes into a value
     * @return the runs' collections, ordered by run name; a root that cannot be listed gives no
     *     runs and a walk problem
     */
    default <T> PoolCollection<T> pool(String root, PoolQuery query, SidecarParser<T> parser) {
        List<RunCollection<T>> runs = new ArrayList<>();
        try {
            List<RunInfo> listed = new ArrayList<>(listRuns(root));
            // UTF-8 byte order, unsigned: the order every store lists runs in.
            listed.sort((a, b) -> Arrays.compareUnsigned(a.name().getBytes(StandardCharsets.UTF_8),
                    b.name().getBytes(StandardCharsets.UTF_8)));
            for (RunInfo r : listed) {
                runs.add(collect(r.location(), parser));
            }
        } catch (IOException e) {
            return new PoolCollection<>(root, List.of(),
                    List.of(new WalkProblem(root, WalkProblem.Kind.UNREADABLE_DIRECTORY, String.valueOf(e.getMessage()))));
        }
        return new PoolCollection<>(root, runs, List.of());
    }

    /**
     * The newest run under {@code root}: the first of {@link #listRuns}.
     *
     * @param root the root to look in
     * @return the newest run, empty when there is none
     * @throws IOException when the root exists but cannot be listed
     */
    default Optional<RunInfo> newestRun(String root) throws IOException {
        return listRuns(root).stream().findFirst();
    }

    /**
     * A normalized spelling of {@code location}, for telling whether two locations are the same.
     *
     * @param location a run or sidecar location
     * @return the canonical spelling; the default returns {@code location} unchanged
     */
    default String canonicalLocation(String location) {
        return location;
    }

    /**
     * This store's persistent read cache, when it has one (the filesystem store's pool index);
     * empty by default.
     *
     * @return the cache, or empty when this store has none
     */
    default Optional<StoreCache> cache() {
        return Optional.empty();
    }
}
