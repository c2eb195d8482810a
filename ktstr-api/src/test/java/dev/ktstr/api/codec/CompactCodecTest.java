package dev.ktstr.api.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.schema.*;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CompactCodec}: every record comes back equal (doubles bit for bit), and bytes it did not
 * write never decode: a decoded record always re-encodes to the very bytes it came from.
 */
class CompactCodecTest {
    private static final double NAN_PAYLOAD = Double.longBitsToDouble(0x7FF0_0000_0000_0123L);
    private static final double NEGATIVE_NAN = Double.longBitsToDouble(0xFFF8_0000_0000_0001L);

    static List<String> fixtures() {
        return TestFiles.FIXTURES;
    }

    /** One per test: by the time a test checks refusals, it holds the hosts of what it decoded. */
    private final CompactCodec.Decoder sharing = CompactCodec.sharingDecoder();

    private SidecarResult roundTrip(SidecarResult s) throws IOException {
        byte[] bytes = CompactCodec.encode(s);
        SidecarResult back = CompactCodec.decode(bytes);
        assertEquals(s, back);
        assertArrayEquals(bytes, CompactCodec.encode(back), "the encoding is canonical");
        assertEquals(s, sharing.decode(bytes));
        assertEquals(s, sharing.decode(bytes), "again, with its host shared");
        return back;
    }

    /** Every strict prefix and the encoding plus one byte are refused, with and without shared hosts. */
    private void refusesPrefixesAndTrailing(byte[] bytes) {
        for (int n = 0; n < bytes.length; n++) {
            byte[] prefix = Arrays.copyOf(bytes, n);
            assertThrows(IOException.class, () -> CompactCodec.decode(prefix), "prefix of " + n + " bytes");
            assertThrows(IOException.class, () -> sharing.decode(prefix), "prefix of " + n + " bytes, sharing");
        }
        for (int b : new int[] {0, 1, 0x80, 0xFF}) {
            byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
            longer[bytes.length] = (byte) b;
            assertThrows(IOException.class, () -> CompactCodec.decode(longer), "trailing byte " + b);
            assertThrows(IOException.class, () -> sharing.decode(longer), "trailing byte " + b + ", sharing");
        }
    }

    @Test
    void theSharingDecoderHandsBackOneMapOrStringForEqualBytes() throws IOException {
        SidecarResult full = SidecarCodec.read(TestFiles.fixture("example-full.ktstr.json"));
        HostContext host = full.host().orElseThrow();
        // another sidecar of the same host: other numbers (heap state), same tunables and governors
        SidecarResult other = full.toBuilder().testName("other")
                .host(host.toBuilder().heapState(HostHeapState.builder().activeBytes(7).build()).build()).build();
        Map<Long, String> governors = new java.util.HashMap<>(host.cpufreqGovernor());
        governors.put(0L, "powersave");
        SidecarResult elsewhere = full.toBuilder().host(host.toBuilder().cpufreqGovernor(governors).build()).build();
        SidecarResult a = sharing.decode(CompactCodec.encode(full));
        SidecarResult b = sharing.decode(CompactCodec.encode(other));
        SidecarResult c = sharing.decode(CompactCodec.encode(elsewhere));
        assertEquals(full, a);
        assertEquals(other, b);
        assertEquals(elsewhere, c);
        HostContext ha = a.host().orElseThrow();
        HostContext hb = b.host().orElseThrow();
        HostContext hc = c.host().orElseThrow();
        assertSame(ha.schedTunables().orElseThrow(), hb.schedTunables().orElseThrow());
        assertSame(ha.cpufreqGovernor(), hb.cpufreqGovernor());
        assertSame(ha.schedTunables().orElseThrow(), hc.schedTunables().orElseThrow());
        assertNotSame(ha.cpufreqGovernor(), hc.cpufreqGovernor());
        assertSame(ha.cpuModel().orElseThrow(), hb.cpuModel().orElseThrow());
        assertSame(a.scheduler(), c.scheduler());
        assertNotSame(CompactCodec.decode(CompactCodec.encode(full)).scheduler(), a.scheduler());
        assertNotSame(CompactCodec.decode(CompactCodec.encode(full)).host().orElseThrow().cpufreqGovernor(),
                ha.cpufreqGovernor(), "the static decode shares nothing");
        // a record given a record's map keeps it; it still copies any other map
        assertSame(ha.cpufreqGovernor(), host.toBuilder().cpufreqGovernor(ha.cpufreqGovernor()).build().cpufreqGovernor());
        assertNotSame(governors, host.toBuilder().cpufreqGovernor(governors).build().cpufreqGovernor());
        assertEquals(List.of(0L, 1L, 2L), List.copyOf(RecordMaps.byUnsignedKey(Map.of(2L, "", 0L, "", 1L, "")).keySet()));
    }

    @Test
    void theSharingDecoderKeepsABoundedNumberOfMapsAndStrings() throws IOException {
        List<SidecarResult> hosts = new ArrayList<>();
        for (int i = 0; i < SharedRecords.MAX + 50; i++) {
            hosts.add(SidecarResult.builder().host(HostContext.builder().schedTunables(Map.of("k", "v" + i)).build()).build());
        }
        for (SidecarResult s : hosts) {
            assertEquals(s, sharing.decode(CompactCodec.encode(s)));
        }
        for (SidecarResult s : hosts) {
            assertEquals(s, sharing.decode(CompactCodec.encode(s)), "kept or decoded again, always equal");
        }
        List<SidecarResult> names = new ArrayList<>();
        for (int i = 0; i < CompactCodec.SHARED_STRINGS + 50; i++) {
            names.add(SidecarResult.builder().testName("t" + i).kernelCommit("x".repeat(CompactIn.SHARED_STRING_BYTES + i % 3)).build());
        }
        for (int round = 0; round < 2; round++) {
            for (SidecarResult s : names) {
                assertEquals(s, sharing.decode(CompactCodec.encode(s)));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void fixturesComeBackEqual(String name) throws IOException {
        SidecarResult s = SidecarCodec.read(TestFiles.fixture(name));
        assertArrayEquals(TestFiles.fixture(name), SidecarCodec.write(roundTrip(s)));
        refusesPrefixesAndTrailing(CompactCodec.encode(s));
    }

    @Test
    void theFullFixtureIsCompact() {
        byte[] json = TestFiles.fixture("example-full.ktstr.json");
        byte[] compact = CompactCodec.encode(SidecarCodec.read(json));
        assertTrue(compact.length * 2 < json.length, compact.length + " bytes against " + json.length + " of JSON");
    }

    @Test
    void randomSidecarsComeBackEqual() throws IOException {
        RandomSidecars random = new RandomSidecars(16);
        for (int i = 0; i < 3000; i++) {
            SidecarResult s = random.sidecar();
            roundTrip(s);
            if (i < 40) {
                refusesPrefixesAndTrailing(CompactCodec.encode(s));
            }
        }
    }

    @Test
    void emptyAndAbsentEverything() throws IOException {
        roundTrip(SidecarResult.builder().build());
        roundTrip(SidecarResult.testFixture());
        SidecarResult emptyInside = SidecarResult.builder()
                .monitor(MonitorSummary.builder().progStatsDeltas(List.of()).build())
                .host(HostContext.builder().schedTunables(Map.of()).build())
                .kvmStats(new KvmStatsTotals(List.of(Map.of(), Map.of())))
                .metrics(List.of(new PayloadMetrics(0, List.of(), 0)))
                .build();
        SidecarResult back = roundTrip(emptyInside);
        assertEquals(Optional.of(List.of()), back.monitor().orElseThrow().progStatsDeltas());
        assertEquals(Optional.of(Map.of()), back.host().orElseThrow().schedTunables());
    }

    @Test
    void edgeNumbersAreExact() throws IOException {
        long aboveSignedMax = (1L << 63) + 12345; // a u64 above 2^63, kept as its bits
        SidecarResult s = SidecarResult.builder()
                .stats(ScenarioStats.builder().totalWorkers(-1L).totalCpus(Long.MIN_VALUE).totalMigrations(aboveSignedMax)
                        .totalIterations(Long.MAX_VALUE).worstSpread(-0.0).worstGapMs(1L << 63)
                        .worstMigrationRatio(Double.NaN).worstP99WakeLatencyUs(NAN_PAYLOAD)
                        .worstMedianWakeLatencyUs(NEGATIVE_NAN).worstWakeLatencyCv(Double.POSITIVE_INFINITY)
                        .worstMeanRunDelayUs(Double.NEGATIVE_INFINITY).worstRunDelayUs(Double.MIN_VALUE)
                        .extMetrics(Map.of("a", -0.0, "b", NAN_PAYLOAD)).build())
                .monitor(MonitorSummary.builder().maxLocalDsqDepth(0xFFFF_FFFFL)
                        .eventDeltas(new ScxEventDeltas(Long.MIN_VALUE, -0.0, Long.MAX_VALUE, -1, 1, Double.MAX_VALUE, 63, -64, 64,
                                -65, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 0, 0, 0))
                        .build())
                .metrics(List.of(new PayloadMetrics(-1L, List.of(new Metric("m", -0.0, Polarity.targetValue(NEGATIVE_NAN), "",
                        MetricSource.LLM_EXTRACT, MetricStream.SYNTHESIZED)), Integer.MIN_VALUE),
                        new PayloadMetrics(0, List.of(), Integer.MAX_VALUE)))
                .verifierStats(List.of(new ProgVerifierStats("p", 0xFFFF_FFFFL)))
                .kvmStats(new KvmStatsTotals(List.of(Map.of("x", -1L, "y", Long.MIN_VALUE))))
                .host(HostContext.builder().cpufreqGovernor(Map.of(-1L, "max", 0L, "zero", 1L << 63, "half", 7L, "seven"))
                        .totalMemoryKb(-1L).build())
                .cleanupDurationMs(-1L)
                .build();
        SidecarResult back = roundTrip(s);
        ScenarioStats st = back.stats();
        assertEquals(aboveSignedMax, st.totalMigrations());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(st.worstSpread()));
        assertEquals(Double.doubleToRawLongBits(NAN_PAYLOAD), Double.doubleToRawLongBits(st.worstP99WakeLatencyUs()));
        assertEquals(Double.doubleToRawLongBits(NEGATIVE_NAN), Double.doubleToRawLongBits(st.worstMedianWakeLatencyUs()));
        assertEquals(Double.doubleToRawLongBits(NAN_PAYLOAD), Double.doubleToRawLongBits(st.extMetrics().get("b")));
        assertEquals(Double.doubleToRawLongBits(NEGATIVE_NAN),
                Double.doubleToRawLongBits(back.metrics().get(0).metrics().get(0).polarity().target()));
        assertEquals(List.of(0L, 7L, 1L << 63, -1L), List.copyOf(back.host().orElseThrow().cpufreqGovernor().keySet()));
        refusesPrefixesAndTrailing(CompactCodec.encode(s));
    }

    @Test
    void everyStringComesBackUnchanged() throws IOException {
        List<String> strings = List.of("", "plain", "é", "\u0000", "\u007f\u0080\u07ff\u0800\uffff", "\uD83D\uDE00",
                "\uDBFF\uDFFF", "a\uD800", "\uDC00b", "\uD800\uD800", "\uDC00\uD800", "\uD800\uD83D\uDE00", "naïve 日本 \uD834\uDD1E");
        for (String t : strings) {
            SidecarResult s = SidecarResult.builder().testName(t).host(HostContext.builder().schedTunables(Map.of(t, t)).build())
                    .activeFlags(List.of(t, t + "x")).build();
            SidecarResult back = roundTrip(s);
            assertEquals(t, back.testName());
            refusesPrefixesAndTrailing(CompactCodec.encode(s));
        }
    }

    /**
     * Random byte edits of real encodings: whatever decodes must re-encode to exactly the edited
     * bytes, so a record never stands for bytes its encoding is not.
     */
    @Test
    void editedBytesDecodeToTheirOwnRecordOrNot() throws IOException {
        RandomSidecars random = new RandomSidecars(61);
        Random r = new Random(62);
        List<byte[]> bases = new ArrayList<>();
        for (String f : TestFiles.FIXTURES) {
            bases.add(CompactCodec.encode(SidecarCodec.read(TestFiles.fixture(f))));
        }
        for (int i = 0; i < 30; i++) {
            bases.add(CompactCodec.encode(random.sidecar()));
        }
        for (byte[] b : bases) {
            sharing.decode(b); // the unedited hosts are known, so edits elsewhere take the shared path
        }
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = bases.get(r.nextInt(bases.size())).clone();
            int edits = 1 + r.nextInt(2);
            for (int e = 0; e < edits; e++) {
                int at = r.nextInt(b.length);
                b[at] = switch (r.nextInt(4)) {
                    case 0 -> (byte) (b[at] + 1);
                    case 1 -> (byte) (b[at] - 1);
                    case 2 -> (byte) (b[at] ^ (1 << r.nextInt(8)));
                    default -> (byte) r.nextInt(256);
                };
            }
            SidecarResult s;
            try {
                s = CompactCodec.decode(b);
            } catch (IOException expected) {
                refused++;
                assertThrows(IOException.class, () -> sharing.decode(b), "edit " + i + ", sharing");
                continue;
            }
            decoded++;
            assertArrayEquals(b, CompactCodec.encode(s), "edit " + i);
            assertEquals(s, sharing.decode(b), "edit " + i + ", sharing");
        }
        assertTrue(decoded > 1000 && refused > 1000, decoded + " decoded, " + refused + " refused");
    }

    @Test
    void malformedPrimitivesAreRefused() throws IOException {
        assertEquals(-1L, new CompactIn(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, 1}).u64());
        assertThrows(IOException.class, () -> new CompactIn(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, 2}).u64());
        assertThrows(IOException.class, () -> new CompactIn(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1}).u64());
        assertThrows(IOException.class, () -> new CompactIn(new byte[] {(byte) 0x80, 0}).u64(), "not shortest");
        assertThrows(IOException.class, () -> new CompactIn(new byte[] {2}).bool());
        assertThrows(IOException.class, () -> new CompactIn(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x10}).u32());
        assertThrows(IOException.class, () -> new CompactIn(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x10}).i32());
        assertThrows(IOException.class, () -> new CompactIn(new byte[] {3, 'a', 'b'}).string(), "count past the end");
        for (int[] utf8 : new int[][] {{0xC0, 0x80}, {0xE0, 0x80, 0x80}, {0xF0, 0x80, 0x80, 0x80}, {0xF4, 0x90, 0x80, 0x80},
                {0xF5, 0x80, 0x80, 0x80}, {0x80}, {0xC3}, {0xC3, 0x41}, {0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80}}) {
            byte[] b = new byte[utf8.length + 1];
            b[0] = (byte) utf8.length;
            for (int i = 0; i < utf8.length; i++) {
                b[i + 1] = (byte) utf8[i];
            }
            assertThrows(IOException.class, () -> new CompactIn(b).string(), Arrays.toString(utf8));
        }
        assertEquals("\uD800", new CompactIn(new byte[] {3, (byte) 0xED, (byte) 0xA0, (byte) 0x80}).string());
        byte[] fixture = CompactCodec.encode(SidecarResult.testFixture());
        fixture[0] = 2;
        assertThrows(IOException.class, () -> CompactCodec.decode(fixture), "another format byte");
    }

    @Test
    void repeatedOrUnorderedMapKeysAreRefused() throws IOException {
        SidecarResult s = SidecarResult.builder()
                .stats(ScenarioStats.builder().extMetrics(Map.of("key1", 1.0, "key2", 2.0)).build()).build();
        byte[] bytes = CompactCodec.encode(s);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int second = text.indexOf("key2");
        assertTrue(second > 0);
        byte[] repeated = bytes.clone();
        repeated[second + 3] = '1';
        assertThrows(IOException.class, () -> CompactCodec.decode(repeated));
        byte[] swapped = bytes.clone();
        swapped[second + 3] = '0';
        assertThrows(IOException.class, () -> CompactCodec.decode(swapped));
        swapped[second + 3] = '3';
        assertEquals(Map.of("key1", 1.0, "key3", 2.0), CompactCodec.decode(swapped).stats().extMetrics());
    }
}
