package dev.ktstr.api.store;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything read from one run: its sidecars plus one level of subdirectories. Every file that
 * matched the sidecar-name predicate is in exactly one of {@link #sidecars()},
 * {@link #parseErrors()} and {@link #ioErrors()}, so {@code walked == sidecars + parseErrors +
 * ioErrors} (checked on construction). Each list is ordered by location, UTF-8 byte order.
 *
 * @param location    the run that was walked (for the filesystem store, the directory as given)
 * @param walked      files that matched the sidecar-name predicate
 * @param sidecars    files read and parsed
 * @param parseErrors files read but rejected by the parser
 * @param ioErrors    files that could not be read
 * @param problems    walk problems that are not sidecar files (unlistable directories, loops,
 *                    non-UTF-8 names)
 * @param <T>         the parsed type
 */
public record RunCollection<T>(String location, int walked, List<StoredSidecar<T>> sidecars,
        List<ParseError> parseErrors, List<IoError> ioErrors, List<WalkProblem> problems) {

    /**
     * A run's collection, its lists copied.
     *
     * @param location    the run that was walked; not null
     * @param walked      files that matched the sidecar-name predicate
     * @param sidecars    files read and parsed
     * @param parseErrors files read but rejected by the parser
     * @param ioErrors    files that could not be read
     * @param problems    walk problems that are not sidecar files
     * @throws IllegalArgumentException when {@code walked} is not the sum of the three file lists' sizes
     */
    public RunCollection {
        Objects.requireNonNull(location, "location");
        sidecars = List.copyOf(sidecars);
        parseErrors = List.copyOf(parseErrors);
        ioErrors = List.copyOf(ioErrors);
        problems = List.copyOf(problems);
        if (walked != sidecars.size() + parseErrors.size() + ioErrors.size()) {
            throw new IllegalArgumentException("walk accounting broken for " + location + ": walked " + walked
                    + " != " + sidecars.size() + " valid + " + parseErrors.size() + " parse errors + "
                    + ioErrors.size() + " IO errors");
        }
    }

    /**
     * An empty collection of {@code location}, with the problems that made it empty.
     *
     * @param <T>      the parsed type
     * @param location the run that was walked
     * @param problems why nothing was collected (e.g. the run could not be listed)
     * @return a collection with no files walked
     */
    public static <T> RunCollection<T> empty(String location, List<WalkProblem> problems) {
        return new RunCollection<>(location, 0, List.of(), List.of(), List.of(), problems);
    }

    /** {@return the parsed sidecars without their locations, in location order} */
    public List<T> values() {
        return sidecars.stream().map(StoredSidecar::sidecar).collect(Collectors.toUnmodifiableList());
    }

    /**
     * The same collection with every parsed sidecar transformed (e.g. the archive override).
     *
     * @param <R> the transformed type
     * @param f   applied to each parsed sidecar
     * @return a new collection with the same location, counts, errors and problems
     */
    public <R> RunCollection<R> map(Function<? super T, ? extends R> f) {
        List<StoredSidecar<R>> mapped = sidecars.stream().<StoredSidecar<R>>map(s -> s.map(f))
                .collect(Collectors.toList());
        return new RunCollection<>(location, walked, mapped, parseErrors, ioErrors, problems);
    }
}
