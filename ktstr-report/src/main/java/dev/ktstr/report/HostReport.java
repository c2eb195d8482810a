package dev.ktstr.report;

import dev.ktstr.api.codec.SerdeJson;
import dev.ktstr.report.text.TerminalText;
import dev.ktstr.api.schema.HostContext;
import dev.ktstr.api.schema.HostHeapState;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.report.text.RustFormat;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code stats show-host}: upstream's {@code format_human} of a host context, its field diff
 * (used by compare's host section), and the command's error texts.
 */
public final class HostReport {
    private HostReport() {
    }

    /** One {@code key: value} line per field in upstream's order, {@code (unknown)} when absent.
     *
     * @param h the host context to print
     * @return the human-readable text, one line per field (maps indented below their key)
     */
    public static String formatHuman(HostContext h) {
        StringBuilder out = new StringBuilder();
        for (var e : scalars(h).entrySet()) {
            out.append(e.getKey()).append(": ").append(e.getValue().orElse("(unknown)")).append('\n');
        }
        if (h.cpufreqGovernor().isEmpty()) {
            out.append("cpufreq_governor: (empty)\n");
        } else {
            out.append("cpufreq_governor:\n");
            new TreeMap<>(h.cpufreqGovernor()).forEach((cpu, gov) ->
                    out.append("  cpu").append(Long.toUnsignedString(cpu)).append(" = ").append(gov).append('\n'));
        }
        Optional<Map<String, String>> tunables = h.schedTunables();
        if (tunables.isEmpty()) {
            out.append("sched_tunables: (unknown)\n");
        } else if (tunables.get().isEmpty()) {
            out.append("sched_tunables: (empty)\n");
        } else {
            out.append("sched_tunables:\n");
            sorted(tunables.get()).forEach((k, v) -> out.append("  ").append(k).append(" = ").append(v).append('\n'));
        }
        if (h.heapState().isEmpty()) {
            out.append("heap_state: (unknown)\n");
        } else {
            out.append("heap_state:\n");
            for (var e : heap(h.heapState().get()).entrySet()) {
                out.append("  ").append(e.getKey()).append(": ").append(e.getValue().orElse("(unknown)")).append('\n');
            }
        }
        return TerminalText.visibleLines(out.toString()); // host values: shown, not obeyed
    }

    /** Indented {@code key: before → after} lines for every differing field; empty when identical.
     *
     * @param a the host before (left side)
     * @param b the host after (right side)
     * @return the differing fields as {@code before → after} lines, or the empty string
     */
    public static String diff(HostContext a, HostContext b) {
        StringBuilder out = new StringBuilder();
        Map<String, Optional<String>> sa = scalars(a);
        Map<String, Optional<String>> sb = scalars(b);
        for (String key : sa.keySet()) {
            if (!sa.get(key).equals(sb.get(key))) {
                out.append("  ").append(key).append(": ").append(sa.get(key).orElse("(unknown)")).append(" \u2192 ")
                        .append(sb.get(key).orElse("(unknown)")).append('\n');
            }
        }
        TreeSet<Long> cpus = new TreeSet<>(Long::compareUnsigned);
        cpus.addAll(a.cpufreqGovernor().keySet());
        cpus.addAll(b.cpufreqGovernor().keySet());
        for (Long cpu : cpus) {
            String ga = a.cpufreqGovernor().get(cpu);
            String gb = b.cpufreqGovernor().get(cpu);
            if (!Objects.equals(ga, gb)) {
                out.append("  cpufreq_governor.cpu").append(Long.toUnsignedString(cpu)).append(": ")
                        .append(ga == null ? "(absent)" : ga).append(" \u2192 ").append(gb == null ? "(absent)" : gb)
                        .append('\n');
            }
        }
        Optional<Map<String, String>> ta = a.schedTunables();
        Optional<Map<String, String>> tb = b.schedTunables();
        if (ta.isPresent() && tb.isPresent()) {
            TreeSet<String> keys = new TreeSet<>(RustFormat::compareUtf8);
            keys.addAll(ta.get().keySet());
            keys.addAll(tb.get().keySet());
            for (String k : keys) {
                String va = ta.get().get(k);
                String vb = tb.get().get(k);
                if (!Objects.equals(va, vb)) {
                    out.append("  sched_tunables.").append(k).append(": ").append(va == null ? "(absent)" : va)
                            .append(" \u2192 ").append(vb == null ? "(absent)" : vb).append('\n');
                }
            }
        } else if (!ta.equals(tb)) {
            out.append("  sched_tunables: ").append(summarize(ta)).append(" \u2192 ").append(summarize(tb)).append('\n');
        }
        Optional<HostHeapState> ha = a.heapState();
        Optional<HostHeapState> hb = b.heapState();
        if (ha.isPresent() && hb.isPresent()) {
            Map<String, Optional<String>> xa = heap(ha.get());
            Map<String, Optional<String>> xb = heap(hb.get());
            StringBuilder inner = new StringBuilder();
            for (String key : xa.keySet()) {
                if (!xa.get(key).equals(xb.get(key))) {
                    inner.append("    ").append(key).append(": ").append(xa.get(key).orElse("(unknown)"))
                            .append(" \u2192 ").append(xb.get(key).orElse("(unknown)")).append('\n');
                }
            }
            if (inner.length() > 0) {
                out.append("  heap_state:\n").append(inner);
            }
        } else if (ha.isPresent() != hb.isPresent()) {
            out.append("  heap_state: ").append(ha.isPresent() ? "(present)" : "(unknown)").append(" \u2192 ")
                    .append(hb.isPresent() ? "(present)" : "(unknown)").append('\n');
        }
        return TerminalText.visibleLines(out.toString()); // host values: shown, not obeyed
    }

    /**
     * The host section of a compare: identical (with the shared arch), a delta, captured on
     * one side only, or nothing.
     *
     * @param a the host of side A, empty when not captured
     * @param b the host of side B, empty when not captured
     * @param labelA the name of side A shown in the text
     * @param labelB the name of side B shown in the text
     * @return the section text (starting with a blank line), or the empty string when neither side has a host
     */
    public static String compareSection(Optional<HostContext> a, Optional<HostContext> b, String labelA,
            String labelB) {
        if (a.isPresent() && b.isPresent()) {
            String delta = diff(a.get(), b.get());
            if (!delta.isEmpty()) {
                return TerminalText.visibleLines("\nhost delta ('" + labelA + "' \u2192 '" + labelB + "'):\n" + delta);
            }
            Optional<String> archA = a.get().arch();
            if (archA.isPresent() && archA.equals(b.get().arch())) {
                return TerminalText.visibleLines(
                        "\nhost: identical between '" + labelA + "' and '" + labelB + "' (arch: " + archA.get() + ")\n");
            }
            return TerminalText.visibleLines("\nhost: identical between '" + labelA + "' and '" + labelB + "'\n");
        }
        if (a.isPresent()) {
            return TerminalText.visibleLines("\nhost: captured in '" + labelA + "' only, delta unavailable\n");
        }
        if (b.isPresent()) {
            return TerminalText.visibleLines("\nhost: captured in '" + labelB + "' only, delta unavailable\n");
        }
        return "";
    }

    /**
     * The {@code show-host} output for a run's sidecars: the host of the first sidecar (in the
     * given order) that carries one.
     *
     * @param runId the run's name, used in the error messages
     * @param sidecars the run's sidecars in reading order
     * @return the host context as {@link #formatHuman} text
     * @throws ReportException upstream's messages for no sidecars or no host
     */
    public static String showHost(String runId, List<SidecarResult> sidecars) {
        return formatHuman(pickHost(runId, sidecars));
    }

    /** The {@code show-host --json} shape: the host context object (see docs/cli-json.md).
     *
     * @param runId the run's name, used in the error messages
     * @param sidecars the run's sidecars in reading order
     * @return the pretty-printed JSON object of the first host found
     * @throws ReportException upstream's messages for no sidecars or no host
     */
    public static String showHostJson(String runId, List<SidecarResult> sidecars) {
        HostContext h = pickHost(runId, sidecars);
        return SerdeJson.pretty(g -> writeHostJson(g, h));
    }

    /** Writes a host context as a JSON object, keys in upstream's human order.
     *
     * @param g the generator to write to, positioned where a value is expected
     * @param h the host context to write; absent fields are written as {@code null}
     * @throws IOException when the generator fails to write
     */
    public static void writeHostJson(com.fasterxml.jackson.core.JsonGenerator g, HostContext h) throws IOException {
        g.writeStartObject();
        g.writeStringField("kernel_name", h.kernelName().orElse(null));
        g.writeStringField("kernel_release", h.kernelRelease().orElse(null));
        g.writeStringField("arch", h.arch().orElse(null));
        g.writeStringField("cpu_model", h.cpuModel().orElse(null));
        g.writeStringField("cpu_vendor", h.cpuVendor().orElse(null));
        writeOptU64(g, "total_memory_kb", h.totalMemoryKb());
        writeOptU64(g, "hugepages_total", h.hugepagesTotal());
        writeOptU64(g, "hugepages_free", h.hugepagesFree());
        writeOptU64(g, "hugepages_size_kb", h.hugepagesSizeKb());
        writeOptU64(g, "online_cpus", h.onlineCpus());
        writeOptU64(g, "numa_nodes", h.numaNodes());
        g.writeStringField("thp_enabled", h.thpEnabled().orElse(null));
        g.writeStringField("thp_defrag", h.thpDefrag().orElse(null));
        g.writeStringField("kernel_cmdline", h.kernelCmdline().orElse(null));
        g.writeObjectFieldStart("cpufreq_governor");
        TreeMap<Long, String> govs = new TreeMap<>(Long::compareUnsigned);
        govs.putAll(h.cpufreqGovernor());
        for (var e : govs.entrySet()) {
            g.writeStringField(Long.toUnsignedString(e.getKey()), e.getValue());
        }
        g.writeEndObject();
        g.writeFieldName("sched_tunables");
        if (h.schedTunables().isEmpty()) {
            g.writeNull();
        } else {
            g.writeStartObject();
            for (var e : sorted(h.schedTunables().get()).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeFieldName("heap_state");
        if (h.heapState().isEmpty()) {
            g.writeNull();
        } else {
            HostHeapState hs = h.heapState().get();
            g.writeStartObject();
            writeOptU64(g, "allocated_bytes", hs.allocatedBytes());
            writeOptU64(g, "active_bytes", hs.activeBytes());
            writeOptU64(g, "resident_bytes", hs.residentBytes());
            writeOptU64(g, "mapped_bytes", hs.mappedBytes());
            writeOptU64(g, "narenas", hs.narenas());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** Upstream's "run not found" message; {@code suggestion} from {@link #suggestRun}.
     *
     * @param runId the run name that was asked for
     * @param root the runs directory searched, as shown to the user
     * @param suggestion the closest existing run name, if any
     * @return the one-line error message
     */
    public static String runNotFoundMessage(String runId, String root, Optional<String> suggestion) {
        return "run '" + runId + "' not found under " + root + "."
                + suggestion.map(s -> " Did you mean `" + s + "`?").orElse("")
                + " Run `ktstr-sidecar stats list` to enumerate available run keys.";
    }

    /**
     * The closest run name by Levenshtein distance in characters, if within
     * max(3, byte length / 3); ties go to the earliest name in {@code runNames}.
     *
     * @param runId the run name that was asked for
     * @param runNames the existing run names; names starting with {@code .} are skipped
     * @return the suggestion, or empty when no name is close enough
     */
    public static Optional<String> suggestRun(String runId, List<String> runNames) {
        int limit = Math.max(3, runId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : runNames) {
            if (name.startsWith(".")) {
                continue;
            }
            int d = levenshtein(runId, name);
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    static int levenshtein(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[] prev = new int[y.length + 1];
        int[] cur = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= y.length; j++) {
                int cost = x[i - 1] == y[j - 1] ? 0 : 1;
                cur[j] = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[y.length];
    }

    private static HostContext pickHost(String runId, List<SidecarResult> sidecars) {
        if (sidecars.isEmpty()) {
            throw new ReportException("run '" + runId + "' has no sidecar data");
        }
        return sidecars.stream().flatMap(s -> s.host().stream()).findFirst().orElseThrow(() -> new ReportException(
                "run '" + runId + "' has " + sidecars.size() + " sidecar(s) but none carries a populated host context;"
                        + " this usually means the run predates host-context enrichment. Re-run the test to produce a"
                        + " sidecar with the current schema."));
    }

    private static void writeOptU64(com.fasterxml.jackson.core.JsonGenerator g, String name, Optional<Long> v)
            throws IOException {
        g.writeFieldName(name);
        if (v.isPresent()) {
            SerdeJson.writeU64(g, v.get());
        } else {
            g.writeNull();
        }
    }

    private static Map<String, Optional<String>> scalars(HostContext h) {
        Map<String, Optional<String>> m = new java.util.LinkedHashMap<>();
        m.put("kernel_name", h.kernelName());
        m.put("kernel_release", h.kernelRelease());
        m.put("arch", h.arch());
        m.put("cpu_model", h.cpuModel());
        m.put("cpu_vendor", h.cpuVendor());
        m.put("total_memory_kb", h.totalMemoryKb().map(Long::toUnsignedString));
        m.put("hugepages_total", h.hugepagesTotal().map(Long::toUnsignedString));
        m.put("hugepages_free", h.hugepagesFree().map(Long::toUnsignedString));
        m.put("hugepages_size_kb", h.hugepagesSizeKb().map(Long::toUnsignedString));
        m.put("online_cpus", h.onlineCpus().map(Long::toUnsignedString));
        m.put("numa_nodes", h.numaNodes().map(Long::toUnsignedString));
        m.put("thp_enabled", h.thpEnabled());
        m.put("thp_defrag", h.thpDefrag());
        m.put("kernel_cmdline", h.kernelCmdline());
        return m;
    }

    private static Map<String, Optional<String>> heap(HostHeapState s) {
        Map<String, Optional<String>> m = new java.util.LinkedHashMap<>();
        m.put("allocated_bytes", s.allocatedBytes().map(Long::toUnsignedString));
        m.put("active_bytes", s.activeBytes().map(Long::toUnsignedString));
        m.put("resident_bytes", s.residentBytes().map(Long::toUnsignedString));
        m.put("mapped_bytes", s.mappedBytes().map(Long::toUnsignedString));
        m.put("narenas", s.narenas().map(Long::toUnsignedString));
        return m;
    }

    private static String summarize(Optional<Map<String, String>> m) {
        if (m.isEmpty()) {
            return "(unknown)";
        }
        int n = m.get().size();
        return n == 0 ? "(empty)" : n == 1 ? "(1 entry)" : "(" + n + " entries)";
    }

    private static TreeMap<String, String> sorted(Map<String, String> m) {
        TreeMap<String, String> t = new TreeMap<>(RustFormat::compareUtf8);
        t.putAll(m);
        return t;
    }
}
