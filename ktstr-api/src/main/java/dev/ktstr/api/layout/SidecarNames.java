package dev.ktstr.api.layout;

import dev.ktstr.api.KtstrException;
import dev.ktstr.api.schema.SidecarResult;
import java.util.Optional;

/** Sidecar file names and the predicates upstream's walkers and pre-clear use. */
public final class SidecarNames {
    /** Every sidecar name ends with this. */
    public static final String SUFFIX = ".ktstr.json";

    private static final String STAGING_MARK = ".ktstr.json.tmp.";

    private SidecarNames() {
    }

    /**
     * The production file name {@code {test_name}-{hash:016x}.ktstr.json}. The test name is used
     * verbatim, as upstream does; writers must check it with {@link #validateTestName} first.
     *
     * @param sidecar the record; its test name and {@linkplain VariantHash#of variant hash} are used
     * @return the file name, without directory
     */
    public static String fileName(SidecarResult sidecar) {
        return fileName(sidecar.testName(), VariantHash.of(sidecar));
    }

    /**
     * {@code {testName}-{hash:016x}.ktstr.json}.
     *
     * @param testName    the test name, used verbatim
     * @param variantHash the variant hash, written as 16 hex digits
     * @return the file name, without directory
     */
    public static String fileName(String testName, long variantHash) {
        return testName + "-" + VariantHash.hex(variantHash) + SUFFIX;
    }

    /**
     * Upstream's {@code is_sidecar_filename}: the last path component's extension (Rust
     * {@code Path::extension}) is exactly {@code json} and the component contains
     * {@code .ktstr.}. Accepts {@code a-0123456789abcdef.ktstr.json} and {@code .ktstr.json};
     * rejects {@code x.ktstr.JSON} and {@code x.ktstr.json.tmp}.
     *
     * @param fileName a file name or path; only its last component is looked at
     * @return whether upstream's walkers would read it as a sidecar
     */
    public static boolean isSidecarFile(String fileName) {
        String name = lastComponent(fileName);
        if (name.isEmpty() || name.equals("..") || name.equals(".")) {
            return false;
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return false; // no dot, or the only dot leads the name: no extension
        }
        return name.substring(dot + 1).equals("json") && name.contains(".ktstr.");
    }

    /**
     * Whether the last path component is an atomic-write staging file
     * ({@code <final>.tmp.<pid>.<run_id>}, i.e. it contains {@code .ktstr.json.tmp.}).
     *
     * @param fileName a file name or path; only its last component is looked at
     * @return whether it is a staging file, finished or orphaned
     */
    public static boolean isStagingFile(String fileName) {
        return lastComponent(fileName).contains(STAGING_MARK);
    }

    /**
     * The staging sibling of {@code finalName}: {@code <final>.tmp.<pid>.<run_id>}, the run id
     * reduced to {@code [A-Za-z0-9_-]} (anything else, dots included, becomes {@code _}; an
     * empty id becomes {@code 0}). No staging name ever satisfies {@link #isSidecarFile}: its
     * extension is the reduced run id or the pid, never {@code json} (a run id of exactly
     * {@code json} gets a trailing {@code _}), so a reader never counts a write in progress or
     * a crashed write's orphan as a sidecar, whatever the run id.
     *
     * @param finalName the sidecar file name the staging file will be renamed to, without directory
     * @param pid       the writing process's id
     * @param runId     the writer's run id, any text
     * @return the staging file name, a sibling of {@code finalName}
     * @throws KtstrException when {@code finalName} is not one name ending in {@link #SUFFIX}
     */
    public static String stagingName(String finalName, long pid, String runId) {
        if (!finalName.endsWith(SUFFIX) || finalName.indexOf('/') >= 0) {
            throw new KtstrException("staging name needs a sidecar file name ending in " + SUFFIX
                    + " without '/', got " + quote(finalName));
        }
        StringBuilder safe = new StringBuilder(runId.length() + 1);
        for (int i = 0; i < runId.length(); i++) {
            char c = runId.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            safe.append(ok ? c : '_');
        }
        if (safe.length() == 0) {
            safe.append('0');
        } else if (safe.toString().equals("json")) {
            safe.append('_');
        }
        return finalName + ".tmp." + pid + "." + safe;
    }

    /**
     * Refuses a test name that could escape its directory or is not a plain file-name part
     * ({@link #testNameProblem}).
     *
     * @param testName the record's test name
     * @return the name, for chaining
     * @throws KtstrException naming the problem
     */
    public static String validateTestName(String testName) {
        testNameProblem(testName).ifPresent(problem -> {
            throw new KtstrException("test name " + quote(testName) + " " + problem
                    + ": sidecar file names are built from the test name and must stay inside the run directory;"
                    + " use the bare test function name ([A-Za-z0-9_])");
        });
        return testName;
    }

    /**
     * Refuses a run name that is not one plain, visible directory name ({@link #runNameProblem}).
     * Writers check it before anything is created or pre-cleared, so a bad kernel version or
     * commit refuses one write and touches no run.
     *
     * @param runName the run directory name, {@code {kernel_version}-{project_commit}}
     * @return the name, for chaining
     * @throws KtstrException naming the problem and the part it came from
     */
    public static String validateRunName(String runName) {
        runNameProblem(runName).ifPresent(problem -> {
            throw new KtstrException("run directory name " + quote(runName) + " " + problem
                    + ": it is {kernel_version}-{project_commit} and must be one plain directory name;"
                    + " fix the kernel version (KTSTR_KERNEL's kernel.release, or the record's kernel_version)");
        });
        return runName;
    }

    // The name rules. Every store and writer checks names with these, and words its refusal as
    // "<what> '<name>' <problem>" with the problem phrase returned here.

    /**
     * Why {@code testName} cannot be a test name, as a phrase such as {@code contains '/'}: it is
     * empty, or holds {@code /}, {@code \}, {@code ..}, NUL, a control character or an unpaired
     * surrogate. A test name starts the sidecar file name, so it must stay one plain name part.
     *
     * @param testName the name to check
     * @return the problem, or empty when the name is acceptable
     */
    public static Optional<String> testNameProblem(String testName) {
        if (testName.isEmpty()) {
            return Optional.of("is empty");
        }
        Optional<String> problem = characterProblem(testName);
        if (problem.isEmpty() && testName.contains("..")) {
            return Optional.of("contains '..'");
        }
        return problem;
    }

    /**
     * Why {@code runName} cannot be a run name, as a phrase such as {@code starts with '.'}: it is
     * empty, starts with {@code .} (dot-named entries of a runs root, such as {@code .locks}, are
     * not runs and are hidden from {@code stats list}; this also covers {@code .} and
     * {@code ..}), or holds {@code /}, {@code \}, NUL, a control character or an unpaired
     * surrogate. The same rules hold for the one subdirectory level of {@link #storedNameProblem}.
     *
     * @param runName the name to check
     * @return the problem, or empty when the name is acceptable
     */
    public static Optional<String> runNameProblem(String runName) {
        if (runName.isEmpty()) {
            return Optional.of("is empty");
        }
        if (runName.startsWith(".")) {
            return Optional.of("starts with '.' (hidden from run listings)");
        }
        return characterProblem(runName);
    }

    /**
     * Why {@code fileName} cannot be a sidecar file name, as a phrase: the rules of
     * {@link #testNameProblem} (the file name starts with the test name), and it must end in
     * {@link #SUFFIX} and satisfy {@link #isSidecarFile}.
     *
     * @param fileName one plain file name, no directory part
     * @return the problem, or empty when the name is acceptable
     */
    public static Optional<String> fileNameProblem(String fileName) {
        Optional<String> problem = testNameProblem(fileName);
        if (problem.isPresent()) {
            return problem;
        }
        if (!fileName.endsWith(SUFFIX) || !isSidecarFile(fileName)) {
            return Optional.of("does not end in " + SUFFIX);
        }
        return Optional.empty();
    }

    /**
     * Why a store cannot hold a sidecar named {@code name}, as a phrase: either a plain sidecar
     * file name ({@link #fileNameProblem}) or {@code subdir/name} one level down, the
     * subdirectory named as a run is ({@link #runNameProblem}); {@code sidecar push} and
     * {@code pull} keep a run's subdirectories that way, and upstream's walks read them.
     *
     * @param name {@code file} or {@code subdir/file}
     * @return the problem, naming the part it is in when there are two, or empty when acceptable
     */
    public static Optional<String> storedNameProblem(String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            return fileNameProblem(name);
        }
        String sub = name.substring(0, slash);
        Optional<String> subProblem = runNameProblem(sub);
        if (subProblem.isPresent()) {
            return Optional.of("has a subdirectory part " + quote(sub) + " that " + subProblem.get());
        }
        return fileNameProblem(name.substring(slash + 1)).map(p -> "has a file part that " + p);
    }

    private static Optional<String> characterProblem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '\\') {
                return Optional.of("contains '" + c + "'");
            } else if (c == 0) {
                return Optional.of("contains NUL");
            } else if (Character.isISOControl(c)) {
                return Optional.of("contains control character U+" + String.format("%04X", (int) c));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains an unpaired UTF-16 surrogate");
            }
        }
        return Optional.empty();
    }

    private static String quote(String s) {
        return "'" + printable(s) + "'";
    }

    /**
     * {@code name} for an error message: every control character written as {@code \\uXXXX}, so
     * a hostile name shows what it holds and cannot act on the terminal. Stores use it for the
     * names they refuse.
     *
     * @param name any name
     * @return {@code name} with its control characters escaped; other characters unchanged
     */
    public static String printable(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String lastComponent(String path) {
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        String p = path.substring(0, end);
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
