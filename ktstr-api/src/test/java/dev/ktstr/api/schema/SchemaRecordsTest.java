package dev.ktstr.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaRecordsTest {

    @Test
    void u64HelpersCoverTheFullUnsignedRange() {
        assertEquals("18446744073709551615", U64.toString(-1L));
        assertEquals(-1L, U64.parse("18446744073709551615"));
        assertEquals(new BigInteger("9223372036854775808"), U64.toBigInteger(Long.MIN_VALUE));
        assertTrue(U64.compare(-1L, 1L) > 0);
        assertEquals(18446744073709551615.0, U64.toDouble(-1L));
        assertEquals(new BigInteger("9223372036854777857").doubleValue(), U64.toDouble(new BigInteger("9223372036854777857").longValue()));
        for (long bits : new long[] {0, 1, Long.MAX_VALUE, Long.MIN_VALUE, -2049L, 0x8000_0000_0000_0401L, 0xFFFF_FFFF_FFFF_F7FFL}) {
            assertEquals(U64.toBigInteger(bits).doubleValue(), U64.toDouble(bits), U64.toString(bits));
        }
        assertThrows(NumberFormatException.class, () -> U64.parse("18446744073709551616"));
        assertThrows(NumberFormatException.class, () -> U64.parse("-1"));
    }

    @Test
    void u32ComponentsAreRangeChecked() {
        assertEquals(0xFFFF_FFFFL, new ProgVerifierStats("p", 0xFFFF_FFFFL).verifiedInsns());
        assertThrows(IllegalArgumentException.class, () -> new ProgVerifierStats("p", 0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> new ProgVerifierStats("p", -1));
        assertThrows(IllegalArgumentException.class, () -> MonitorSummary.builder().maxLocalDsqDepth(-1).build());
    }

    @Test
    void mapsIterateInWriteOrderAndAreImmutable() {
        Map<String, Double> ext = new HashMap<>();
        ext.put("\uD83D\uDE00", 1.0);
        ext.put("\uFFFD", 2.0);
        ext.put("b", 3.0);
        ext.put("B", 4.0);
        ScenarioStats s = ScenarioStats.builder().extMetrics(ext).build();
        assertEquals(List.of("B", "b", "\uFFFD", "\uD83D\uDE00"), new ArrayList<>(s.extMetrics().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> s.extMetrics().put("x", 1.0));
        HostContext h = HostContext.builder().cpufreqGovernor(Map.of(10L, "a", 2L, "b", -1L, "c")).build();
        assertEquals(List.of(2L, 10L, -1L), new ArrayList<>(h.cpufreqGovernor().keySet()));
        List<String> flags = new ArrayList<>(List.of("llc"));
        SidecarResult r = SidecarResult.builder().activeFlags(flags).build();
        flags.add("steal");
        assertEquals(List.of("llc"), r.activeFlags());
    }

    @Test
    void nullsAreRefused() {
        assertThrows(NullPointerException.class, () -> SidecarResult.builder().testName(null));
        assertThrows(NullPointerException.class, () -> new StimulusEvent(0, "x", null, Optional.empty(), Optional.empty()));
        Map<String, Double> withNull = new HashMap<>();
        withNull.put("a", null);
        assertThrows(NullPointerException.class, () -> ScenarioStats.builder().extMetrics(withNull).build());
    }

    @Test
    void polarityCarriesATargetOnlyForTargetValue() {
        assertEquals(Polarity.Kind.TARGET_VALUE, Polarity.targetValue(15.0).kind());
        assertEquals(15.0, Polarity.targetValue(15.0).target());
        assertThrows(IllegalArgumentException.class, () -> new Polarity(Polarity.Kind.UNKNOWN, 1.0));
        assertEquals(Optional.of(Polarity.Kind.LOWER_BETTER), Polarity.Kind.fromWireName("LowerBetter"));
        assertEquals(Optional.empty(), Polarity.Kind.fromWireName("lowerbetter"));
        assertEquals(Optional.of(MetricStream.SYNTHESIZED), MetricStream.fromWireName("Synthesized"));
        assertEquals("LlmExtract", MetricSource.LLM_EXTRACT.wireName());
    }

    @Test
    void builderDefaultsAreEmptyAndToBuilderRoundTrips() {
        SidecarResult empty = SidecarResult.builder().build();
        assertEquals("", empty.testName());
        assertEquals(List.of(), empty.metrics());
        assertEquals(Optional.empty(), empty.host());
        assertEquals(0L, empty.stats().totalWorkers());
        SidecarResult f = SidecarResult.testFixture();
        assertEquals(f, f.toBuilder().build());
        assertEquals(Optional.of(5L), f.toBuilder().cleanupDurationMs(5).build().cleanupDurationMs());
    }
}
