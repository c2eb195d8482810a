package dev.ktstr.report.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.schema.HostContext;
import dev.ktstr.api.schema.ScenarioStats;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.report.ExplainSidecar;
import dev.ktstr.report.HostReport;
import dev.ktstr.report.RunInfo;
import dev.ktstr.report.RunList;
import dev.ktstr.report.StatsReport;
import dev.ktstr.report.ValueList;
import dev.ktstr.report.WalkStats;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Control characters from sidecar values reach the text reports escaped, never raw. */
class TerminalTextTest {
    /** Clears the screen, retitles the window, then a C1 CSI and a bell. */
    private static final String HOSTILE = "evil\u001b[2J\u001b]0;pwned\u0007\u009b31m\r\t\u007f";

    @Test
    void everyControlCharacterIsEscapedAndPrintableTextIsUntouched() {
        assertEquals("evil\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\x0d\\x09\\x7f", TerminalText.visible(HOSTILE));
        assertEquals("a\\x0ab", TerminalText.visible("a\nb"));
        assertEquals("a\nb\\x1b", TerminalText.visibleLines("a\nb\u001b"));
        String normal = "scx_rusty 6.14.2 \u00e9\u4e2d back\\slash";
        assertSame(normal, TerminalText.visible(normal));
        assertSame(normal, TerminalText.visibleLines(normal));
    }

    private static SidecarResult hostile() {
        return SidecarResult.builder().testName("t" + HOSTILE).topology("1n2l" + HOSTILE).scheduler("scx" + HOSTILE)
                .workType("CpuSpin").kernelVersion("6.14" + HOSTILE).passed(true)
                .timestamp("2026-04-27T09:12:03Z" + HOSTILE).runId("r")
                .host(HostContext.builder().arch("x86_64" + HOSTILE).kernelName("Linux" + HOSTILE).build())
                .stats(ScenarioStats.builder().build()).build();
    }

    private static void assertNoRawControls(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            assertFalse(c != '\n' && (c < 0x20 || (c >= 0x7f && c <= 0x9f)),
                    "raw control U+" + Integer.toHexString(c) + " at " + i + " in: " + text);
        }
        assertTrue(text.contains("\\x1b"), text);
    }

    @Test
    void reportsShowHostileValuesEscaped() {
        List<SidecarResult> s = List.of(hostile());
        assertNoRawControls(StatsReport.render(s));
        assertNoRawControls(ValueList.text(s, false));
        assertNoRawControls(RunList.text(List.of(new RunInfo("run" + HOSTILE, Optional.empty(), s))));
        assertNoRawControls(HostReport.showHost("run", s));
        assertNoRawControls(HostReport.diff(hostile().host().orElseThrow(), HostContext.builder().arch("y").build()));
        assertNoRawControls(ExplainSidecar.text(new WalkStats(3, s,
                List.of(new WalkStats.ParseError("/x/bad" + HOSTILE + ".ktstr.json", "EOF" + HOSTILE, Optional.empty())),
                List.of(new WalkStats.IoError("/x/io" + HOSTILE + ".ktstr.json", "denied" + HOSTILE)))));
    }

    @Test
    void tableWidthsAreThoseOfTheEscapedCells() {
        String text = new Table(List.of("A", "B")).addRow(List.of("x\u001by", "z")).render();
        assertEquals(" A       B \n x\\x1by  z ", text);
    }
}
