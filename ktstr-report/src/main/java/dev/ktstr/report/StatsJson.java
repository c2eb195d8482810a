package dev.ktstr.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ktstr.api.codec.SerdeJson;
import dev.ktstr.api.schema.KvmStatsTotals;
import dev.ktstr.api.schema.MonitorSummary;
import dev.ktstr.api.schema.ProgStatsDelta;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.schema.U64;
import dev.ktstr.report.text.RustFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON view of the bare {@code stats} report: the same four sections as
 * {@link StatsReport#render}, as data. Shape documented in docs/cli-json.md ({@code stats --json}).
 */
public final class StatsJson {
    /** Bumped only on incompatible changes of the shape. */
    public static final String SCHEMA_VERSION = "1";

    private StatsJson() {
    }

    /**
     * Pretty JSON, no final newline; {@code run} labels where the sidecars came from.
     *
     * @param run the run's name (or another label of the source)
     * @param sidecars the sidecars to report
     * @return the pretty-printed JSON object
     */
    public static String render(String run, List<SidecarResult> sidecars) {
        List<GauntletRow> rows = sidecars.stream().map(GauntletRow::of).toList();
        return SerdeJson.pretty(g -> {
            g.writeStartObject();
            g.writeStringField("_schema_version", SCHEMA_VERSION);
            g.writeStringField("run", run);
            g.writeNumberField("sidecars", sidecars.size());
            g.writeArrayFieldStart("outliers");
            for (StatsReport.Outlier o : rows.isEmpty() ? List.<StatsReport.Outlier>of() : StatsReport.outliers(rows)) {
                g.writeStartObject();
                g.writeStringField("scenario", o.scenario());
                g.writeStringField("column", o.column());
                float64(g, "value", o.value());
                float64(g, "overall_mean", o.overallMean());
                float64(g, "sigma", o.sigma());
                g.writeArrayFieldStart("worst_topologies");
                for (String t : o.worstTopologies()) {
                    g.writeString(t);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            groups(g, "by_scenario", StatsReport.dimensionSummary(rows, GauntletRow::scenario));
            groups(g, "by_topology", StatsReport.dimensionSummary(rows, GauntletRow::topology));
            groups(g, "by_work_type", StatsReport.dimensionSummary(rows, GauntletRow::workType));
            verifier(g, sidecars);
            callbackProfile(g, sidecars);
            kvm(g, sidecars);
            g.writeEndObject();
        });
    }

    private static void groups(JsonGenerator g, String name, List<StatsReport.GroupSummary> groups)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (StatsReport.GroupSummary s : groups) {
            g.writeStartObject();
            g.writeStringField("name", s.name());
            g.writeNumberField("passed", s.pass());
            g.writeNumberField("total", s.total());
            g.writeNumberField("skipped", s.skip());
            g.writeNumberField("failed", s.fail());
            float64(g, "avg_spread", s.avgSpread());
            float64(g, "avg_gap_ms", s.avgGapMs());
            float64(g, "avg_imbalance", s.avgImbalance());
            float64(g, "avg_dsq_depth", s.avgDsqDepth());
            g.writeFieldName("stalls");
            SerdeJson.writeU64(g, s.totalStalls());
            float64(g, "avg_fallback", s.avgFallback());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void verifier(JsonGenerator g, List<SidecarResult> sidecars) throws IOException {
        TreeMap<String, Long> byName = StatsReport.verifierMaxByProgram(sidecars);
        g.writeObjectFieldStart("verifier");
        g.writeNumberField("limit", StatsReport.VERIFIER_INSN_LIMIT);
        g.writeArrayFieldStart("programs");
        long total = 0;
        for (Map.Entry<String, Long> e : byName.entrySet()) {
            double pct = ((double) e.getValue() / (double) StatsReport.VERIFIER_INSN_LIMIT) * 100.0;
            g.writeStartObject();
            g.writeStringField("name", e.getKey());
            g.writeNumberField("verified_insns", e.getValue());
            float64(g, "limit_pct", pct);
            g.writeBooleanField("near_limit", pct >= StatsReport.VERIFIER_WARN_PCT);
            g.writeEndObject();
            total += e.getValue();
        }
        g.writeEndArray();
        g.writeFieldName("total_verified_insns");
        SerdeJson.writeU64(g, total);
        g.writeEndObject();
    }

    private static void callbackProfile(JsonGenerator g, List<SidecarResult> sidecars) throws IOException {
        List<SidecarResult> ordered = new ArrayList<>(sidecars);
        ordered.sort(Comparator.comparing(SidecarResult::testName, RustFormat::compareUtf8)
                .thenComparing(SidecarResult::topology, RustFormat::compareUtf8)
                .thenComparing(SidecarResult::runId, RustFormat::compareUtf8));
        g.writeArrayFieldStart("callback_profile");
        for (SidecarResult sc : ordered) {
            List<ProgStatsDelta> deltas = sc.monitor().flatMap(MonitorSummary::progStatsDeltas).orElse(List.of());
            if (deltas.isEmpty()) {
                continue;
            }
            g.writeStartObject();
            g.writeStringField("test_name", sc.testName());
            g.writeStringField("topology", sc.topology());
            g.writeStringField("run_id", sc.runId());
            g.writeArrayFieldStart("programs");
            for (ProgStatsDelta d : deltas) {
                g.writeStartObject();
                g.writeStringField("name", d.name());
                g.writeFieldName("cnt");
                SerdeJson.writeU64(g, d.cnt());
                g.writeFieldName("nsecs");
                SerdeJson.writeU64(g, d.nsecs());
                float64(g, "nsecs_per_call", d.nsecsPerCall());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Same per-vCPU averages as the text section: per VM sum / vCPUs, then mean over VMs (integer division). */
    private static void kvm(JsonGenerator g, List<SidecarResult> sidecars) throws IOException {
        List<KvmStatsTotals> vms = sidecars.stream().flatMap(sc -> sc.kvmStats().stream()).toList();
        g.writeFieldName("kvm");
        if (vms.isEmpty()) {
            g.writeNull();
            return;
        }
        long pollOk = 0;
        long pollTry = 0;
        long preemptions = 0;
        for (KvmStatsTotals vm : vms) {
            pollOk += StatsReport.sum(vm, "halt_successful_poll");
            pollTry += StatsReport.sum(vm, "halt_attempted_poll");
            preemptions += StatsReport.sum(vm, "preemption_reported");
        }
        g.writeStartObject();
        g.writeNumberField("vms", vms.size());
        u64(g, "exits_per_vcpu", StatsReport.vmAvg(vms, "exits"));
        u64(g, "halt_exits_per_vcpu", StatsReport.vmAvg(vms, "halt_exits"));
        float64(g, "halt_wait_ms", U64.toDouble(StatsReport.vmAvg(vms, "halt_wait_ns")) / 1_000_000.0);
        float64(g, "poll_ok_pct", pollTry != 0 ? (U64.toDouble(pollOk) / U64.toDouble(pollTry)) * 100.0 : 0.0);
        u64(g, "preempted_per_vcpu", StatsReport.vmAvg(vms, "preemption_reported"));
        u64(g, "signal_exits_per_vcpu", StatsReport.vmAvg(vms, "signal_exits"));
        u64(g, "hypercalls_per_vcpu", StatsReport.vmAvg(vms, "hypercalls"));
        u64(g, "host_preemptions_total", preemptions);
        g.writeEndObject();
    }

    private static void u64(JsonGenerator g, String name, long bits) throws IOException {
        g.writeFieldName(name);
        SerdeJson.writeU64(g, bits);
    }

    private static void float64(JsonGenerator g, String name, double v) throws IOException {
        g.writeFieldName(name);
        SerdeJson.writeF64(g, v);
    }
}
