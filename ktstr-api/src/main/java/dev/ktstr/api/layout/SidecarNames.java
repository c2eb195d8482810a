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

    /** The staging sibling of {@code finalName}: {@code <final>.tmp.<pid>.<run_id>}. */
    public static String stagingName(String finalName, long pid, String runId) {
        if (!finalName.endsWith(SUFFIX) || finalName.indexOf('/') >= 0) {
            throw new KtstrException("staging name needs a sidecar file name ending in " + SUFFIX
                    + " without '/', got '" + finalName + "'");
        }
        if (runId.isEmpty() || runId.indexOf('/') >= 0 || runId.indexOf('\0') >= 0) {
            throw new KtstrException("run id '" + runId + "' cannot be part of a file name (empty, '/' or NUL);"
                    + " use the generated {YYYYMMDDTHHMMSSZ}-{n} form");
        }
        return finalName + ".tmp." + pid + "." + runId;
    }

    /**
     * Refuses a test name that could escape its directory or is not a plain file-name part:
     * empty, {@code /}, {@code ..}, NUL, control characters or unpaired surrogates.
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
        } else if (testName.contains("..")) {
            problem = "contains '..'";
        } else {
            for (int i = 0; i < testName.length() && problem == null; i++) {
                char c = testName.charAt(i);
                if (c == 0) {
                    problem = "contains NUL";
                } else if (Character.isISOControl(c)) {
                    problem = "contains control character U+" + String.format("%04X", (int) c);
                } else if (Character.isHighSurrogate(c) && i + 1 < testName.length()
                        && Character.isLowSurrogate(testName.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    problem = "contains an unpaired UTF-16 surrogate";
                }
            }
        }
        if (problem != null) {
            throw new KtstrException("test name " + quote(testName) + " " + problem
                    + ": sidecar file names are built from the test name and must stay inside the run directory;"
                    + " use the bare test function name ([A-Za-z0-9_])");
        }
        return testName;
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.append('\'').toString();
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
