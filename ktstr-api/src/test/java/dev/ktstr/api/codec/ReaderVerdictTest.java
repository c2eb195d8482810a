package dev.ktstr.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.schema.Polarity;
import dev.ktstr.api.schema.SidecarResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Upstream's reader verdicts (schema.md §3, §3.1) on odd and malformed documents. */
class ReaderVerdictTest {
    /** Upstream's compact form of SidecarResult::test_fixture() (schema.md §11). */
    static final String COMPACT = "{\"test_name\":\"t\",\"topology\":\"1n1l1c1t\",\"scheduler\":\"eevdf\",\"scheduler_commit\":null,\"project_commit\":null,\"payload\":null,\"metrics\":[],\"passed\":true,\"skipped\":false,\"stats\":{\"cgroups\":[],\"total_workers\":0,\"total_cpus\":0,\"total_migrations\":0,\"worst_spread\":0.0,\"worst_gap_ms\":0,\"worst_gap_cpu\":0,\"worst_migration_ratio\":0.0,\"worst_p99_wake_latency_us\":0.0,\"worst_median_wake_latency_us\":0.0,\"worst_wake_latency_cv\":0.0,\"total_iterations\":0,\"worst_mean_run_delay_us\":0.0,\"worst_run_delay_us\":0.0,\"worst_page_locality\":0.0,\"worst_cross_node_migration_ratio\":0.0,\"worst_wake_latency_tail_ratio\":0.0,\"worst_iterations_per_worker\":0.0},\"monitor\":null,\"stimulus_events\":[],\"work_type\":\"CpuSpin\",\"active_flags\":[],\"verifier_stats\":[],\"kvm_stats\":null,\"sysctls\":[],\"kargs\":[],\"kernel_version\":null,\"kernel_commit\":null,\"timestamp\":\"\",\"run_id\":\"\",\"host\":null,\"cleanup_duration_ms\":null,\"run_source\":null}";

    private static SidecarResult read(String json) {
        return SidecarCodec.read(json);
    }

    private static SidecarParseException reject(String json) {
        return assertThrows(SidecarParseException.class, () -> read(json));
    }

    private static String with(String key, String rawValue) {
        String k = "\"" + key + "\":";
        int at = COMPACT.indexOf(k);
        assertTrue(at >= 0, key);
        int v = at + k.length();
        int end = valueEnd(COMPACT, v);
        return COMPACT.substring(0, v) + rawValue + COMPACT.substring(end);
    }

    private static String without(String key) {
        String k = "\"" + key + "\":";
        int at = COMPACT.indexOf(k);
        int end = valueEnd(COMPACT, at + k.length());
        String s = COMPACT.substring(0, at) + COMPACT.substring(end);
        return s.replace(",,", ",").replace("{,", "{").replace(",}", "}");
    }

    private static int valueEnd(String s, int from) {
        int depth = 0;
        boolean str = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (str) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    str = false;
                }
            } else if (c == '"') {
                str = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return s.length();
    }

    @Test
    void compactFixtureReadsAsTheFixture() {
        assertEquals(SidecarResult.testFixture(), read(COMPACT));
    }

    @Test
    void missingRequiredFieldIsReportedLikeSerde() {
        SidecarParseException e = reject("{\"test_name\":\"t\"}");
        assertEquals("missing field `topology` at line 1 column 17", e.serdeMessage());
        assertEquals(1, e.line());
        assertEquals(17, e.column());
        for (String key : List.of("test_name", "topology", "scheduler", "metrics", "passed", "skipped", "stats",
                "stimulus_events", "work_type", "active_flags", "verifier_stats", "sysctls", "kargs", "timestamp", "run_id")) {
            assertEquals("missing field `" + key + "`", reject(without(key)).reason(), key);
        }
    }

    @Test
    void absentOptionalFieldsReadAsEmpty() {
        for (String key : List.of("scheduler_commit", "project_commit", "payload", "monitor", "kvm_stats",
                "kernel_version", "kernel_commit", "host", "cleanup_duration_ms", "run_source")) {
            assertEquals(SidecarResult.testFixture(), read(without(key)), key);
        }
    }

    @Test
    void nestedMissingFieldCarriesThePath() {
        SidecarParseException e = reject(with("stats", "{\"cgroups\":[]}"));
        assertEquals("missing field `total_workers`", e.reason());
        assertEquals("stats", e.fieldPath());
        assertTrue(e.getMessage().contains("(in stats)"), e.getMessage());
    }

    @Test
    void nullOnlyWhereOptional() {
        assertEquals("invalid type: null, expected a boolean", reject(with("passed", "null")).reason());
        assertEquals("invalid type: null, expected a string", reject(with("test_name", "null")).reason());
        String stats = COMPACT.substring(COMPACT.indexOf("{\"cgroups\""), COMPACT.indexOf(",\"monitor\""));
        SidecarParseException e = reject(with("stats", stats.replace("\"worst_spread\":0.0", "\"worst_spread\":null")));
        assertEquals("invalid type: null, expected f64", e.reason());
        assertEquals("stats.worst_spread", e.fieldPath());
    }

    @Test
    void numbersFollowRustTypes() {
        String stats = COMPACT.substring(COMPACT.indexOf("{\"cgroups\""), COMPACT.indexOf(",\"monitor\""));
        assertEquals("invalid type: floating point `5.0`, expected usize",
                reject(with("stats", stats.replace("\"total_workers\":0", "\"total_workers\":5.0"))).reason());
        assertEquals("invalid value: integer `-1`, expected u64",
                reject(with("stats", stats.replace("\"total_migrations\":0", "\"total_migrations\":-1"))).reason());
        assertTrue(reject(with("stats", stats.replace("\"total_migrations\":0", "\"total_migrations\":-0"))).reason()
                .startsWith("invalid type: floating point `-0.0`"));
        assertEquals(-1L, read(with("stats", stats.replace("\"total_migrations\":0", "\"total_migrations\":18446744073709551615")))
                .stats().totalMigrations());
        assertTrue(reject(with("stats", stats.replace("\"total_migrations\":0", "\"total_migrations\":18446744073709551616")))
                .reason().startsWith("invalid type: floating point"));
        // integers are fine in f64 slots, even beyond 2^64
        assertEquals(5.0, read(with("stats", stats.replace("\"worst_spread\":0.0", "\"worst_spread\":5"))).stats().worstSpread());
        assertEquals(18446744073709551616.0, read(with("stats", stats.replace("\"worst_spread\":0.0",
                "\"worst_spread\":18446744073709551616"))).stats().worstSpread());
        assertEquals(-0.0, read(with("stats", stats.replace("\"worst_spread\":0.0", "\"worst_spread\":-0"))).stats().worstSpread());
        assertEquals("number out of range",
                reject(with("stats", stats.replace("\"worst_spread\":0.0", "\"worst_spread\":1e400"))).reason());
        assertEquals(0.0, read(with("stats", stats.replace("\"worst_spread\":0.0", "\"worst_spread\":1e-400"))).stats().worstSpread());
        assertEquals("invalid value: integer `4294967296`, expected u32",
                reject(with("verifier_stats", "[{\"name\":\"p\",\"verified_insns\":4294967296}]")).reason());
        assertEquals(4294967295L, read(with("verifier_stats", "[{\"name\":\"p\",\"verified_insns\":4294967295}]"))
                .verifierStats().get(0).verifiedInsns());
        assertEquals("invalid value: integer `2147483648`, expected i32",
                reject(with("metrics", "[{\"payload_index\":0,\"metrics\":[],\"exit_code\":2147483648}]")).reason());
        assertEquals(-2147483648, read(with("metrics", "[{\"payload_index\":0,\"metrics\":[],\"exit_code\":-2147483648}]"))
                .metrics().get(0).exitCode());
    }

    @Test
    void duplicateStructKeysRejectedMapKeysLastWins() {
        SidecarParseException e = reject("{\"test_name\":\"a\",\"test_name\":\"b\"}");
        // serde reports the position after the duplicate key's closing quote (28 bytes consumed)
        assertEquals("duplicate field `test_name` at line 1 column 28", e.serdeMessage());
        String stats = COMPACT.substring(COMPACT.indexOf("{\"cgroups\""), COMPACT.indexOf(",\"monitor\""));
        String withExt = stats.substring(0, stats.length() - 1) + ",\"ext_metrics\":{\"a\":1.0,\"a\":2.0}}";
        assertEquals(Map.of("a", 2.0), read(with("stats", withExt)).stats().extMetrics());
    }

    @Test
    void unknownKeysIgnoredAtAnyDepthButStillTokenized() {
        String extra = COMPACT.replace("{\"test_name\"", "{\"source\":\"ci\",\"zz\":{\"a\":[1,{\"b\":null}],\"a\":1e400,\"s\":\"\\ud800\"},\"test_name\"");
        SidecarResult s = read(extra);
        assertEquals(SidecarResult.testFixture(), s);
        assertEquals(Optional.empty(), s.runSource(), "the old `source` key lands nowhere");
        reject(COMPACT.replace("{\"test_name\"", "{\"zz\":NaN,\"test_name\""));
        reject(COMPACT.replace("{\"test_name\"", "{\"zz\":[1,2,\"test_name\""));
    }

    @Test
    void deepNestingUnderUnknownKeyIsAcceptedAndInKnownSlotFailsFast() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertEquals(SidecarResult.testFixture(), read(COMPACT.replace("{\"test_name\"", "{\"zz\":" + deep + ",\"test_name\"")));
        String deepObj = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        assertEquals(SidecarResult.testFixture(), read(COMPACT.replace("{\"test_name\"", "{\"zz\":" + deepObj + ",\"test_name\"")));
        for (String key : List.of("stats", "monitor", "host", "metrics", "kvm_stats", "test_name")) {
            SidecarParseException e = reject(with(key, deep));
            assertTrue(e.reason().startsWith("invalid type: sequence"), key + ": " + e.reason());
        }
        // unterminated deep nesting: an error, never a StackOverflowError
        reject(COMPACT.replace("{\"test_name\"", "{\"zz\":" + "[".repeat(100_000) + ",\"test_name\""));
        reject("[".repeat(100_000));
    }

    @Test
    void structsMayBeArraysOfTheirFieldValues() {
        String stats = "[[],0,0,0,0.0,0,0,0.0,0.0,0.0,0.0,0,0.0,0.0,0.0,0.0,0.0,0.0]";
        String array = "[\"t\",\"1n1l1c1t\",\"eevdf\",null,null,null,[],true,false," + stats
                + ",null,[],\"CpuSpin\",[],[],null,[],[],null,null,\"\",\"\",null,null,null]";
        assertEquals(SidecarResult.testFixture(), read(array));
        assertEquals("invalid length 0, expected struct SidecarResult with 25 elements", reject("[]").reason());
        assertEquals("invalid length 24, expected struct SidecarResult with 25 elements",
                reject(array.substring(0, array.length() - 6) + "]").reason());
        assertEquals("trailing characters", reject(array.substring(0, array.length() - 1) + ",null]").reason());
        // #[serde(default)] fields may be left out of a short array; a plain Option may not
        assertEquals(SidecarResult.testFixture().toBuilder().host(dev.ktstr.api.schema.HostContext.builder().build()).build(),
                read(with("host", "[]")));
        assertEquals("invalid length 7, expected struct MonitorSummary with 10 elements",
                reject(with("monitor", "[0,0.0,0,false,0.0,0.0,0.0]")).reason());
        assertTrue(read(with("monitor", "[0,0.0,0,false,0.0,0.0,0.0,null]")).monitor().isPresent());
    }

    @Test
    void enumsAreExternallyTagged() {
        String m = "[{\"payload_index\":0,\"metrics\":[{\"name\":\"x\",\"value\":1,\"polarity\":%s,\"unit\":\"\",\"source\":\"Json\",\"stream\":\"Stdout\"}],\"exit_code\":0}]";
        assertEquals(Polarity.targetValue(15.0),
                read(with("metrics", String.format(m, "{\"TargetValue\":15}"))).metrics().get(0).metrics().get(0).polarity());
        assertEquals(Polarity.UNKNOWN,
                read(with("metrics", String.format(m, "{\"Unknown\":null}"))).metrics().get(0).metrics().get(0).polarity());
        assertEquals("invalid type: unit variant, expected newtype variant",
                reject(with("metrics", String.format(m, "\"TargetValue\""))).reason());
        assertEquals("unknown variant `higherbetter`, expected one of `HigherBetter`, `LowerBetter`, `TargetValue`, `Unknown`",
                reject(with("metrics", String.format(m, "\"higherbetter\""))).reason());
        assertEquals("invalid type: null, expected f64",
                reject(with("metrics", String.format(m, "{\"TargetValue\":null}"))).reason());
        reject(with("metrics", String.format(m, "{\"Unknown\":1}")));
        reject(with("metrics", String.format(m, "{}")));
        reject(with("metrics", String.format(m, "{\"Unknown\":null,\"Unknown\":null}")));
        reject(with("metrics", String.format(m, "5")));
        assertEquals("unknown variant `Json2`, expected `Json` or `LlmExtract`",
                reject(with("metrics", String.format(m, "\"Unknown\"").replace("\"Json\"", "\"Json2\""))).reason());
    }

    @Test
    void nanMetricIsWrittenAsNullAndDoesNotReadBack() {
        SidecarResult s = SidecarResult.testFixture().toBuilder().metrics(List.of(new dev.ktstr.api.schema.PayloadMetrics(0,
                List.of(new dev.ktstr.api.schema.Metric("m", Double.NaN, Polarity.targetValue(Double.NaN), "",
                        dev.ktstr.api.schema.MetricSource.JSON, dev.ktstr.api.schema.MetricStream.STDOUT)), 0))).build();
        String json = SidecarCodec.writeString(s);
        assertTrue(json.contains("\"value\": null"), json);
        assertTrue(json.contains("\"TargetValue\": null"), json);
        assertEquals("invalid type: null, expected f64", reject(json).reason());
    }

    @Test
    void cpufreqKeysMustBePlainNumbers() {
        SidecarResult ok = read(with("host", "{\"cpufreq_governor\":{\"10\":\"a\",\"2\":\"b\",\"0\":\"c\"}}"));
        assertEquals(List.of(0L, 2L, 10L), List.copyOf(ok.host().orElseThrow().cpufreqGovernor().keySet()));
        assertTrue(SidecarCodec.writeString(ok).contains("\"0\": \"c\",\n      \"2\": \"b\",\n      \"10\": \"a\""));
        for (String bad : List.of("01", "+2", " 3", "-1", "abc", "\\u0031", "1.5", "")) {
            reject(with("host", "{\"cpufreq_governor\":{\"" + bad + "\":\"x\"}}"));
        }
        reject(with("host", "{\"cpufreq_governor\":null}"));
        assertTrue(read(with("host", "{\"sched_tunables\":null}")).host().orElseThrow().schedTunables().isEmpty());
    }

    @Test
    void stringsAndEncoding() {
        assertEquals("\u0000\u007f\u0085", read(with("test_name", "\"\\u0000\u007f\u0085\"")).testName());
        assertEquals("\uD83D\uDE00", read(with("test_name", "\"\\ud83d\\ude00\"")).testName());
        reject(with("test_name", "\"\\ud800\""));
        reject(with("test_name", "\"\\udc00\\ud800\""));
        reject(with("test_name", "\"a\u0001b\""));
        SidecarParseException enc = assertThrows(SidecarEncodingException.class,
                () -> SidecarCodec.read(bytesWith(COMPACT, (byte) 0xFF)));
        assertEquals("stream did not contain valid UTF-8", enc.reason());
    }

    private static byte[] bytesWith(String json, byte bad) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        b[json.indexOf("eevdf")] = bad;
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "{", "{\"test_name\":", "{\"test_name\":\"t", "nul", "tru", "[1,", "\"abc\"",
            "5", "null", "{}x", "{\"a\" 1}", "{'a':1}", "{\"a\":1,}", "[1,]", "{\"test_name\":01}", "NaN", "Infinity"})
    void malformedDocumentsGiveClearErrors(String json) {
        SidecarParseException e = reject(json);
        assertTrue(e.line() >= 1 && e.column() >= 0, e.getMessage());
        assertTrue(e.getMessage().contains(" at line "), e.getMessage());
        assertFalse(e.reason().isBlank());
    }

    @Test
    void specificMalformedMessages() {
        assertEquals("EOF while parsing a value at line 1 column 0", reject("").serdeMessage());
        assertEquals("invalid type: string \"abc\", expected struct SidecarResult at line 1 column 5", reject("\"abc\"").serdeMessage());
        assertEquals("trailing characters at line 1 column " + (COMPACT.length() + 2),
                reject(COMPACT + " x").serdeMessage());
        assertEquals(SidecarResult.testFixture(), read(" \n" + COMPACT + "\n\t "));
        byte[] bom = ("\uFEFF" + COMPACT).getBytes(StandardCharsets.UTF_8);
        assertEquals("expected value at line 1 column 1",
                assertThrows(SidecarParseException.class, () -> SidecarCodec.read(bom)).serdeMessage());
    }

    @Test
    void truncatedFixturesNeverCrash() {
        for (String name : TestFiles.FIXTURES) {
            byte[] full = TestFiles.fixture(name);
            for (int cut = 0; cut < full.length; cut += 7) {
                byte[] part = java.util.Arrays.copyOf(full, cut);
                assertThrows(SidecarParseException.class, () -> SidecarCodec.read(part), name + " cut at " + cut);
            }
        }
    }
}
