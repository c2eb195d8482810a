package dev.ktstr.api.kernel;

import dev.ktstr.api.env.Env;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed {@code KTSTR_KERNEL} value. {@link #parse} applies upstream's rules in order:
 * git source, version range, filesystem path, version, and anything else is a cache key.
 */
public sealed interface KernelId {

    /** The variable naming the kernel under test. */
    String ENV = "KTSTR_KERNEL";

    /**
     * {@code git+URL#REF}: split at the last {@code #}; both parts non-empty.
     *
     * @param url the repository URL, without the {@code git+} prefix
     * @param ref the branch, tag or commit after the last {@code #}
     */
    record Git(String url, String ref) implements KernelId {
        /**
         * Checks that neither part is {@code null}.
         *
         * @param url the repository URL
         * @param ref the branch, tag or commit
         */
        public Git {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(ref, "ref");
        }
    }

    /**
     * {@code START..END}, both version-shaped, both inclusive; not checked for order.
     *
     * @param start the first version of the range
     * @param end   the last version of the range
     */
    record Range(String start, String end) implements KernelId {
        /**
         * Checks that neither bound is {@code null}.
         *
         * @param start the first version
         * @param end   the last version
         */
        public Range {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }
    }

    /**
     * A directory: the value contains {@code /} or starts with {@code .} or {@code ~}. Kept
     * verbatim: no tilde expansion, relative paths resolve against the working directory.
     *
     * @param raw the value exactly as given
     */
    record Directory(String raw) implements KernelId {
        /**
         * Checks that the value is not {@code null}.
         *
         * @param raw the value exactly as given
         */
        public Directory {
            Objects.requireNonNull(raw, "raw");
        }
    }

    /**
     * {@code MAJOR.MINOR[.PATCH][-rcN]}, ASCII digits only.
     *
     * @param version the version text, e.g. {@code 6.14.2} or {@code 6.15-rc3}
     */
    record Version(String version) implements KernelId {
        /**
         * Checks that the version is not {@code null}.
         *
         * @param version the version text
         */
        public Version {
            Objects.requireNonNull(version, "version");
        }
    }

    /**
     * Anything else, taken as the name of a kernel cache entry.
     *
     * @param key the cache entry's directory name
     */
    record CacheKey(String key) implements KernelId {
        /**
         * Checks that the key is not {@code null}.
         *
         * @param key the cache entry's directory name
         */
        public CacheKey {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Parses {@code s} as given (the caller trims); never fails.
     *
     * @param s a {@code KTSTR_KERNEL} value, already trimmed
     * @return the first shape that matches, a {@link CacheKey} when none does
     */
    static KernelId parse(String s) {
        Objects.requireNonNull(s, "s");
        if (s.startsWith("git+")) {
            String rest = s.substring(4);
            int hash = rest.lastIndexOf('#');
            if (hash > 0 && hash < rest.length() - 1) {
                return new Git(rest.substring(0, hash), rest.substring(hash + 1));
            }
        }
        int dots = s.indexOf("..");
        if (dots >= 0) {
            String start = s.substring(0, dots);
            String end = s.substring(dots + 2);
            if (isVersion(start) && isVersion(end)) {
                return new Range(start, end);
            }
        }
        if (s.indexOf('/') >= 0 || s.startsWith(".") || s.startsWith("~")) {
            return new Directory(s);
        }
        if (isVersion(s)) {
            return new Version(s);
        }
        return new CacheKey(s);
    }

    /**
     * {@code KTSTR_KERNEL} with surrounding whitespace trimmed, parsed; empty when unset, empty
     * or only whitespace.
     *
     * @param env the environment to read {@value #ENV} from
     * @return the parsed kernel, or empty when none is named
     */
    static Optional<KernelId> fromEnv(Env env) {
        return env.get(ENV).map(KernelId::trimWhiteSpace).filter(v -> !v.isEmpty()).map(KernelId::parse);
    }

    /**
     * Trims Unicode {@code White_Space} characters at both ends, as Rust's {@code str::trim}
     * does ({@link String#strip} keeps U+00A0, U+2007 and U+202F, which Rust removes).
     *
     * @param s the text to trim
     * @return {@code s} without leading and trailing white space
     */
    static String trimWhiteSpace(String s) {
        int begin = 0;
        int end = s.length();
        while (begin < end && isWhiteSpace(s.charAt(begin))) {
            begin++;
        }
        while (end > begin && isWhiteSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(begin, end);
    }

    private static boolean isWhiteSpace(char c) {
        return (c >= '\t' && c <= '\r') || c == ' ' || c == '\u0085' || c == '\u00a0' || c == '\u1680'
                || (c >= '\u2000' && c <= '\u200a') || c == '\u2028' || c == '\u2029' || c == '\u202f'
                || c == '\u205f' || c == '\u3000';
    }

    /**
     * Tests for the version shape.
     *
     * @param s the text to test
     * @return true for {@code MAJOR.MINOR[.PATCH][-rcN]} with one or more ASCII digits per part
     */
    static boolean isVersion(String s) {
        String core = s;
        int rc = s.indexOf("-rc");
        if (rc >= 0) {
            if (!digits(s.substring(rc + 3))) {
                return false;
            }
            core = s.substring(0, rc);
        }
        String[] parts = core.split("\\.", -1);
        if (parts.length < 2 || parts.length > 3) {
            return false;
        }
        for (String p : parts) {
            if (!digits(p)) {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
