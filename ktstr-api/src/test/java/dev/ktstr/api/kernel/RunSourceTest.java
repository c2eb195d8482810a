package dev.ktstr.api.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ktstr.api.env.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSourceTest {

    @Test
    void ciWhenKtstrCiIsNonEmpty() {
        assertEquals("local", RunSource.detect(Env.of(Map.of())));
        assertEquals("local", RunSource.detect(Env.of(Map.of("KTSTR_CI", ""))));
        assertEquals("ci", RunSource.detect(Env.of(Map.of("KTSTR_CI", "1"))));
        assertEquals("ci", RunSource.detect(Env.of(Map.of("KTSTR_CI", "0"))));
        assertEquals("ci", RunSource.detect(Env.of(Map.of("KTSTR_CI", " "))));
    }
}
