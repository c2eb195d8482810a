package dev.ktstr.git;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.storage.file.FileBasedConfig;

/**
 * git's repository ownership rule (CVE-2022-24765, {@code ensure_valid_ownership} in git's
 * {@code setup.c}), applied before the probe opens a repository.
 *
 * <p>A repository is trusted when every path that identifies it is owned by the current user:
 * the gitfile (a {@code .git} file, when there is one), the work tree top level (when not bare)
 * and the git directory, each checked with {@code lstat} semantics (a symbolic link's own
 * owner). "The current user" is the effective uid; when that is root, a path owned by root is
 * accepted and otherwise the uid in {@code SUDO_UID} (a decimal number) stands in for root, as
 * git does.
 *
 * <p>Otherwise the repository is trusted only when {@code safe.directory} says so, read from the
 * protected configuration git uses for this one key, in git's order: the system file
 * ({@code GIT_CONFIG_SYSTEM}, else {@code /etc/gitconfig}; skipped when
 * {@code GIT_CONFIG_NOSYSTEM} is true), the global files ({@code GIT_CONFIG_GLOBAL}, else
 * {@code $XDG_CONFIG_HOME/git/config} or {@code ~/.config/git/config}, then
 * {@code ~/.gitconfig}), then the command-line configuration a parent git passes in the
 * environment ({@code GIT_CONFIG_COUNT}/{@code GIT_CONFIG_KEY_n}/{@code GIT_CONFIG_VALUE_n},
 * then {@code GIT_CONFIG_PARAMETERS}). Repository-local configuration is never consulted.
 * {@code include.path} inside those files is followed (JGit's parser). Each value, in order:
 * <ul>
 *   <li>empty (or a bare key with no value) resets: nothing listed so far counts;</li>
 *   <li>{@code *} trusts every repository;</li>
 *   <li>otherwise a path ({@code ~}, {@code ~user} and an {@code :(optional)} prefix are
 *       expanded as git does; {@code %(prefix)/} is not supported and the entry is skipped),
 *       which must be absolute or exactly {@code .} (the current directory). It is resolved to
 *       its real path (an entry that does not exist is skipped) and then either equals the
 *       real path of the repository (work tree top level, or the git directory of a bare
 *       repository) or, written {@code dir/*}, is a prefix of it.</li>
 * </ul>
 *
 * <p>An untrusted repository is reported once per path per process on standard error, worded
 * as git words its refusal, with the command that adds the exception.
 */
final class RepoTrust {

    /** Where a repository was found: the paths git checks the ownership of. */
    record Location(Path gitfile, Path worktree, Path gitdir) {
        Location {
            Objects.requireNonNull(gitdir, "gitdir");
        }

        /** The path {@code safe.directory} must name: the work tree, or the git directory when bare. */
        Path key() {
            return worktree != null ? worktree : gitdir;
        }
    }

    private static final String KEY = "safe.directory";
    private static final long ROOT_UID = 0;

    private static final RepoTrust PROCESS = new RepoTrust(System.getenv(), RepoTrust::printWarning);

    private final Map<String, String> env;
    private final Consumer<String> warnings;
    private final Set<Path> warned = ConcurrentHashMap.newKeySet();

    RepoTrust(Map<String, String> env, Consumer<String> warnings) {
        this.env = Map.copyOf(env);
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** The process-wide rule: this process's environment, warnings on standard error. */
    static RepoTrust process() {
        return PROCESS;
    }

    private static void printWarning(String text) {
        System.err.println(text); // stderr failures are ignored
    }

    /** True when the repository at {@code loc} may be opened; warns (once per path) when not. */
    boolean trusted(Location loc) {
        if (ownedByCurrentUser(loc)) {
            return true;
        }
        Path key;
        try {
            key = loc.key().toRealPath();
        } catch (IOException | RuntimeException e) {
            return false; // git: a path that cannot be normalized is unsafe
        }
        if (safeDirectoryAllows(key)) {
            return true;
        }
        if (warned.add(key)) {
            warnings.accept(warning(key));
        }
        return false;
    }

    /** git's refusal, as a warning: the repository is ignored instead of the command dying. */
    static String warning(Path key) {
        String path = key.toString();
        return "ktstr: WARNING: detected dubious ownership in repository at '" + path + "'\n"
                + "It is owned by another user, so ktstr treats it as no repository (the commit is left empty)"
                + " and runs nothing from its configuration.\n"
                + "To add an exception for this directory, call:\n"
                + "\n"
                + "\tgit config --global --add safe.directory " + shellQuotePretty(path);
    }

    // ---- ownership -------------------------------------------------------------------------

    private boolean ownedByCurrentUser(Location loc) {
        OptionalLong euid = effectiveUid();
        if (euid.isEmpty()) {
            return false;
        }
        return (loc.gitfile() == null || ownedBy(loc.gitfile(), euid.getAsLong()))
                && (loc.worktree() == null || ownedBy(loc.worktree(), euid.getAsLong()))
                && ownedBy(loc.gitdir(), euid.getAsLong());
    }

    private boolean ownedBy(Path path, long euid) {
        long owner;
        try {
            owner = ((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (IOException | RuntimeException e) {
            return false;
        }
        long me = euid;
        if (euid == ROOT_UID) {
            if (owner == ROOT_UID) {
                return true;
            }
            OptionalLong sudo = decimal(env.get("SUDO_UID"));
            if (sudo.isPresent()) {
                me = sudo.getAsLong();
            }
        }
        return owner == me;
    }

    /** The effective uid, from {@code /proc/self/status} (second field of {@code Uid:}). */
    static OptionalLong effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).trim().split("\\s+");
                    return f.length >= 2 ? decimal(f[1]) : OptionalLong.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: unknown user, so ownership never vouches for a repository
        }
        return OptionalLong.empty();
    }

    private static OptionalLong decimal(String s) {
        if (s == null || s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(s));
    }

    // ---- safe.directory --------------------------------------------------------------------

    private boolean safeDirectoryAllows(Path repoRealPath) {
        boolean safe = false;
        for (String value : protectedValues()) {
            if (value == null || value.isEmpty()) {
                safe = false;
            } else if (value.equals("*")) {
                safe = true;
            } else if (matches(value, repoRealPath)) {
                safe = true;
            }
        }
        return safe;
    }

    private boolean matches(String value, Path repoRealPath) {
        String v = value;
        boolean optional = v.startsWith(":(optional)");
        if (optional) {
            v = v.substring(":(optional)".length());
        }
        String expanded = expandUser(v);
        if (expanded == null) {
            return false;
        }
        boolean prefix = expanded.endsWith("/*");
        String base = prefix ? expanded.substring(0, expanded.length() - 2) : expanded;
        if (!expanded.equals(".") && !expanded.startsWith("/")) {
            return false; // git warns "not absolute" and skips the entry
        }
        Path real;
        try {
            real = Path.of(base.isEmpty() ? "/" : base).toRealPath();
        } catch (IOException | RuntimeException e) {
            return false; // an entry that does not exist here is skipped, as git does
        }
        if (!prefix) {
            return real.equals(repoRealPath);
        }
        String dir = real.toString();
        String want = dir.endsWith("/") ? dir : dir + "/";
        return repoRealPath.toString().startsWith(want);
    }

    /** git's {@code interpolate_path} for {@code ~} and {@code ~user}; null when it cannot expand. */
    private String expandUser(String path) {
        if (path.startsWith("%(prefix)/")) {
            return null;
        }
        if (!path.startsWith("~")) {
            return path;
        }
        int slash = path.indexOf('/');
        String user = slash < 0 ? path.substring(1) : path.substring(1, slash);
        String rest = slash < 0 ? "" : path.substring(slash);
        String home = user.isEmpty() ? env.get("HOME") : passwdHome(user);
        return home == null ? null : home + rest;
    }

    private static String passwdHome(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length >= 7 && f[0].equals(user)) {
                    return f[5];
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown user
        }
        return null;
    }

    /** Every {@code safe.directory} value of the protected configuration, in git's order. */
    List<String> protectedValues() {
        List<String> out = new ArrayList<>();
        if (!envBool("GIT_CONFIG_NOSYSTEM")) {
            String system = env.get("GIT_CONFIG_SYSTEM");
            readFile(system != null ? system : "/etc/gitconfig", out);
        }
        String global = env.get("GIT_CONFIG_GLOBAL");
        if (global != null) {
            readFile(global, out);
        } else {
            String home = env.get("HOME");
            String xdg = env.get("XDG_CONFIG_HOME");
            if (xdg != null && !xdg.isEmpty()) {
                readFile(xdg + "/git/config", out);
            } else if (home != null) {
                readFile(home + "/.config/git/config", out);
            }
            if (home != null) {
                readFile(home + "/.gitconfig", out);
            }
        }
        commandLineValues(out);
        return out;
    }

    private void readFile(String name, List<String> out) {
        if (name.isEmpty()) {
            return;
        }
        File file = new File(name);
        if (!file.isFile()) {
            return;
        }
        FileBasedConfig cfg = new FileBasedConfig(null, file, NoExecFS.INSTANCE);
        try {
            cfg.load();
        } catch (IOException | ConfigInvalidException | RuntimeException e) {
            return; // an unreadable or invalid file lists nothing
        }
        String[] values = cfg.getStringList("safe", null, "directory");
        for (String v : values) {
            out.add(v);
        }
    }

    /** {@code GIT_CONFIG_COUNT} pairs, then {@code GIT_CONFIG_PARAMETERS}, as git reads them. */
    private void commandLineValues(List<String> out) {
        String count = env.get("GIT_CONFIG_COUNT");
        OptionalLong n = count == null ? OptionalLong.empty() : decimal(count);
        if (n.isPresent()) {
            for (long i = 0; i < n.getAsLong() && i < 1_000_000; i++) {
                String key = env.get("GIT_CONFIG_KEY_" + i);
                String value = env.get("GIT_CONFIG_VALUE_" + i);
                if (key == null || value == null) {
                    break; // git stops with an error here
                }
                if (isSafeDirectoryKey(key)) {
                    out.add(value);
                }
            }
        }
        String params = env.get("GIT_CONFIG_PARAMETERS");
        if (params != null) {
            parseParameters(params, out);
        }
    }

    private static boolean isSafeDirectoryKey(String key) {
        return key.toLowerCase(Locale.ROOT).equals(KEY);
    }

    /**
     * {@code GIT_CONFIG_PARAMETERS}: whitespace-separated shell-single-quoted items, each either
     * {@code 'key=value'} (older git), {@code 'key'='value'} or {@code 'key'} (no value).
     * Anything malformed stops the parse, as git stops with an error.
     */
    static void parseParameters(String s, List<String> out) {
        int[] pos = {0};
        while (true) {
            skipSpace(s, pos);
            if (pos[0] >= s.length()) {
                return;
            }
            String first = sqDequote(s, pos);
            if (first == null) {
                return;
            }
            String key;
            String value;
            if (pos[0] < s.length() && s.charAt(pos[0]) == '=') {
                pos[0]++;
                if (pos[0] >= s.length() || Character.isWhitespace(s.charAt(pos[0]))) {
                    key = first;
                    value = ""; // 'key'= : an empty value
                } else {
                    value = sqDequote(s, pos);
                    if (value == null) {
                        return;
                    }
                    key = first;
                }
            } else {
                int eq = first.indexOf('=');
                key = eq < 0 ? first : first.substring(0, eq);
                value = eq < 0 ? null : first.substring(eq + 1);
            }
            if (pos[0] < s.length() && !Character.isWhitespace(s.charAt(pos[0]))) {
                return;
            }
            if (isSafeDirectoryKey(key)) {
                out.add(value);
            }
        }
    }

    private static void skipSpace(String s, int[] pos) {
        while (pos[0] < s.length() && Character.isWhitespace(s.charAt(pos[0]))) {
            pos[0]++;
        }
    }

    /** One quoted word starting at {@code pos}: {@code 'a'\''b'} is {@code a'b}; null if malformed. */
    private static String sqDequote(String s, int[] pos) {
        int i = pos[0];
        if (i >= s.length() || s.charAt(i) != '\'') {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        i++;
        while (true) {
            if (i >= s.length()) {
                return null;
            }
            char c = s.charAt(i++);
            if (c != '\'') {
                sb.append(c);
                continue;
            }
            // closing quote: either the word ends, or \' / \! and a new quote continue it
            if (i + 2 < s.length() && s.charAt(i) == '\\' && (s.charAt(i + 1) == '\'' || s.charAt(i + 1) == '!')
                    && s.charAt(i + 2) == '\'') {
                sb.append(s.charAt(i + 1));
                i += 3;
                continue;
            }
            pos[0] = i;
            return sb.toString();
        }
    }

    private boolean envBool(String name) {
        String v = env.get(name);
        if (v == null) {
            return false;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("yes") || t.equals("on")) {
            return true;
        }
        OptionalLong n = decimal(t);
        return n.isPresent() && n.getAsLong() != 0;
    }

    /** git's {@code sq_quote_buf_pretty}: bare when every byte is safe, else single-quoted. */
    static String shellQuotePretty(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        boolean plain = s.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || "+,-./:=@_^".indexOf(c) >= 0);
        if (plain) {
            return s;
        }
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '!') {
                sb.append('\'').append('\\').append(c).append('\'');
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
