package dev.ktstr.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The hand-written UTF-8 scan agrees with the JDK's strict decoder on every input. */
class Utf8CheckPropertyTest {

    private static boolean jdkValid(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Property(tries = 3000)
    void agreesWithTheJdkOnRandomBytes(@ForAll @Size(max = 40) byte[] bytes) {
        assertEquals(jdkValid(bytes), JsonIn.firstInvalidUtf8(bytes) < 0);
    }

    @Property(tries = 1000)
    void acceptsEveryEncodedString(@ForAll String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        assertEquals(jdkValid(b), JsonIn.firstInvalidUtf8(b) < 0);
    }

    @Property(tries = 1000)
    void findsTheFirstBadByteAfterLongAsciiRuns(@ForAll @Size(min = 0, max = 40) String ascii, @ForAll byte bad) {
        // Exercises the eight-bytes-at-a-time path: a bad byte at any offset behind ASCII.
        String prefix = ascii.chars().map(c -> c & 0x7F).collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString();
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] b = java.util.Arrays.copyOf(p, p.length + 1);
        b[p.length] = bad;
        int expected = jdkValid(b) ? -1 : p.length;
        assertEquals(expected, JsonIn.firstInvalidUtf8(b));
    }

    @Test
    void rejectsOverlongsSurrogatesAndOutOfRange() {
        byte[][] bad = {
            {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF0, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}, {'a', (byte) 0xE2, (byte) 0x82},
        };
        for (byte[] b : bad) {
            assertEquals(false, jdkValid(b));
            assertEquals(b[0] == 'a' ? 1 : 0, JsonIn.firstInvalidUtf8(b));
        }
        assertEquals(-1, JsonIn.firstInvalidUtf8("µs € 😀".getBytes(StandardCharsets.UTF_8)));
    }
}
