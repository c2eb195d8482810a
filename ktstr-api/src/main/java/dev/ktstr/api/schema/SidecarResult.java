package dev.ktstr.api.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One ktstr sidecar: the result of one test variant (the top-level JSON object).
 *
 * <p>Components are in JSON declaration order, which is also the order they are written
 * in. See the package documentation for how Rust types map to Java types.
 *
 * @param testName {@code test_name}: string. Test function name; also the file name prefix.
 * @param topology {@code topology}: string. VM topology label such as {@code 1n2l4c1t}. Hashed.
 * @param scheduler {@code scheduler}: string. Scheduler name; {@code eevdf} without sched_ext. Hashed.
 * @param schedulerCommit {@code scheduler_commit}: optional string (optional on read). Reserved; always empty today.
 * @param projectCommit {@code project_commit}: optional string (optional on read). Project HEAD: 7 hex digits, optionally {@code -dirty}.
 * @param payload {@code payload}: optional string (optional on read). Declared payload name. Hashed.
 * @param metrics {@code metrics}: list of PayloadMetrics. One entry per payload invocation.
 * @param passed {@code passed}: bool. Overall verdict (true for skips too).
 * @param skipped {@code skipped}: bool. True when the test was skipped.
 * @param stats {@code stats}: ScenarioStats. Per-cgroup statistics aggregated across workers.
 * @param monitor {@code monitor}: optional MonitorSummary (optional on read). Host-side monitor summary.
 * @param stimulusEvents {@code stimulus_events}: list of StimulusEvent. Step-boundary events from the guest.
 * @param workType {@code work_type}: string. Work type label, e.g. {@code CpuSpin}; {@code skipped} for pre-boot skips. Hashed.
 * @param activeFlags {@code active_flags}: list of string. Scheduler flags, canonically ordered. Hashed in stored order.
 * @param verifierStats {@code verifier_stats}: list of ProgVerifierStats. Verifier statistics per struct_ops program.
 * @param kvmStats {@code kvm_stats}: optional KvmStatsTotals (optional on read). KVM per-vCPU statistics.
 * @param sysctls {@code sysctls}: list of string. Effective sysctls, {@code sysctl.key=value}. Hashed sorted.
 * @param kargs {@code kargs}: list of string. Extra guest kernel arguments. Hashed sorted.
 * @param kernelVersion {@code kernel_version}: optional string (optional on read). Version of the kernel under test.
 * @param kernelCommit {@code kernel_commit}: optional string (optional on read). Kernel source HEAD.
 * @param timestamp {@code timestamp}: string. UTC write time {@code YYYY-MM-DDTHH:MM:SSZ}.
 * @param runId {@code run_id}: string. {@code YYYYMMDDTHHMMSSZ-counter}.
 * @param host {@code host}: optional HostContext (optional on read). Host snapshot at write time.
 * @param cleanupDurationMs {@code cleanup_duration_ms}: optional u64 (optional on read). Host teardown wall time in ms (u64 bits).
 * @param runSource {@code run_source}: optional string (optional on read). {@code ci} or {@code local}.
 */
public record SidecarResult(
        String testName,
        String topology,
        String scheduler,
        Optional<String> schedulerCommit,
        Optional<String> projectCommit,
        Optional<String> payload,
        List<PayloadMetrics> metrics,
        boolean passed,
        boolean skipped,
        ScenarioStats stats,
        Optional<MonitorSummary> monitor,
        List<StimulusEvent> stimulusEvents,
        String workType,
        List<String> activeFlags,
        List<ProgVerifierStats> verifierStats,
        Optional<KvmStatsTotals> kvmStats,
        List<String> sysctls,
        List<String> kargs,
        Optional<String> kernelVersion,
        Optional<String> kernelCommit,
        String timestamp,
        String runId,
        Optional<HostContext> host,
        Optional<Long> cleanupDurationMs,
        Optional<String> runSource) {

    /** Checks every component and takes immutable, correctly ordered copies of collections. */
    public SidecarResult {
        Objects.requireNonNull(testName, "testName");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(schedulerCommit, "schedulerCommit");
        Objects.requireNonNull(projectCommit, "projectCommit");
        Objects.requireNonNull(payload, "payload");
        metrics = List.copyOf(Objects.requireNonNull(metrics, "metrics"));
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(monitor, "monitor");
        stimulusEvents = List.copyOf(Objects.requireNonNull(stimulusEvents, "stimulusEvents"));
        Objects.requireNonNull(workType, "workType");
        activeFlags = List.copyOf(Objects.requireNonNull(activeFlags, "activeFlags"));
        verifierStats = List.copyOf(Objects.requireNonNull(verifierStats, "verifierStats"));
        Objects.requireNonNull(kvmStats, "kvmStats");
        sysctls = List.copyOf(Objects.requireNonNull(sysctls, "sysctls"));
        kargs = List.copyOf(Objects.requireNonNull(kargs, "kargs"));
        Objects.requireNonNull(kernelVersion, "kernelVersion");
        Objects.requireNonNull(kernelCommit, "kernelCommit");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(cleanupDurationMs, "cleanupDurationMs");
        Objects.requireNonNull(runSource, "runSource");
    }

    /**
     * The record of upstream's {@code SidecarResult::test_fixture()}: test {@code t}, topology
     * {@code 1n1l1c1t}, scheduler {@code eevdf}, work type {@code CpuSpin}, passed, everything else
     * empty. Its file name is {@code t-55f6b9881e152f8c.ktstr.json}.
     */
    public static SidecarResult testFixture() {
        return builder().testName("t").topology("1n1l1c1t").scheduler("eevdf").workType("CpuSpin").passed(true).build();
    }

    /** A builder starting from empty values: {@code ""}, zero, {@code false}, empty lists and maps, empty optionals. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.testName = testName;
        b.topology = topology;
        b.scheduler = scheduler;
        b.schedulerCommit = schedulerCommit;
        b.projectCommit = projectCommit;
        b.payload = payload;
        b.metrics = metrics;
        b.passed = passed;
        b.skipped = skipped;
        b.stats = stats;
        b.monitor = monitor;
        b.stimulusEvents = stimulusEvents;
        b.workType = workType;
        b.activeFlags = activeFlags;
        b.verifierStats = verifierStats;
        b.kvmStats = kvmStats;
        b.sysctls = sysctls;
        b.kargs = kargs;
        b.kernelVersion = kernelVersion;
        b.kernelCommit = kernelCommit;
        b.timestamp = timestamp;
        b.runId = runId;
        b.host = host;
        b.cleanupDurationMs = cleanupDurationMs;
        b.runSource = runSource;
        return b;
    }

    /** Mutable builder of {@link SidecarResult}; every setter rejects {@code null}. */
    public static final class Builder {
        private String testName = "";
        private String topology = "";
        private String scheduler = "";
        private Optional<String> schedulerCommit = Optional.empty();
        private Optional<String> projectCommit = Optional.empty();
        private Optional<String> payload = Optional.empty();
        private List<PayloadMetrics> metrics = List.of();
        private boolean passed = false;
        private boolean skipped = false;
        private ScenarioStats stats = ScenarioStats.builder().build();
        private Optional<MonitorSummary> monitor = Optional.empty();
        private List<StimulusEvent> stimulusEvents = List.of();
        private String workType = "";
        private List<String> activeFlags = List.of();
        private List<ProgVerifierStats> verifierStats = List.of();
        private Optional<KvmStatsTotals> kvmStats = Optional.empty();
        private List<String> sysctls = List.of();
        private List<String> kargs = List.of();
        private Optional<String> kernelVersion = Optional.empty();
        private Optional<String> kernelCommit = Optional.empty();
        private String timestamp = "";
        private String runId = "";
        private Optional<HostContext> host = Optional.empty();
        private Optional<Long> cleanupDurationMs = Optional.empty();
        private Optional<String> runSource = Optional.empty();

        private Builder() {
        }

        /** Sets {@code test_name}. */
        public Builder testName(String value) {
            this.testName = Objects.requireNonNull(value, "testName");
            return this;
        }

        /** Sets {@code topology}. */
        public Builder topology(String value) {
            this.topology = Objects.requireNonNull(value, "topology");
            return this;
        }

        /** Sets {@code scheduler}. */
        public Builder scheduler(String value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /** Sets {@code scheduler_commit}. */
        public Builder schedulerCommit(Optional<String> value) {
            this.schedulerCommit = Objects.requireNonNull(value, "schedulerCommit");
            return this;
        }

        /** Sets {@code scheduler_commit} to a present value. */
        public Builder schedulerCommit(String value) {
            this.schedulerCommit = Optional.of(Objects.requireNonNull(value, "schedulerCommit"));
            return this;
        }

        /** Sets {@code project_commit}. */
        public Builder projectCommit(Optional<String> value) {
            this.projectCommit = Objects.requireNonNull(value, "projectCommit");
            return this;
        }

        /** Sets {@code project_commit} to a present value. */
        public Builder projectCommit(String value) {
            this.projectCommit = Optional.of(Objects.requireNonNull(value, "projectCommit"));
            return this;
        }

        /** Sets {@code payload}. */
        public Builder payload(Optional<String> value) {
            this.payload = Objects.requireNonNull(value, "payload");
            return this;
        }

        /** Sets {@code payload} to a present value. */
        public Builder payload(String value) {
            this.payload = Optional.of(Objects.requireNonNull(value, "payload"));
            return this;
        }

        /** Sets {@code metrics}. */
        public Builder metrics(List<PayloadMetrics> value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /** Sets {@code passed}. */
        public Builder passed(boolean value) {
            this.passed = value;
            return this;
        }

        /** Sets {@code skipped}. */
        public Builder skipped(boolean value) {
            this.skipped = value;
            return this;
        }

        /** Sets {@code stats}. */
        public Builder stats(ScenarioStats value) {
            this.stats = Objects.requireNonNull(value, "stats");
            return this;
        }

        /** Sets {@code monitor}. */
        public Builder monitor(Optional<MonitorSummary> value) {
            this.monitor = Objects.requireNonNull(value, "monitor");
            return this;
        }

        /** Sets {@code monitor} to a present value. */
        public Builder monitor(MonitorSummary value) {
            this.monitor = Optional.of(Objects.requireNonNull(value, "monitor"));
            return this;
        }

        /** Sets {@code stimulus_events}. */
        public Builder stimulusEvents(List<StimulusEvent> value) {
            this.stimulusEvents = Objects.requireNonNull(value, "stimulusEvents");
            return this;
        }

        /** Sets {@code work_type}. */
        public Builder workType(String value) {
            this.workType = Objects.requireNonNull(value, "workType");
            return this;
        }

        /** Sets {@code active_flags}. */
        public Builder activeFlags(List<String> value) {
            this.activeFlags = Objects.requireNonNull(value, "activeFlags");
            return this;
        }

        /** Sets {@code verifier_stats}. */
        public Builder verifierStats(List<ProgVerifierStats> value) {
            this.verifierStats = Objects.requireNonNull(value, "verifierStats");
            return this;
        }

        /** Sets {@code kvm_stats}. */
        public Builder kvmStats(Optional<KvmStatsTotals> value) {
            this.kvmStats = Objects.requireNonNull(value, "kvmStats");
            return this;
        }

        /** Sets {@code kvm_stats} to a present value. */
        public Builder kvmStats(KvmStatsTotals value) {
            this.kvmStats = Optional.of(Objects.requireNonNull(value, "kvmStats"));
            return this;
        }

        /** Sets {@code sysctls}. */
        public Builder sysctls(List<String> value) {
            this.sysctls = Objects.requireNonNull(value, "sysctls");
            return this;
        }

        /** Sets {@code kargs}. */
        public Builder kargs(List<String> value) {
            this.kargs = Objects.requireNonNull(value, "kargs");
            return this;
        }

        /** Sets {@code kernel_version}. */
        public Builder kernelVersion(Optional<String> value) {
            this.kernelVersion = Objects.requireNonNull(value, "kernelVersion");
            return this;
        }

        /** Sets {@code kernel_version} to a present value. */
        public Builder kernelVersion(String value) {
            this.kernelVersion = Optional.of(Objects.requireNonNull(value, "kernelVersion"));
            return this;
        }

        /** Sets {@code kernel_commit}. */
        public Builder kernelCommit(Optional<String> value) {
            this.kernelCommit = Objects.requireNonNull(value, "kernelCommit");
            return this;
        }

        /** Sets {@code kernel_commit} to a present value. */
        public Builder kernelCommit(String value) {
            this.kernelCommit = Optional.of(Objects.requireNonNull(value, "kernelCommit"));
            return this;
        }

        /** Sets {@code timestamp}. */
        public Builder timestamp(String value) {
            this.timestamp = Objects.requireNonNull(value, "timestamp");
            return this;
        }

        /** Sets {@code run_id}. */
        public Builder runId(String value) {
            this.runId = Objects.requireNonNull(value, "runId");
            return this;
        }

        /** Sets {@code host}. */
        public Builder host(Optional<HostContext> value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** Sets {@code host} to a present value. */
        public Builder host(HostContext value) {
            this.host = Optional.of(Objects.requireNonNull(value, "host"));
            return this;
        }

        /** Sets {@code cleanup_duration_ms}. */
        public Builder cleanupDurationMs(Optional<Long> value) {
            this.cleanupDurationMs = Objects.requireNonNull(value, "cleanupDurationMs");
            return this;
        }

        /** Sets {@code cleanup_duration_ms} to a present value. */
        public Builder cleanupDurationMs(long value) {
            this.cleanupDurationMs = Optional.of(value);
            return this;
        }

        /** Sets {@code run_source}. */
        public Builder runSource(Optional<String> value) {
            this.runSource = Objects.requireNonNull(value, "runSource");
            return this;
        }

        /** Sets {@code run_source} to a present value. */
        public Builder runSource(String value) {
            this.runSource = Optional.of(Objects.requireNonNull(value, "runSource"));
            return this;
        }

        /** Builds the record, validating every component. */
        public SidecarResult build() {
            return new SidecarResult(testName, topology, scheduler, schedulerCommit, projectCommit, payload, metrics, passed, skipped, stats, monitor, stimulusEvents, workType, activeFlags, verifierStats, kvmStats, sysctls, kargs, kernelVersion, kernelCommit, timestamp, runId, host, cleanupDurationMs, runSource);
        }
    }
}
