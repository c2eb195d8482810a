package dev.ktstr.api.codec;

import static dev.ktstr.api.codec.ValueCodec.*;

import dev.ktstr.api.schema.*;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Per-type writers and readers of the sidecar schema, in declaration order (see {@link SidecarCodec}). */
final class SchemaCodec {
    private SchemaCodec() {
    }

    static void writeSidecarResult(PrettyJson w, SidecarResult v) {
        w.beginObject();
        w.key("test_name");
        w.string(v.testName());
        w.key("topology");
        w.string(v.topology());
        w.key("scheduler");
        w.string(v.scheduler());
        w.key("scheduler_commit");
        if (v.schedulerCommit().isPresent()) {
            w.string(v.schedulerCommit().get());
        } else {
            w.nullValue();
        }
        w.key("project_commit");
        if (v.projectCommit().isPresent()) {
            w.string(v.projectCommit().get());
        } else {
            w.nullValue();
        }
        w.key("payload");
        if (v.payload().isPresent()) {
            w.string(v.payload().get());
        } else {
            w.nullValue();
        }
        w.key("metrics");
        w.beginArray();
        for (PayloadMetrics e8 : v.metrics()) {
            w.element();
            writePayloadMetrics(w, e8);
        }
        w.endArray();
        w.key("passed");
        w.bool(v.passed());
        w.key("skipped");
        w.bool(v.skipped());
        w.key("stats");
        writeScenarioStats(w, v.stats());
        w.key("monitor");
        if (v.monitor().isPresent()) {
            writeMonitorSummary(w, v.monitor().get());
        } else {
            w.nullValue();
        }
        w.key("stimulus_events");
        w.beginArray();
        for (StimulusEvent e8 : v.stimulusEvents()) {
            w.element();
            writeStimulusEvent(w, e8);
        }
        w.endArray();
        w.key("work_type");
        w.string(v.workType());
        w.key("active_flags");
        w.beginArray();
        for (String e8 : v.activeFlags()) {
            w.element();
            w.string(e8);
        }
        w.endArray();
        w.key("verifier_stats");
        w.beginArray();
        for (ProgVerifierStats e8 : v.verifierStats()) {
            w.element();
            writeProgVerifierStats(w, e8);
        }
        w.endArray();
        w.key("kvm_stats");
        if (v.kvmStats().isPresent()) {
            writeKvmStatsTotals(w, v.kvmStats().get());
        } else {
            w.nullValue();
        }
        w.key("sysctls");
        w.beginArray();
        for (String e8 : v.sysctls()) {
            w.element();
            w.string(e8);
        }
        w.endArray();
        w.key("kargs");
        w.beginArray();
        for (String e8 : v.kargs()) {
            w.element();
            w.string(e8);
        }
        w.endArray();
        w.key("kernel_version");
        if (v.kernelVersion().isPresent()) {
            w.string(v.kernelVersion().get());
        } else {
            w.nullValue();
        }
        w.key("kernel_commit");
        if (v.kernelCommit().isPresent()) {
            w.string(v.kernelCommit().get());
        } else {
            w.nullValue();
        }
        w.key("timestamp");
        w.string(v.timestamp());
        w.key("run_id");
        w.string(v.runId());
        w.key("host");
        if (v.host().isPresent()) {
            writeHostContext(w, v.host().get());
        } else {
            w.nullValue();
        }
        w.key("cleanup_duration_ms");
        if (v.cleanupDurationMs().isPresent()) {
            w.u64(v.cleanupDurationMs().get());
        } else {
            w.nullValue();
        }
        w.key("run_source");
        if (v.runSource().isPresent()) {
            w.string(v.runSource().get());
        } else {
            w.nullValue();
        }
        w.endObject();
    }

    private static final JsonIn.StructSpec SIDECAR_RESULT = JsonIn.StructSpec.of("SidecarResult",
            List.of("test_name", "topology", "scheduler", "scheduler_commit", "project_commit", "payload", "metrics", "passed", "skipped", "stats", "monitor", "stimulus_events", "work_type", "active_flags", "verifier_stats", "kvm_stats", "sysctls", "kargs", "kernel_version", "kernel_commit", "timestamp", "run_id", "host", "cleanup_duration_ms", "run_source"),
            List.of(JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, Optional.empty(), Optional.empty(), Optional.empty(), JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, Optional.empty(), JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, Optional.empty(), JsonIn.REQUIRED, JsonIn.REQUIRED, Optional.empty(), Optional.empty(), JsonIn.REQUIRED, JsonIn.REQUIRED, Optional.empty(), Optional.empty(), Optional.empty()),
            List.of(false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false));

    @SuppressWarnings("unchecked")
    static SidecarResult readSidecarResult(JsonIn in) {
        Object[] v = in.readStruct(SIDECAR_RESULT, i -> switch (i) {
            case 0 -> in.readString();
            case 1 -> in.readString();
            case 2 -> in.readString();
            case 3 -> in.readOption(() -> in.readString());
            case 4 -> in.readOption(() -> in.readString());
            case 5 -> in.readOption(() -> in.readString());
            case 6 -> in.readList(() -> readPayloadMetrics(in));
            case 7 -> in.readBool();
            case 8 -> in.readBool();
            case 9 -> readScenarioStats(in);
            case 10 -> in.readOption(() -> readMonitorSummary(in));
            case 11 -> in.readList(() -> readStimulusEvent(in));
            case 12 -> in.readString();
            case 13 -> in.readList(() -> in.readString());
            case 14 -> in.readList(() -> readProgVerifierStats(in));
            case 15 -> in.readOption(() -> readKvmStatsTotals(in));
            case 16 -> in.readList(() -> in.readString());
            case 17 -> in.readList(() -> in.readString());
            case 18 -> in.readOption(() -> in.readString());
            case 19 -> in.readOption(() -> in.readString());
            case 20 -> in.readString();
            case 21 -> in.readString();
            case 22 -> in.readOption(() -> readHostContext(in));
            case 23 -> in.readOption(() -> in.readU64("u64"));
            case 24 -> in.readOption(() -> in.readString());
            default -> throw new IllegalStateException("field " + i);
        });
        return new SidecarResult((String) v[0],
                (String) v[1],
                (String) v[2],
                (Optional<String>) v[3],
                (Optional<String>) v[4],
                (Optional<String>) v[5],
                (List<PayloadMetrics>) v[6],
                (Boolean) v[7],
                (Boolean) v[8],
                (ScenarioStats) v[9],
                (Optional<MonitorSummary>) v[10],
                (List<StimulusEvent>) v[11],
                (String) v[12],
                (List<String>) v[13],
                (List<ProgVerifierStats>) v[14],
                (Optional<KvmStatsTotals>) v[15],
                (List<String>) v[16],
                (List<String>) v[17],
                (Optional<String>) v[18],
                (Optional<String>) v[19],
                (String) v[20],
                (String) v[21],
                (Optional<HostContext>) v[22],
                (Optional<Long>) v[23],
                (Optional<String>) v[24]);
    }

    static void writeScenarioStats(PrettyJson w, ScenarioStats v) {
        w.beginObject();
        w.key("cgroups");
        w.beginArray();
        for (CgroupStats e8 : v.cgroups()) {
            w.element();
            writeCgroupStats(w, e8);
        }
        w.endArray();
        w.key("total_workers");
        w.u64(v.totalWorkers());
        w.key("total_cpus");
        w.u64(v.totalCpus());
        w.key("total_migrations");
        w.u64(v.totalMigrations());
        w.key("worst_spread");
        w.f64(v.worstSpread());
        w.key("worst_gap_ms");
        w.u64(v.worstGapMs());
        w.key("worst_gap_cpu");
        w.u64(v.worstGapCpu());
        w.key("worst_migration_ratio");
        w.f64(v.worstMigrationRatio());
        w.key("worst_p99_wake_latency_us");
        w.f64(v.worstP99WakeLatencyUs());
        w.key("worst_median_wake_latency_us");
        w.f64(v.worstMedianWakeLatencyUs());
        w.key("worst_wake_latency_cv");
        w.f64(v.worstWakeLatencyCv());
        w.key("total_iterations");
        w.u64(v.totalIterations());
        w.key("worst_mean_run_delay_us");
        w.f64(v.worstMeanRunDelayUs());
        w.key("worst_run_delay_us");
        w.f64(v.worstRunDelayUs());
        w.key("worst_page_locality");
        w.f64(v.worstPageLocality());
        w.key("worst_cross_node_migration_ratio");
        w.f64(v.worstCrossNodeMigrationRatio());
        w.key("worst_wake_latency_tail_ratio");
        w.f64(v.worstWakeLatencyTailRatio());
        w.key("worst_iterations_per_worker");
        w.f64(v.worstIterationsPerWorker());
        if (!v.extMetrics().isEmpty()) {
            w.key("ext_metrics");
            writeMap(w, v.extMetrics(), (x) -> w.f64(x));
        }
        w.endObject();
    }

    private static final JsonIn.StructSpec SCENARIO_STATS = JsonIn.StructSpec.of("ScenarioStats",
            List.of("cgroups", "total_workers", "total_cpus", "total_migrations", "worst_spread", "worst_gap_ms", "worst_gap_cpu", "worst_migration_ratio", "worst_p99_wake_latency_us", "worst_median_wake_latency_us", "worst_wake_latency_cv", "total_iterations", "worst_mean_run_delay_us", "worst_run_delay_us", "worst_page_locality", "worst_cross_node_migration_ratio", "worst_wake_latency_tail_ratio", "worst_iterations_per_worker", "ext_metrics"),
            List.of(JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, Map.of()),
            List.of(false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, true));

    @SuppressWarnings("unchecked")
    static ScenarioStats readScenarioStats(JsonIn in) {
        Object[] v = in.readStruct(SCENARIO_STATS, i -> switch (i) {
            case 0 -> in.readList(() -> readCgroupStats(in));
            case 1 -> in.readU64("usize");
            case 2 -> in.readU64("usize");
            case 3 -> in.readU64("u64");
            case 4 -> in.readF64();
            case 5 -> in.readU64("u64");
            case 6 -> in.readU64("usize");
            case 7 -> in.readF64();
            case 8 -> in.readF64();
            case 9 -> in.readF64();
            case 10 -> in.readF64();
            case 11 -> in.readU64("u64");
            case 12 -> in.readF64();
            case 13 -> in.readF64();
            case 14 -> in.readF64();
            case 15 -> in.readF64();
            case 16 -> in.readF64();
            case 17 -> in.readF64();
            case 18 -> in.readStringMap(in::readF64);
            default -> throw new IllegalStateException("field " + i);
        });
        return new ScenarioStats((List<CgroupStats>) v[0],
                (Long) v[1],
                (Long) v[2],
                (Long) v[3],
                (Double) v[4],
                (Long) v[5],
                (Long) v[6],
                (Double) v[7],
                (Double) v[8],
                (Double) v[9],
                (Double) v[10],
                (Long) v[11],
                (Double) v[12],
                (Double) v[13],
                (Double) v[14],
                (Double) v[15],
                (Double) v[16],
                (Double) v[17],
                (Map<String, Double>) v[18]);
    }

    static void writeCgroupStats(PrettyJson w, CgroupStats v) {
        w.beginObject();
        w.key("num_workers");
        w.u64(v.numWorkers());
        w.key("num_cpus");
        w.u64(v.numCpus());
        w.key("avg_off_cpu_pct");
        w.f64(v.avgOffCpuPct());
        w.key("min_off_cpu_pct");
        w.f64(v.minOffCpuPct());
        w.key("max_off_cpu_pct");
        w.f64(v.maxOffCpuPct());
        w.key("spread");
        w.f64(v.spread());
        w.key("max_gap_ms");
        w.u64(v.maxGapMs());
        w.key("max_gap_cpu");
        w.u64(v.maxGapCpu());
        w.key("total_migrations");
        w.u64(v.totalMigrations());
        w.key("migration_ratio");
        w.f64(v.migrationRatio());
        w.key("p99_wake_latency_us");
        w.f64(v.p99WakeLatencyUs());
        w.key("median_wake_latency_us");
        w.f64(v.medianWakeLatencyUs());
        w.key("wake_latency_cv");
        w.f64(v.wakeLatencyCv());
        w.key("total_iterations");
        w.u64(v.totalIterations());
        w.key("mean_run_delay_us");
        w.f64(v.meanRunDelayUs());
        w.key("worst_run_delay_us");
        w.f64(v.worstRunDelayUs());
        w.key("page_locality");
        w.f64(v.pageLocality());
        w.key("cross_node_migration_ratio");
        w.f64(v.crossNodeMigrationRatio());
        w.key("wake_latency_tail_ratio");
        w.f64(v.wakeLatencyTailRatio());
        w.key("iterations_per_worker");
        w.f64(v.iterationsPerWorker());
        if (!v.extMetrics().isEmpty()) {
            w.key("ext_metrics");
            writeMap(w, v.extMetrics(), (x) -> w.f64(x));
        }
        w.endObject();
    }

    private static final JsonIn.StructSpec CGROUP_STATS = JsonIn.StructSpec.of("CgroupStats",
            List.of("num_workers", "num_cpus", "avg_off_cpu_pct", "min_off_cpu_pct", "max_off_cpu_pct", "spread", "max_gap_ms", "max_gap_cpu", "total_migrations", "migration_ratio", "p99_wake_latency_us", "median_wake_latency_us", "wake_latency_cv", "total_iterations", "mean_run_delay_us", "worst_run_delay_us", "page_locality", "cross_node_migration_ratio", "wake_latency_tail_ratio", "iterations_per_worker", "ext_metrics"),
            List.of(JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, Map.of()),
            List.of(false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, true));

    @SuppressWarnings("unchecked")
    static CgroupStats readCgroupStats(JsonIn in) {
        Object[] v = in.readStruct(CGROUP_STATS, i -> switch (i) {
            case 0 -> in.readU64("usize");
            case 1 -> in.readU64("usize");
            case 2 -> in.readF64();
            case 3 -> in.readF64();
            case 4 -> in.readF64();
            case 5 -> in.readF64();
            case 6 -> in.readU64("u64");
            case 7 -> in.readU64("usize");
            case 8 -> in.readU64("u64");
            case 9 -> in.readF64();
            case 10 -> in.readF64();
            case 11 -> in.readF64();
            case 12 -> in.readF64();
            case 13 -> in.readU64("u64");
            case 14 -> in.readF64();
            case 15 -> in.readF64();
            case 16 -> in.readF64();
            case 17 -> in.readF64();
            case 18 -> in.readF64();
            case 19 -> in.readF64();
            case 20 -> in.readStringMap(in::readF64);
            default -> throw new IllegalStateException("field " + i);
        });
        return new CgroupStats((Long) v[0],
                (Long) v[1],
                (Double) v[2],
                (Double) v[3],
                (Double) v[4],
                (Double) v[5],
                (Long) v[6],
                (Long) v[7],
                (Long) v[8],
                (Double) v[9],
                (Double) v[10],
                (Double) v[11],
                (Double) v[12],
                (Long) v[13],
                (Double) v[14],
                (Double) v[15],
                (Double) v[16],
                (Double) v[17],
                (Double) v[18],
                (Double) v[19],
                (Map<String, Double>) v[20]);
    }

    static void writeMonitorSummary(PrettyJson w, MonitorSummary v) {
        w.beginObject();
        w.key("total_samples");
        w.u64(v.totalSamples());
        w.key("max_imbalance_ratio");
        w.f64(v.maxImbalanceRatio());
        w.key("max_local_dsq_depth");
        w.i64(v.maxLocalDsqDepth());
        w.key("stall_detected");
        w.bool(v.stallDetected());
        w.key("avg_imbalance_ratio");
        w.f64(v.avgImbalanceRatio());
        w.key("avg_nr_running");
        w.f64(v.avgNrRunning());
        w.key("avg_local_dsq_depth");
        w.f64(v.avgLocalDsqDepth());
        if (v.eventDeltas().isPresent()) {
            w.key("event_deltas");
            writeScxEventDeltas(w, v.eventDeltas().get());
        }
        if (v.schedstatDeltas().isPresent()) {
            w.key("schedstat_deltas");
            writeSchedstatDeltas(w, v.schedstatDeltas().get());
        }
        if (v.progStatsDeltas().isPresent()) {
            w.key("prog_stats_deltas");
            w.beginArray();
            for (ProgStatsDelta e12 : v.progStatsDeltas().get()) {
                w.element();
                writeProgStatsDelta(w, e12);
            }
            w.endArray();
        }
        w.endObject();
    }

    private static final JsonIn.StructSpec MONITOR_SUMMARY = JsonIn.StructSpec.of("MonitorSummary",
            List.of("total_samples", "max_imbalance_ratio", "max_local_dsq_depth", "stall_detected", "avg_imbalance_ratio", "avg_nr_running", "avg_local_dsq_depth", "event_deltas", "schedstat_deltas", "prog_stats_deltas"),
            List.of(JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, Optional.empty(), Optional.empty(), Optional.empty()),
            List.of(false, false, false, false, false, false, false, false, true, true));

    @SuppressWarnings("unchecked")
    static MonitorSummary readMonitorSummary(JsonIn in) {
        Object[] v = in.readStruct(MONITOR_SUMMARY, i -> switch (i) {
            case 0 -> in.readU64("usize");
            case 1 -> in.readF64();
            case 2 -> in.readU32();
            case 3 -> in.readBool();
            case 4 -> in.readF64();
            case 5 -> in.readF64();
            case 6 -> in.readF64();
            case 7 -> in.readOption(() -> readScxEventDeltas(in));
            case 8 -> in.readOption(() -> readSchedstatDeltas(in));
            case 9 -> in.readOption(() -> in.readList(() -> readProgStatsDelta(in)));
            default -> throw new IllegalStateException("field " + i);
        });
        return new MonitorSummary((Long) v[0],
                (Double) v[1],
                (Long) v[2],
                (Boolean) v[3],
                (Double) v[4],
                (Double) v[5],
                (Double) v[6],
                (Optional<ScxEventDeltas>) v[7],
                (Optional<SchedstatDeltas>) v[8],
                (Optional<List<ProgStatsDelta>>) v[9]);
    }

    static void writeScxEventDeltas(PrettyJson w, ScxEventDeltas v) {
        w.beginObject();
        w.key("total_fallback");
        w.i64(v.totalFallback());
        w.key("fallback_rate");
        w.f64(v.fallbackRate());
        w.key("max_fallback_burst");
        w.i64(v.maxFallbackBurst());
        w.key("total_dispatch_offline");
        w.i64(v.totalDispatchOffline());
        w.key("total_dispatch_keep_last");
        w.i64(v.totalDispatchKeepLast());
        w.key("keep_last_rate");
        w.f64(v.keepLastRate());
        w.key("total_enq_skip_exiting");
        w.i64(v.totalEnqSkipExiting());
        w.key("total_enq_skip_migration_disabled");
        w.i64(v.totalEnqSkipMigrationDisabled());
        w.key("total_reenq_immed");
        w.i64(v.totalReenqImmed());
        w.key("total_reenq_local_repeat");
        w.i64(v.totalReenqLocalRepeat());
        w.key("total_refill_slice_dfl");
        w.i64(v.totalRefillSliceDfl());
        w.key("total_bypass_duration");
        w.i64(v.totalBypassDuration());
        w.key("total_bypass_dispatch");
        w.i64(v.totalBypassDispatch());
        w.key("total_bypass_activate");
        w.i64(v.totalBypassActivate());
        w.key("total_insert_not_owned");
        w.i64(v.totalInsertNotOwned());
        w.key("total_sub_bypass_dispatch");
        w.i64(v.totalSubBypassDispatch());
        w.endObject();
    }

    private static final JsonIn.StructSpec SCX_EVENT_DELTAS = JsonIn.StructSpec.of("ScxEventDeltas",
            List.of("total_fallback", "fallback_rate", "max_fallback_burst", "total_dispatch_offline", "total_dispatch_keep_last", "keep_last_rate", "total_enq_skip_exiting", "total_enq_skip_migration_disabled", "total_reenq_immed", "total_reenq_local_repeat", "total_refill_slice_dfl", "total_bypass_duration", "total_bypass_dispatch", "total_bypass_activate", "total_insert_not_owned", "total_sub_bypass_dispatch"),
            List.of(JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED),
            List.of(false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false));

    @SuppressWarnings("unchecked")
    static ScxEventDeltas readScxEventDeltas(JsonIn in) {
        Object[] v = in.readStruct(SCX_EVENT_DELTAS, i -> switch (i) {
            case 0 -> in.readI64();
            case 1 -> in.readF64();
            case 2 -> in.readI64();
            case 3 -> in.readI64();
            case 4 -> in.readI64();
            case 5 -> in.readF64();
            case 6 -> in.readI64();
            case 7 -> in.readI64();
            case 8 -> in.readI64();
            case 9 -> in.readI64();
            case 10 -> in.readI64();
            case 11 -> in.readI64();
            case 12 -> in.readI64();
            case 13 -> in.readI64();
            case 14 -> in.readI64();
            case 15 -> in.readI64();
            default -> throw new IllegalStateException("field " + i);
        });
        return new ScxEventDeltas((Long) v[0],
                (Double) v[1],
                (Long) v[2],
                (Long) v[3],
                (Long) v[4],
                (Double) v[5],
                (Long) v[6],
                (Long) v[7],
                (Long) v[8],
                (Long) v[9],
                (Long) v[10],
                (Long) v[11],
                (Long) v[12],
                (Long) v[13],
                (Long) v[14],
                (Long) v[15]);
    }

    static void writeSchedstatDeltas(PrettyJson w, SchedstatDeltas v) {
        w.beginObject();
        w.key("total_run_delay");
        w.u64(v.totalRunDelay());
        w.key("run_delay_rate");
        w.f64(v.runDelayRate());
        w.key("total_pcount");
        w.u64(v.totalPcount());
        w.key("total_sched_count");
        w.u64(v.totalSchedCount());
        w.key("sched_count_rate");
        w.f64(v.schedCountRate());
        w.key("total_yld_count");
        w.u64(v.totalYldCount());
        w.key("total_sched_goidle");
        w.u64(v.totalSchedGoidle());
        w.key("total_ttwu_count");
        w.u64(v.totalTtwuCount());
        w.key("total_ttwu_local");
        w.u64(v.totalTtwuLocal());
        w.endObject();
    }

    private static final JsonIn.StructSpec SCHEDSTAT_DELTAS = JsonIn.StructSpec.of("SchedstatDeltas",
            List.of("total_run_delay", "run_delay_rate", "total_pcount", "total_sched_count", "sched_count_rate", "total_yld_count", "total_sched_goidle", "total_ttwu_count", "total_ttwu_local"),
            List.of(JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED),
            List.of(false, false, false, false, false, false, false, false, false));

    @SuppressWarnings("unchecked")
    static SchedstatDeltas readSchedstatDeltas(JsonIn in) {
        Object[] v = in.readStruct(SCHEDSTAT_DELTAS, i -> switch (i) {
            case 0 -> in.readU64("u64");
            case 1 -> in.readF64();
            case 2 -> in.readU64("u64");
            case 3 -> in.readU64("u64");
            case 4 -> in.readF64();
            case 5 -> in.readU64("u64");
            case 6 -> in.readU64("u64");
            case 7 -> in.readU64("u64");
            case 8 -> in.readU64("u64");
            default -> throw new IllegalStateException("field " + i);
        });
        return new SchedstatDeltas((Long) v[0],
                (Double) v[1],
                (Long) v[2],
                (Long) v[3],
                (Double) v[4],
                (Long) v[5],
                (Long) v[6],
                (Long) v[7],
                (Long) v[8]);
    }

    static void writeProgStatsDelta(PrettyJson w, ProgStatsDelta v) {
        w.beginObject();
        w.key("name");
        w.string(v.name());
        w.key("cnt");
        w.u64(v.cnt());
        w.key("nsecs");
        w.u64(v.nsecs());
        w.key("nsecs_per_call");
        w.f64(v.nsecsPerCall());
        w.endObject();
    }

    private static final JsonIn.StructSpec PROG_STATS_DELTA = JsonIn.StructSpec.of("ProgStatsDelta",
            List.of("name", "cnt", "nsecs", "nsecs_per_call"),
            List.of(JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED),
            List.of(false, false, false, false));

    @SuppressWarnings("unchecked")
    static ProgStatsDelta readProgStatsDelta(JsonIn in) {
        Object[] v = in.readStruct(PROG_STATS_DELTA, i -> switch (i) {
            case 0 -> in.readString();
            case 1 -> in.readU64("u64");
            case 2 -> in.readU64("u64");
            case 3 -> in.readF64();
            default -> throw new IllegalStateException("field " + i);
        });
        return new ProgStatsDelta((String) v[0],
                (Long) v[1],
                (Long) v[2],
                (Double) v[3]);
    }

    static void writeStimulusEvent(PrettyJson w, StimulusEvent v) {
        w.beginObject();
        w.key("elapsed_ms");
        w.u64(v.elapsedMs());
        w.key("label");
        w.string(v.label());
        w.key("op_kind");
        if (v.opKind().isPresent()) {
            w.string(v.opKind().get());
        } else {
            w.nullValue();
        }
        w.key("detail");
        if (v.detail().isPresent()) {
            w.string(v.detail().get());
        } else {
            w.nullValue();
        }
        w.key("total_iterations");
        if (v.totalIterations().isPresent()) {
            w.u64(v.totalIterations().get());
        } else {
            w.nullValue();
        }
        w.endObject();
    }

    private static final JsonIn.StructSpec STIMULUS_EVENT = JsonIn.StructSpec.of("StimulusEvent",
            List.of("elapsed_ms", "label", "op_kind", "detail", "total_iterations"),
            List.of(JsonIn.REQUIRED, JsonIn.REQUIRED, Optional.empty(), Optional.empty(), Optional.empty()),
            List.of(false, false, false, false, false));

    @SuppressWarnings("unchecked")
    static StimulusEvent readStimulusEvent(JsonIn in) {
        Object[] v = in.readStruct(STIMULUS_EVENT, i -> switch (i) {
            case 0 -> in.readU64("u64");
            case 1 -> in.readString();
            case 2 -> in.readOption(() -> in.readString());
            case 3 -> in.readOption(() -> in.readString());
            case 4 -> in.readOption(() -> in.readU64("u64"));
            default -> throw new IllegalStateException("field " + i);
        });
        return new StimulusEvent((Long) v[0],
                (String) v[1],
                (Optional<String>) v[2],
                (Optional<String>) v[3],
                (Optional<Long>) v[4]);
    }

    static void writePayloadMetrics(PrettyJson w, PayloadMetrics v) {
        w.beginObject();
        w.key("payload_index");
        w.u64(v.payloadIndex());
        w.key("metrics");
        w.beginArray();
        for (Metric e8 : v.metrics()) {
            w.element();
            writeMetric(w, e8);
        }
        w.endArray();
        w.key("exit_code");
        w.i64(v.exitCode());
        w.endObject();
    }

    private static final JsonIn.StructSpec PAYLOAD_METRICS = JsonIn.StructSpec.of("PayloadMetrics",
            List.of("payload_index", "metrics", "exit_code"),
            List.of(JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED),
            List.of(false, false, false));

    @SuppressWarnings("unchecked")
    static PayloadMetrics readPayloadMetrics(JsonIn in) {
        Object[] v = in.readStruct(PAYLOAD_METRICS, i -> switch (i) {
            case 0 -> in.readU64("usize");
            case 1 -> in.readList(() -> readMetric(in));
            case 2 -> in.readI32();
            default -> throw new IllegalStateException("field " + i);
        });
        return new PayloadMetrics((Long) v[0],
                (List<Metric>) v[1],
                (Integer) v[2]);
    }

    static void writeMetric(PrettyJson w, Metric v) {
        w.beginObject();
        w.key("name");
        w.string(v.name());
        w.key("value");
        w.f64(v.value());
        w.key("polarity");
        writePolarity(w, v.polarity());
        w.key("unit");
        w.string(v.unit());
        w.key("source");
        writeMetricSource(w, v.source());
        w.key("stream");
        writeMetricStream(w, v.stream());
        w.endObject();
    }

    private static final JsonIn.StructSpec METRIC = JsonIn.StructSpec.of("Metric",
            List.of("name", "value", "polarity", "unit", "source", "stream"),
            List.of(JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED, JsonIn.REQUIRED),
            List.of(false, false, false, false, false, false));

    @SuppressWarnings("unchecked")
    static Metric readMetric(JsonIn in) {
        Object[] v = in.readStruct(METRIC, i -> switch (i) {
            case 0 -> in.readString();
            case 1 -> in.readF64();
            case 2 -> readPolarity(in);
            case 3 -> in.readString();
            case 4 -> readMetricSource(in);
            case 5 -> readMetricStream(in);
            default -> throw new IllegalStateException("field " + i);
        });
        return new Metric((String) v[0],
                (Double) v[1],
                (Polarity) v[2],
                (String) v[3],
                (MetricSource) v[4],
                (MetricStream) v[5]);
    }

    static void writeProgVerifierStats(PrettyJson w, ProgVerifierStats v) {
        w.beginObject();
        w.key("name");
        w.string(v.name());
        w.key("verified_insns");
        w.i64(v.verifiedInsns());
        w.endObject();
    }

    private static final JsonIn.StructSpec PROG_VERIFIER_STATS = JsonIn.StructSpec.of("ProgVerifierStats",
            List.of("name", "verified_insns"),
            List.of(JsonIn.REQUIRED, JsonIn.REQUIRED),
            List.of(false, false));

    @SuppressWarnings("unchecked")
    static ProgVerifierStats readProgVerifierStats(JsonIn in) {
        Object[] v = in.readStruct(PROG_VERIFIER_STATS, i -> switch (i) {
            case 0 -> in.readString();
            case 1 -> in.readU32();
            default -> throw new IllegalStateException("field " + i);
        });
        return new ProgVerifierStats((String) v[0],
                (Long) v[1]);
    }

    static void writeKvmStatsTotals(PrettyJson w, KvmStatsTotals v) {
        w.beginObject();
        w.key("per_vcpu");
        w.beginArray();
        for (Map<String, Long> e8 : v.perVcpu()) {
            w.element();
            writeMap(w, e8, (x) -> w.u64(x));
        }
        w.endArray();
        w.endObject();
    }

    private static final JsonIn.StructSpec KVM_STATS_TOTALS = JsonIn.StructSpec.of("KvmStatsTotals",
            List.of("per_vcpu"),
            List.of(JsonIn.REQUIRED),
            List.of(false));

    @SuppressWarnings("unchecked")
    static KvmStatsTotals readKvmStatsTotals(JsonIn in) {
        Object[] v = in.readStruct(KVM_STATS_TOTALS, i -> switch (i) {
            case 0 -> in.readList(() -> in.readStringMap(() -> in.readU64("u64")));
            default -> throw new IllegalStateException("field " + i);
        });
        return new KvmStatsTotals((List<Map<String, Long>>) v[0]);
    }

    static void writeHostContext(PrettyJson w, HostContext v) {
        w.beginObject();
        if (v.cpuModel().isPresent()) {
            w.key("cpu_model");
            w.string(v.cpuModel().get());
        }
        if (v.cpuVendor().isPresent()) {
            w.key("cpu_vendor");
            w.string(v.cpuVendor().get());
        }
        if (v.totalMemoryKb().isPresent()) {
            w.key("total_memory_kb");
            w.u64(v.totalMemoryKb().get());
        }
        if (v.hugepagesTotal().isPresent()) {
            w.key("hugepages_total");
            w.u64(v.hugepagesTotal().get());
        }
        if (v.hugepagesFree().isPresent()) {
            w.key("hugepages_free");
            w.u64(v.hugepagesFree().get());
        }
        if (v.hugepagesSizeKb().isPresent()) {
            w.key("hugepages_size_kb");
            w.u64(v.hugepagesSizeKb().get());
        }
        if (v.thpEnabled().isPresent()) {
            w.key("thp_enabled");
            w.string(v.thpEnabled().get());
        }
        if (v.thpDefrag().isPresent()) {
            w.key("thp_defrag");
            w.string(v.thpDefrag().get());
        }
        if (v.schedTunables().isPresent()) {
            w.key("sched_tunables");
            writeMap(w, v.schedTunables().get(), w::string);
        }
        if (v.onlineCpus().isPresent()) {
            w.key("online_cpus");
            w.u64(v.onlineCpus().get());
        }
        if (v.numaNodes().isPresent()) {
            w.key("numa_nodes");
            w.u64(v.numaNodes().get());
        }
        if (!v.cpufreqGovernor().isEmpty()) {
            w.key("cpufreq_governor");
            writeUsizeKeyMap(w, v.cpufreqGovernor(), w::string);
        }
        if (v.kernelName().isPresent()) {
            w.key("kernel_name");
            w.string(v.kernelName().get());
        }
        if (v.kernelRelease().isPresent()) {
            w.key("kernel_release");
            w.string(v.kernelRelease().get());
        }
        if (v.arch().isPresent()) {
            w.key("arch");
            w.string(v.arch().get());
        }
        if (v.kernelCmdline().isPresent()) {
            w.key("kernel_cmdline");
            w.string(v.kernelCmdline().get());
        }
        if (v.heapState().isPresent()) {
            w.key("heap_state");
            writeHostHeapState(w, v.heapState().get());
        }
        w.endObject();
    }

    private static final JsonIn.StructSpec HOST_CONTEXT = JsonIn.StructSpec.of("HostContext",
            List.of("cpu_model", "cpu_vendor", "total_memory_kb", "hugepages_total", "hugepages_free", "hugepages_size_kb", "thp_enabled", "thp_defrag", "sched_tunables", "online_cpus", "numa_nodes", "cpufreq_governor", "kernel_name", "kernel_release", "arch", "kernel_cmdline", "heap_state"),
            List.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
            List.of(true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true));

    @SuppressWarnings("unchecked")
    static HostContext readHostContext(JsonIn in) {
        Object[] v = in.readStruct(HOST_CONTEXT, i -> switch (i) {
            case 0 -> in.readOption(() -> in.readString());
            case 1 -> in.readOption(() -> in.readString());
            case 2 -> in.readOption(() -> in.readU64("u64"));
            case 3 -> in.readOption(() -> in.readU64("u64"));
            case 4 -> in.readOption(() -> in.readU64("u64"));
            case 5 -> in.readOption(() -> in.readU64("u64"));
            case 6 -> in.readOption(() -> in.readString());
            case 7 -> in.readOption(() -> in.readString());
            case 8 -> in.readOption(() -> in.readStringMap(in::readString));
            case 9 -> in.readOption(() -> in.readU64("usize"));
            case 10 -> in.readOption(() -> in.readU64("usize"));
            case 11 -> in.readUsizeKeyMap(in::readString);
            case 12 -> in.readOption(() -> in.readString());
            case 13 -> in.readOption(() -> in.readString());
            case 14 -> in.readOption(() -> in.readString());
            case 15 -> in.readOption(() -> in.readString());
            case 16 -> in.readOption(() -> readHostHeapState(in));
            default -> throw new IllegalStateException("field " + i);
        });
        return new HostContext((Optional<String>) v[0],
                (Optional<String>) v[1],
                (Optional<Long>) v[2],
                (Optional<Long>) v[3],
                (Optional<Long>) v[4],
                (Optional<Long>) v[5],
                (Optional<String>) v[6],
                (Optional<String>) v[7],
                (Optional<Map<String, String>>) v[8],
                (Optional<Long>) v[9],
                (Optional<Long>) v[10],
                (Map<Long, String>) v[11],
                (Optional<String>) v[12],
                (Optional<String>) v[13],
                (Optional<String>) v[14],
                (Optional<String>) v[15],
                (Optional<HostHeapState>) v[16]);
    }

    static void writeHostHeapState(PrettyJson w, HostHeapState v) {
        w.beginObject();
        if (v.activeBytes().isPresent()) {
            w.key("active_bytes");
            w.u64(v.activeBytes().get());
        }
        if (v.allocatedBytes().isPresent()) {
            w.key("allocated_bytes");
            w.u64(v.allocatedBytes().get());
        }
        if (v.residentBytes().isPresent()) {
            w.key("resident_bytes");
            w.u64(v.residentBytes().get());
        }
        if (v.mappedBytes().isPresent()) {
            w.key("mapped_bytes");
            w.u64(v.mappedBytes().get());
        }
        if (v.narenas().isPresent()) {
            w.key("narenas");
            w.u64(v.narenas().get());
        }
        w.endObject();
    }

    private static final JsonIn.StructSpec HOST_HEAP_STATE = JsonIn.StructSpec.of("HostHeapState",
            List.of("active_bytes", "allocated_bytes", "resident_bytes", "mapped_bytes", "narenas"),
            List.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
            List.of(true, true, true, true, true));

    @SuppressWarnings("unchecked")
    static HostHeapState readHostHeapState(JsonIn in) {
        Object[] v = in.readStruct(HOST_HEAP_STATE, i -> switch (i) {
            case 0 -> in.readOption(() -> in.readU64("u64"));
            case 1 -> in.readOption(() -> in.readU64("u64"));
            case 2 -> in.readOption(() -> in.readU64("u64"));
            case 3 -> in.readOption(() -> in.readU64("u64"));
            case 4 -> in.readOption(() -> in.readU64("usize"));
            default -> throw new IllegalStateException("field " + i);
        });
        return new HostHeapState((Optional<Long>) v[0],
                (Optional<Long>) v[1],
                (Optional<Long>) v[2],
                (Optional<Long>) v[3],
                (Optional<Long>) v[4]);
    }
}
