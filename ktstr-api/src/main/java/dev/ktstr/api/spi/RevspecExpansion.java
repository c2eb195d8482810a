package dev.ktstr.api.spi;

import java.util.List;
import java.util.Objects;

/**
 * What one {@code --*-commit} filter value of {@code stats compare} became after git revspec
 * expansion: the short commit ids it names, or the value itself, used verbatim as a filter.
 */
public sealed interface RevspecExpansion permits RevspecExpansion.Commits, RevspecExpansion.Literal {

    /**
     * The value named commits: 7 lowercase hex digits each, {@code -dirty} appended to the
     * current HEAD of a dirty tree when the value named a single commit. A range lists every
     * commit it contains in walk order (possibly none); a single revspec gives one id.
     *
     * @param ids the short commit ids, in walk order
     */
    record Commits(List<String> ids) implements RevspecExpansion {
        /**
         * The commits, copied.
         *
         * @param ids the short commit ids, in walk order; not null, no null entries
         */
        public Commits {
            ids = List.copyOf(ids);
        }
    }

    /**
     * The value is used as given. {@code error} is the git error text for
     * {@link Reason#RANGE_NOT_EXPANDED} and empty otherwise.
     *
     * @param reason why the value stayed literal
     * @param error  git's error text, or the empty string
     */
    record Literal(Reason reason, String error) implements RevspecExpansion {
        /**
         * A literal value.
         *
         * @param reason why the value stayed literal; not null
         * @param error  git's error text for {@link Reason#RANGE_NOT_EXPANDED}, else empty; not null
         */
        public Literal {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(error, "error");
        }

        /**
         * A literal without error text.
         *
         * @param reason why the value stayed literal
         * @return a literal with an empty {@code error}
         */
        public static Literal of(Reason reason) {
            return new Literal(reason, "");
        }
    }

    /** Why a value stayed literal. */
    enum Reason {
        /** No repository to resolve against (or the probe cannot resolve revspecs). */
        NO_REPOSITORY,
        /** The value does not parse or does not resolve as a revspec. */
        UNRESOLVED,
        /** A revspec form with no commit-list meaning here: {@code ^A}, {@code A...B}, {@code A^@}. */
        UNSUPPORTED_FORM,
        /** An {@code A..B} range whose commit walk failed. */
        RANGE_NOT_EXPANDED
    }
}
