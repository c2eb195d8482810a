package dev.ktstr.api.store;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every run under a runs root, each walked like one run. Runs are ordered by name, UTF-8 byte
 * order; sidecars placed directly in the root are not collected (as upstream).
 *
 * @param root     the runs root that was walked
 * @param runs     one collection per directory directly under the root
 * @param problems problems with the root itself (e.g. it could not be listed)
 * @param <T>      the parsed type
 */
public record PoolCollection<T>(String root, List<RunCollection<T>> runs, List<WalkProblem> problems) {

    /**
     * A pool, its lists copied.
     *
     * @param root     the runs root that was walked; not null
     * @param runs     one collection per directory directly under the root
     * @param problems problems with the root itself
     */
    public PoolCollection {
        Objects.requireNonNull(root, "root");
        runs = List.copyOf(runs);
        problems = List.copyOf(problems);
    }

    /** {@return every parsed sidecar of every run, run by run} */
    public List<StoredSidecar<T>> sidecars() {
        return runs.stream().flatMap(r -> r.sidecars().stream()).collect(Collectors.toUnmodifiableList());
    }

    /** {@return every parsed sidecar's value, run by run} */
    public List<T> values() {
        return runs.stream().flatMap(r -> r.values().stream()).collect(Collectors.toUnmodifiableList());
    }

    /** {@return how many predicate-matching files were walked in all runs} */
    public int walked() {
        return runs.stream().mapToInt(RunCollection::walked).sum();
    }

    /** {@return the parse errors of all runs, run by run} */
    public List<ParseError> parseErrors() {
        return runs.stream().flatMap(r -> r.parseErrors().stream()).collect(Collectors.toUnmodifiableList());
    }

    /** {@return the IO errors of all runs, run by run} */
    public List<IoError> ioErrors() {
        return runs.stream().flatMap(r -> r.ioErrors().stream()).collect(Collectors.toUnmodifiableList());
    }

    /** {@return the walk problems of the root, then of each run} */
    public List<WalkProblem> allProblems() {
        return java.util.stream.Stream.concat(problems.stream(), runs.stream().flatMap(r -> r.problems().stream()))
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * The same pool with every parsed sidecar transformed.
     *
     * @param <R> the transformed type
     * @param f   applied to each parsed sidecar, run by run
     * @return a new pool with the same root, runs, errors and problems
     */
    public <R> PoolCollection<R> map(Function<? super T, ? extends R> f) {
        return new PoolCollection<>(root, runs.stream().<RunCollection<R>>map(r -> r.map(f))
                .collect(Collectors.toList()), problems);
    }
}
