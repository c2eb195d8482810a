package dev.ktstr.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void disabledPrintsNothingButCounts() {
        StringWriter sw = new StringWriter();
        try (Progress p = new Progress(new PrintWriter(sw), "files", false)) {
            for (int i = 0; i < 5; i++) {
                p.step();
            }
            assertEquals(5, p.count());
        }
        assertEquals("", sw.toString());
    }

    @Test
    void enabledPaintsInPlaceAndErasesOnClose() {
        StringWriter sw = new StringWriter();
        try (Progress p = new Progress(new PrintWriter(sw), "files checked", true)) {
            p.step();
        }
        String s = sw.toString();
        assertTrue(s.startsWith("\r1 files checked"), s);
        assertTrue(s.endsWith("\r" + " ".repeat("1 files checked".length()) + "\r"), s);
        assertEquals(-1, s.indexOf('\n'), "never moves to a new line");
    }

    @Test
    void onTerminalFollowsTheConsole() {
        // Surefire's forked JVM has no console: progress must stay off there.
        assertEquals(System.console() != null, Progress.onTerminal(new PrintWriter(new StringWriter()), "x").enabled());
    }
}
