package dev.ktstr.api.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.schema.SidecarResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FixtureRoundTripTest {

    static java.util.List<String> fixtures() {
        return TestFiles.FIXTURES;
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void rewritesUpstreamBytesExactly(String name) {
        byte[] original = TestFiles.fixture(name);
        SidecarResult parsed = SidecarCodec.read(original);
        byte[] again = SidecarCodec.write(parsed);
        assertEquals(new String(original, StandardCharsets.UTF_8), new String(again, StandardCharsets.UTF_8));
        assertArrayEquals(original, again);
        assertEquals(parsed, SidecarCodec.read(again));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void writeStringMatchesWriteBytes(String name) {
        SidecarResult parsed = SidecarCodec.read(TestFiles.fixture(name));
        assertArrayEquals(SidecarCodec.write(parsed), SidecarCodec.writeString(parsed).getBytes(StandardCharsets.UTF_8));
        assertTrue(!SidecarCodec.writeString(parsed).endsWith("\n"));
    }
}
