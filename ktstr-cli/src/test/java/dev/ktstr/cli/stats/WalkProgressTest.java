package dev.ktstr.cli.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class WalkProgressTest {
    @Test
    void paintsInPlaceAndErasesWhenEnabled() {
        StringWriter s = new StringWriter();
        try (WalkProgress p = new WalkProgress(new PrintWriter(s), "runs read", true)) {
            p.step();
            p.step();
        }
        assertEquals("\r1 runs read\r2 runs read\r           \r", s.toString());
    }

    @Test
    void printsNothingWhenDisabled() {
        StringWriter s = new StringWriter();
        try (WalkProgress p = new WalkProgress(new PrintWriter(s), "runs read", false)) {
            p.step();
        }
        assertEquals("", s.toString());
    }
}
