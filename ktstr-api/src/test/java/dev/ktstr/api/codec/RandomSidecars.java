package dev.ktstr.api.codec;

import dev.ktstr.api.schema.*;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Random sidecars covering every type, optional and edge value: unicode (astral, control
 * characters, quotes, DEL), extreme and subnormal floats, {@code -0.0}, the full u64 range.
 */
public final class RandomSidecars {
    private static final double[] EDGE_DOUBLES = {0.0, -0.0, 1.0, -1.0, 5e-324, 1e-323, 2.2250738585072014e-308,
        Double.MAX_VALUE, -Double.MAX_VALUE, 1e15, 1e16, 9007199254740992.0, 1e-5, 1e-6, 0.1 + 0.2, 1.5e-7,
        1.2345678901234568e17, 4812345.6, 123456789012345.6, 0.000015};
    private static final long[] EDGE_LONGS = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFF_FFFFL, 1L << 53};
    private static final String[] EDGE_STRINGS = {"", "\"", "\\", "\u0000", "\u001f", "\u007f", "\u0080", "\u2028",
        "\uD83D\uDE00", "\b\f\n\r\t", "/", "é", "\uFFFF", "\uDBFF\uDFFF", "a\"b\\c"};

    private final Random r;

    public RandomSidecars(long seed) {
        this.r = new Random(seed);
    }

    public double finiteDouble() {
        switch (r.nextInt(4)) {
            case 0:
                return EDGE_DOUBLES[r.nextInt(EDGE_DOUBLES.length)];
            case 1: {
                double d = Double.longBitsToDouble(r.nextLong());
                return Double.isFinite(d) ? d : r.nextDouble();
            }
            case 2:
                return Math.round(r.nextDouble() * 1e6) / 100.0;
            default:
                return (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(40) - 20);
        }
    }

    public long u64() {
        return r.nextInt(3) == 0 ? EDGE_LONGS[r.nextInt(EDGE_LONGS.length)] : r.nextInt(2) == 0 ? r.nextLong() : r.nextInt(100_000);
    }

    public long u32() {
        return r.nextInt(3) == 0 ? 0xFFFF_FFFFL : r.nextInt(Integer.MAX_VALUE);
    }

    public String string() {
        int n = r.nextInt(8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(4)) {
                case 0 -> sb.append(EDGE_STRINGS[r.nextInt(EDGE_STRINGS.length)]);
                case 1 -> sb.append((char) ('a' + r.nextInt(26)));
                case 2 -> sb.append((char) r.nextInt(0x80));
                default -> {
                    int cp;
                    do {
                        cp = r.nextInt(0x110000);
                    } while (cp >= 0xD800 && cp <= 0xDFFF);
                    sb.appendCodePoint(cp);
                }
            }
        }
        return sb.toString();
    }

    private boolean coin() {
        return r.nextBoolean();
    }

    private <T> Optional<T> maybe(java.util.function.Supplier<T> s) {
        return coin() ? Optional.of(s.get()) : Optional.empty();
    }

    private <T> List<T> list(int max, java.util.function.Supplier<T> s) {
        int n = r.nextInt(max + 1);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s.get());
        }
        return out;
    }

    private <V> Map<String, V> map(int max, java.util.function.Supplier<V> s) {
        Map<String, V> m = new HashMap<>();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            m.put(string(), s.get());
        }
        return m;
    }

    public SidecarResult sidecar() {
        return SidecarResult.builder()
                .testName(string()).topology(string()).scheduler(string())
                .schedulerCommit(maybe(this::string)).projectCommit(maybe(this::string)).payload(maybe(this::string))
                .metrics(list(3, this::payloadMetrics)).passed(coin()).skipped(coin())
                .stats(scenarioStats()).monitor(maybe(this::monitor))
                .stimulusEvents(list(3, () -> new StimulusEvent(u64(), string(), maybe(this::string), maybe(this::string),
                        maybe(this::u64))))
                .workType(string()).activeFlags(list(4, this::string))
                .verifierStats(list(3, () -> new ProgVerifierStats(string(), u32())))
                .kvmStats(maybe(() -> new KvmStatsTotals(list(3, () -> map(4, this::u64)))))
                .sysctls(list(3, this::string)).kargs(list(3, this::string))
                .kernelVersion(maybe(this::string)).kernelCommit(maybe(this::string))
                .timestamp(string()).runId(string()).host(maybe(this::host))
                .cleanupDurationMs(maybe(this::u64)).runSource(maybe(this::string))
                .build();
    }

    private PayloadMetrics payloadMetrics() {
        return new PayloadMetrics(u64(), list(3, this::metric), r.nextInt());
    }

    private Metric metric() {
        Polarity p = switch (r.nextInt(4)) {
            case 0 -> Polarity.HIGHER_BETTER;
            case 1 -> Polarity.LOWER_BETTER;
            case 2 -> Polarity.targetValue(finiteDouble());
            default -> Polarity.UNKNOWN;
        };
        return new Metric(string(), finiteDouble(), p, string(),
                MetricSource.values()[r.nextInt(MetricSource.values().length)],
                MetricStream.values()[r.nextInt(MetricStream.values().length)]);
    }

    private ScenarioStats scenarioStats() {
        return new ScenarioStats(list(2, this::cgroup), u64(), u64(), u64(), finiteDouble(), u64(), u64(), finiteDouble(),
                finiteDouble(), finiteDouble(), finiteDouble(), u64(), finiteDouble(), finiteDouble(), finiteDouble(),
                finiteDouble(), finiteDouble(), finiteDouble(), map(3, this::finiteDouble));
    }

    private CgroupStats cgroup() {
        return new CgroupStats(u64(), u64(), finiteDouble(), finiteDouble(), finiteDouble(), finiteDouble(), u64(), u64(),
                u64(), finiteDouble(), finiteDouble(), finiteDouble(), finiteDouble(), u64(), finiteDouble(), finiteDouble(),
                finiteDouble(), finiteDouble(), finiteDouble(), finiteDouble(), map(3, this::finiteDouble));
    }

    private MonitorSummary monitor() {
        return new MonitorSummary(u64(), finiteDouble(), u32(), coin(), finiteDouble(), finiteDouble(), finiteDouble(),
                maybe(() -> new ScxEventDeltas(r.nextLong(), finiteDouble(), r.nextLong(), r.nextLong(), r.nextLong(),
                        finiteDouble(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(),
                        r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong())),
                maybe(() -> new SchedstatDeltas(u64(), finiteDouble(), u64(), u64(), finiteDouble(), u64(), u64(), u64(), u64())),
                maybe(() -> list(3, () -> new ProgStatsDelta(string(), u64(), u64(), finiteDouble()))));
    }

    private HostContext host() {
        Map<Long, String> gov = new HashMap<>();
        int n = r.nextInt(14);
        for (int i = 0; i < n; i++) {
            gov.put(r.nextInt(3) == 0 ? u64() : (long) r.nextInt(20), string());
        }
        return new HostContext(maybe(this::string), maybe(this::string), maybe(this::u64), maybe(this::u64),
                maybe(this::u64), maybe(this::u64), maybe(this::string), maybe(this::string),
                maybe(() -> map(4, this::string)), maybe(this::u64), maybe(this::u64), gov, maybe(this::string),
                maybe(this::string), maybe(this::string), maybe(this::string),
                maybe(() -> new HostHeapState(maybe(this::u64), maybe(this::u64), maybe(this::u64), maybe(this::u64),
                        maybe(this::u64))));
    }
}
