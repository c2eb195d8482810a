package dev.ktstr.api.layout;

import dev.ktstr.api.KtstrException;
import dev.ktstr.api.schema.SidecarResult;

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
     */
    public static String fileName(SidecarResult sidecar) {
        return fileName(sidecar.testName(), VariantHash.of(sidecar));
    }

    /** {@code {testName}-{hash:016x}.ktstr.json}. */
    public static String fileName(String testName, long variantHash) {
        return testName + "-" + VariantHash.hex(variantHash) + SUFFIX;
    }

    /**
     * Upstream's {@code is_sidecar_filename}: the last path component's extension (Rust
     * {@code Path::extension}) is exactly {@code json} and the component contains
     * {@code .ktstr.}. Accepts {@code a-0123456789abcdef.ktstr.json} and {@code .ktstr.json};
     * rejects {@code x.ktstr.JSON} and {@code x.ktstr.json.tmp}.
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
     * Refuses a test name that could escape its directory or is not a plain file-name part:
     * empty, {@code /}, {@code \\}, {@code ..}, NUL, control characters or unpaired surrogates.
     *
     * @return the name, for chaining
     * @throws KtstrException naming the problem
     */
    public static String validateTestName(String testName) {
        String problem = null;
        if (testName.isEmpty()) {
            problem = "is empty";
        } else if (testName.indexOf('/') >= 0) {
            problem = "contains '/'";
        } else if (testName.indexOf('\\') >= 0) {
            problem = "contains '\\'";
        } else if (testName.contains("..")) {
            problem = "contains '..'";
        } else {
            problem = characterProblem(testName);
        }
        if (problem != null) {
            throw new KtstrException("test name " + quote(testName) + " " + problem
                    + ": sidecar file names are built from the test name and must stay inside the run directory;"
                    + " use the bare test function name ([A-Za-z0-9_])");
        }
        return testName;
    }

    /**
     * Refuses a run name that is not one plain, visible directory name: empty, {@code /},
     * {@code \\}, a leading {@code .} (dot-named entries of a runs root, such as
     * {@code .locks}, are not runs and are hidden from {@code stats list}), NUL, control
     * characters or unpaired surrogates. Writers check it before anything is created or
     * pre-cleared, so a bad kernel version or commit refuses one write and touches no run.
     *
     * @return the name, for chaining
     * @throws KtstrException naming the problem and the part it came from
     */
    public static String validateRunName(String runName) {
        String problem = null;
        if (runName.isEmpty()) {
            problem = "is empty";
        } else if (runName.startsWith(".")) {
            problem = "starts with '.' (hidden from run listings)";
        } else if (runName.indexOf('/') >= 0) {
            problem = "contains '/'";
        } else if (runName.indexOf('\\') >= 0) {
            problem = "contains '\\'";
        } else {
            problem = characterProblem(runName);
        }
        if (problem != null) {
            throw new KtstrException("run directory name " + quote(runName) + " " + problem
                    + ": it is {kernel_version}-{project_commit} and must be one plain directory name;"
                    + " fix the kernel version (KTSTR_KERNEL's kernel.release, or the record's kernel_version)");
        }
        return runName;
    }

    private static String characterProblem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return "contains NUL";
            } else if (Character.isISOControl(c)) {
                return "contains control character U+" + String.format("%04X", (int) c);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate";
            }
        }
        return null;
    }

    private static String quote(String s) {
        return "'" + printable(s) + "'";
    }

    /**
     * {@code name} for an error message: every control character written as {@code \\uXXXX}, so
     * a hostile name shows what it holds and cannot act on the terminal. Stores use it for the
     * names they refuse.
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
