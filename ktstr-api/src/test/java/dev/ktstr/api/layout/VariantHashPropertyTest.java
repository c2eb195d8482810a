package dev.ktstr.api.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ktstr.api.codec.PythonServer;
import dev.ktstr.api.codec.ReferenceDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The Java variant hash equals siphash13.py's for random inputs. */
class VariantHashPropertyTest {
    private static PythonServer reference;

    @BeforeContainer
    static void start() throws IOException {
        reference = new PythonServer(ReferenceDriver.SOURCE);
    }

    @AfterContainer
    static void stop() throws IOException {
        reference.close();
    }

    @Property(tries = 1000)
    void rawSipHashMatches(@ForAll byte[] data) throws IOException {
        assertEquals(reference.ask("s " + PythonServer.hex(data)), VariantHash.hex(VariantHash.sipHash13(data)));
    }

    @Property(tries = 1000)
    void variantHashMatches(@ForAll("text") String topology, @ForAll("text") String scheduler,
            @ForAll("maybeText") Optional<String> payload, @ForAll("text") String workType,
            @ForAll("texts") List<String> flags, @ForAll("texts") List<String> sysctls, @ForAll("texts") List<String> kargs)
            throws IOException {
        List<String> canonical = Flags.canonicalOrder(flags);
        String json = "{\"topology\":" + ReferenceDriver.jsonString(topology)
                + ",\"scheduler\":" + ReferenceDriver.jsonString(scheduler)
                + ",\"payload\":" + payload.map(ReferenceDriver::jsonString).orElse("null")
                + ",\"work_type\":" + ReferenceDriver.jsonString(workType)
                + ",\"active_flags\":" + ReferenceDriver.jsonList(canonical)
                + ",\"sysctls\":" + ReferenceDriver.jsonList(sysctls)
                + ",\"kargs\":" + ReferenceDriver.jsonList(kargs) + "}";
        String expected = reference.ask("h " + PythonServer.hex(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, VariantHash.hex(
                VariantHash.compute(topology, scheduler, payload, workType, canonical, sysctls, kargs)));
    }

    @Provide
    Arbitrary<String> text() {
        // code points, never lone surrogates: Rust strings hold Unicode scalar values only
        Arbitrary<Integer> cp = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0x1F)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0xD7FF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xE000, 0x10FFFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Flags.ALL).map(f -> (int) f.charAt(0))));
        Arbitrary<String> random = cp.list().ofMaxSize(12).map(l -> {
            StringBuilder sb = new StringBuilder();
            l.forEach(sb::appendCodePoint);
            return sb.toString();
        });
        return Arbitraries.oneOf(random, Arbitraries.of(Flags.ALL), Arbitraries.of("", "x", "\uFFFD", "\uD83D\uDE00"));
    }

    @Provide
    Arbitrary<Optional<String>> maybeText() {
        return text().optional();
    }

    @Provide
    Arbitrary<List<String>> texts() {
        return text().list().ofMaxSize(6);
    }
}
