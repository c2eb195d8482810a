package dev.ktstr.api.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.SidecarResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Writer and float text against the Python references; write-read-write stability. */
class CodecPropertyTest {
    private static PythonServer reference;

    @BeforeContainer
    static void start() throws IOException {
        reference = new PythonServer(ReferenceDriver.SOURCE);
    }

    @AfterContainer
    static void stop() throws IOException {
        reference.close();
    }

    @Property(tries = 400)
    void randomSidecarsRoundTripAndMatchTheReferenceLayout(@ForAll long seed) throws IOException {
        SidecarResult s = new RandomSidecars(seed).sidecar();
        byte[] first = SidecarCodec.write(s);
        SidecarResult back = SidecarCodec.read(first);
        assertEquals(s, back);
        assertArrayEquals(first, SidecarCodec.write(back));
        String answer = reference.ask("p " + PythonServer.hex(first));
        assertEquals("same", answer.substring(0, 4), () -> "reference re-emit differs for\n" + new String(first, StandardCharsets.UTF_8));
        String pyName = new String(hexBytes(answer.substring(5)), StandardCharsets.UTF_8);
        assertEquals(pyName, SidecarNames.fileName(s));
    }

    @Property(tries = 3000)
    void floatTextMatchesTheReference(@ForAll("doubles") double d) throws IOException {
        String bits = String.format("%016x", Double.doubleToRawLongBits(d));
        assertEquals(reference.ask("f " + bits), SerdeFloats.format(d), () -> "for " + d + " (bits " + bits + ")");
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().map(Double::longBitsToDouble)),
                net.jqwik.api.Tuple.of(2, Arbitraries.doubles()),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 4096).map(Double::longBitsToDouble)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0.0, -0.0, 1e15, 1e16, 1e-5, 1e-6, 9.999999999999999e15,
                        9.999999999999999e-6, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(-400, 400).map(e -> Math.pow(10, e))));
    }

    private static byte[] hexBytes(String hex) {
        ByteBuffer b = ByteBuffer.allocate(hex.length() / 2);
        for (int i = 0; i < hex.length(); i += 2) {
            b.put((byte) Integer.parseInt(hex.substring(i, i + 2), 16));
        }
        return b.array();
    }
}
