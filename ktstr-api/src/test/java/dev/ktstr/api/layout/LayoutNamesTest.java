package dev.ktstr.api.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.KtstrException;
import dev.ktstr.api.schema.Utf8Order;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayoutNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a-0123456789abcdef.ktstr.json", ".ktstr.json", "a.ktstr.b.json", "x.ktstr..json",
            "dir/a.ktstr.json", "a.ktstr.json/"})
    void sidecarNamesAccepted(String name) {
        assertTrue(SidecarNames.isSidecarFile(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ktstr.json", "foo.json", "x.ktstr.JSON", "x.ktstr.txt", "x.ktstr.json.tmp",
            "x.ktstr.json.tmp.12.20250601T123401Z-0", "a.ktstr.dir/foo.json", "", "..", "."})
    void otherNamesRejected(String name) {
        assertFalse(SidecarNames.isSidecarFile(name), name);
    }

    @Test
    void stagingNames() {
        String staging = SidecarNames.stagingName("t-55f6b9881e152f8c.ktstr.json", 4242, "20250601T123401Z-7");
        assertEquals("t-55f6b9881e152f8c.ktstr.json.tmp.4242.20250601T123401Z-7", staging);
        assertTrue(SidecarNames.isStagingFile(staging));
        assertFalse(SidecarNames.isSidecarFile(staging));
        assertFalse(SidecarNames.isStagingFile("t-55f6b9881e152f8c.ktstr.json"));
        assertFalse(SidecarNames.isStagingFile("x.ktstr.json.tmp"));
        assertFalse(SidecarNames.isStagingFile("a.ktstr.json.tmp.1/file"), "ancestor segments never match");
        assertThrows(KtstrException.class, () -> SidecarNames.stagingName("plain.json", 1, "r-0"));
        assertEquals("t.ktstr.json.tmp.1.a_b", SidecarNames.stagingName("t.ktstr.json", 1, "a/b"));
    }

    /** Issue 13 item 4: a run id ending in .json made the staging file pass the sidecar predicate. */
    @ParameterizedTest
    @ValueSource(strings = {"x.json", "json", ".json", "a.ktstr.json", "r.JSON", "", "../x.json", "20250601T123401Z-7"})
    void stagingNamesNeverLookLikeSidecars(String runId) {
        String staging = SidecarNames.stagingName("t-55f6b9881e152f8c.ktstr.json", 4242, runId);
        assertFalse(SidecarNames.isSidecarFile(staging), staging);
        assertTrue(SidecarNames.isStagingFile(staging), staging);
        assertFalse(staging.substring("t-55f6b9881e152f8c.ktstr.json.tmp.".length()).contains("/"), staging);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".hidden-abc1234", "a/b-abc1234", "a\\b-abc1234", "6.14\u001b[2J-abc1234",
        "nul\0-abc1234", "../../..-abc1234", "lone\ud800-x"})
    void badRunNamesRefused(String name) {
        KtstrException e = assertThrows(KtstrException.class, () -> SidecarNames.validateRunName(name));
        assertTrue(e.getMessage().startsWith("run directory name '"), e.getMessage());
        assertFalse(e.getMessage().contains("\u001b[2J") && e.getMessage().indexOf('\u001b') >= 0, "escaped");
    }

    @ParameterizedTest
    @ValueSource(strings = {"6.14.2-abc1234", "unknown-unknown", "6.14.2-abc1234-dirty", "6.14.0-rc1+-caf\u00e9"})
    void goodRunNamesAccepted(String name) {
        assertEquals(name, SidecarNames.validateRunName(name));
    }

    @Test
    void storedNamesAreASidecarFileOrOneSubdirectoryLevelDown() {
        assertEquals(Optional.empty(), SidecarNames.storedNameProblem("t-0123456789abcdef.ktstr.json"));
        assertEquals(Optional.empty(), SidecarNames.storedNameProblem("repeat-2/t-0123456789abcdef.ktstr.json"));
        assertEquals(Optional.of("does not end in .ktstr.json"), SidecarNames.storedNameProblem("t.json"));
        assertEquals(Optional.of("contains '..'"), SidecarNames.storedNameProblem("..ktstr.json"));
        assertEquals(Optional.of("has a subdirectory part '.hidden' that starts with '.' (hidden from run listings)"),
                SidecarNames.storedNameProblem(".hidden/t.ktstr.json"));
        assertEquals(Optional.of("has a file part that contains '/'"),
                SidecarNames.storedNameProblem("a/b/t.ktstr.json"));
        assertEquals(Optional.of("contains control character U+001B"),
                SidecarNames.fileNameProblem("t\u001b.ktstr.json"));
        assertEquals(Optional.of("contains '\\'"), SidecarNames.runNameProblem("a\\b"));
        assertEquals(Optional.empty(), SidecarNames.runNameProblem("6.14.2-abc1234"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "a\\b", "..", "a..b", "nul\0x", "tab\tx", "del\u007fx", "lone\ud800"})
    void badTestNamesRefused(String name) {
        KtstrException e = assertThrows(KtstrException.class, () -> SidecarNames.validateTestName(name));
        assertTrue(e.getMessage().startsWith("test name '"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"steal_under_pressure", "t", "a.b", "ünïcode", "emoji\uD83D\uDE00"})
    void goodTestNamesPass(String name) {
        assertEquals(name, SidecarNames.validateTestName(name));
    }

    @Test
    void runDirNames() {
        assertEquals("6.14.2-abc1234", RunDirs.dirName(Optional.of("6.14.2"), Optional.of("abc1234")));
        assertEquals("6.14.2-abc1234-dirty", RunDirs.dirName(Optional.of("6.14.2"), Optional.of("abc1234-dirty")));
        assertEquals("6.14.2-unknown", RunDirs.dirName(Optional.of("6.14.2"), Optional.empty()));
        assertEquals("unknown-abc1234", RunDirs.dirName(Optional.empty(), Optional.of("abc1234")));
        assertEquals("unknown-unknown", RunDirs.dirName(Optional.empty(), Optional.empty()));
    }

    @Test
    void flagsCanonicalOrderKeepsDuplicatesAndSortsUnknownByBytes() {
        assertEquals(List.of("llc", "llc", "steal", "no-ctrl", "Zeta", "alpha", "\uFFFF", "\uD83D\uDE00"),
                Flags.canonicalOrder(List.of("\uD83D\uDE00", "steal", "alpha", "llc", "\uFFFF", "no-ctrl", "Zeta", "llc")));
        assertTrue(Flags.isCanonical(List.of("llc", "borrow", "steal", "rebal", "reject-pin", "no-ctrl")));
        assertFalse(Flags.isCanonical(List.of("steal", "llc")));
    }

    @Test
    void utf8OrderDiffersFromUtf16OrderAboveBmp() {
        String astral = "\uD83D\uDE00"; // U+1F600: UTF-8 F0..., UTF-16 D83D...
        String bmpHigh = "\uFFFD";      // U+FFFD: UTF-8 EF BF BD
        assertTrue(astral.compareTo(bmpHigh) < 0, "UTF-16 order puts the surrogate first");
        assertTrue(Utf8Order.INSTANCE.compare(astral, bmpHigh) > 0, "UTF-8 byte order puts it last");
        List<String> s = new ArrayList<>(List.of("b", "a", "ab", "", astral, bmpHigh));
        assertEquals(List.of("", "a", "ab", "b", bmpHigh, astral), Utf8Order.sorted(s));
    }
}
