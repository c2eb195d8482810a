package dev.ktstr.api.schema;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Host snapshot taken at write time; every key is optional.
 *
 * <p>Components are in JSON declaration order, which is also the order they are written
 * in. See the package documentation for how Rust types map to Java types.
 *
 * @param cpuModel {@code cpu_model}: optional string (omitted when empty, optional on read)
 * @param cpuVendor {@code cpu_vendor}: optional string (omitted when empty, optional on read)
 * @param totalMemoryKb {@code total_memory_kb}: optional u64 (omitted when empty, optional on read)
 * @param hugepagesTotal {@code hugepages_total}: optional u64 (omitted when empty, optional on read)
 * @param hugepagesFree {@code hugepages_free}: optional u64 (omitted when empty, optional on read)
 * @param hugepagesSizeKb {@code hugepages_size_kb}: optional u64 (omitted when empty, optional on read)
 * @param thpEnabled {@code thp_enabled}: optional string (omitted when empty, optional on read)
 * @param thpDefrag {@code thp_defrag}: optional string (omitted when empty, optional on read)
 * @param schedTunables {@code sched_tunables}: optional map string to string (omitted when empty, optional on read)
 * @param onlineCpus {@code online_cpus}: optional usize (omitted when empty, optional on read)
 * @param numaNodes {@code numa_nodes}: optional usize (omitted when empty, optional on read)
 * @param cpufreqGovernor {@code cpufreq_governor}: map usize to string (omitted when empty, optional on read). CPU id (usize bits) to governor, numeric order; omitted when empty.
 * @param kernelName {@code kernel_name}: optional string (omitted when empty, optional on read)
 * @param kernelRelease {@code kernel_release}: optional string (omitted when empty, optional on read)
 * @param arch {@code arch}: optional string (omitted when empty, optional on read)
 * @param kernelCmdline {@code kernel_cmdline}: optional string (omitted when empty, optional on read)
 * @param heapState {@code heap_state}: optional HostHeapState (omitted when empty, optional on read)
 */
public record HostContext(
        Optional<String> cpuModel,
        Optional<String> cpuVendor,
        Optional<Long> totalMemoryKb,
        Optional<Long> hugepagesTotal,
        Optional<Long> hugepagesFree,
        Optional<Long> hugepagesSizeKb,
        Optional<String> thpEnabled,
        Optional<String> thpDefrag,
        Optional<Map<String, String>> schedTunables,
        Optional<Long> onlineCpus,
        Optional<Long> numaNodes,
        Map<Long, String> cpufreqGovernor,
        Optional<String> kernelName,
        Optional<String> kernelRelease,
        Optional<String> arch,
        Optional<String> kernelCmdline,
        Optional<HostHeapState> heapState) {

    /** Checks every component and takes immutable, correctly ordered copies of collections. */
    public HostContext {
        Objects.requireNonNull(cpuModel, "cpuModel");
        Objects.requireNonNull(cpuVendor, "cpuVendor");
        Objects.requireNonNull(totalMemoryKb, "totalMemoryKb");
        Objects.requireNonNull(hugepagesTotal, "hugepagesTotal");
        Objects.requireNonNull(hugepagesFree, "hugepagesFree");
        Objects.requireNonNull(hugepagesSizeKb, "hugepagesSizeKb");
        Objects.requireNonNull(thpEnabled, "thpEnabled");
        Objects.requireNonNull(thpDefrag, "thpDefrag");
        schedTunables = Objects.requireNonNull(schedTunables, "schedTunables").map(m -> SchemaMaps.byUtf8(m, "schedTunables"));
        Objects.requireNonNull(onlineCpus, "onlineCpus");
        Objects.requireNonNull(numaNodes, "numaNodes");
        cpufreqGovernor = SchemaMaps.byUnsignedKey(cpufreqGovernor, "cpufreqGovernor");
        Objects.requireNonNull(kernelName, "kernelName");
        Objects.requireNonNull(kernelRelease, "kernelRelease");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(kernelCmdline, "kernelCmdline");
        Objects.requireNonNull(heapState, "heapState");
    }

    /** A builder starting from empty values: {@code ""}, zero, {@code false}, empty lists and maps, empty optionals. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.cpuModel = cpuModel;
        b.cpuVendor = cpuVendor;
        b.totalMemoryKb = totalMemoryKb;
        b.hugepagesTotal = hugepagesTotal;
        b.hugepagesFree = hugepagesFree;
        b.hugepagesSizeKb = hugepagesSizeKb;
        b.thpEnabled = thpEnabled;
        b.thpDefrag = thpDefrag;
        b.schedTunables = schedTunables;
        b.onlineCpus = onlineCpus;
        b.numaNodes = numaNodes;
        b.cpufreqGovernor = cpufreqGovernor;
        b.kernelName = kernelName;
        b.kernelRelease = kernelRelease;
        b.arch = arch;
        b.kernelCmdline = kernelCmdline;
        b.heapState = heapState;
        return b;
    }

    /** Mutable builder of {@link HostContext}; every setter rejects {@code null}. */
    public static final class Builder {
        private Optional<String> cpuModel = Optional.empty();
        private Optional<String> cpuVendor = Optional.empty();
        private Optional<Long> totalMemoryKb = Optional.empty();
        private Optional<Long> hugepagesTotal = Optional.empty();
        private Optional<Long> hugepagesFree = Optional.empty();
        private Optional<Long> hugepagesSizeKb = Optional.empty();
        private Optional<String> thpEnabled = Optional.empty();
        private Optional<String> thpDefrag = Optional.empty();
        private Optional<Map<String, String>> schedTunables = Optional.empty();
        private Optional<Long> onlineCpus = Optional.empty();
        private Optional<Long> numaNodes = Optional.empty();
        private Map<Long, String> cpufreqGovernor = Map.of();
        private Optional<String> kernelName = Optional.empty();
        private Optional<String> kernelRelease = Optional.empty();
        private Optional<String> arch = Optional.empty();
        private Optional<String> kernelCmdline = Optional.empty();
        private Optional<HostHeapState> heapState = Optional.empty();

        private Builder() {
        }

        /** Sets {@code cpu_model}. */
        public Builder cpuModel(Optional<String> value) {
            this.cpuModel = Objects.requireNonNull(value, "cpuModel");
            return this;
        }

        /** Sets {@code cpu_model} to a present value. */
        public Builder cpuModel(String value) {
            this.cpuModel = Optional.of(Objects.requireNonNull(value, "cpuModel"));
            return this;
        }

        /** Sets {@code cpu_vendor}. */
        public Builder cpuVendor(Optional<String> value) {
            this.cpuVendor = Objects.requireNonNull(value, "cpuVendor");
            return this;
        }

        /** Sets {@code cpu_vendor} to a present value. */
        public Builder cpuVendor(String value) {
            this.cpuVendor = Optional.of(Objects.requireNonNull(value, "cpuVendor"));
            return this;
        }

        /** Sets {@code total_memory_kb}. */
        public Builder totalMemoryKb(Optional<Long> value) {
            this.totalMemoryKb = Objects.requireNonNull(value, "totalMemoryKb");
            return this;
        }

        /** Sets {@code total_memory_kb} to a present value. */
        public Builder totalMemoryKb(long value) {
            this.totalMemoryKb = Optional.of(value);
            return this;
        }

        /** Sets {@code hugepages_total}. */
        public Builder hugepagesTotal(Optional<Long> value) {
            this.hugepagesTotal = Objects.requireNonNull(value, "hugepagesTotal");
            return this;
        }

        /** Sets {@code hugepages_total} to a present value. */
        public Builder hugepagesTotal(long value) {
            this.hugepagesTotal = Optional.of(value);
            return this;
        }

        /** Sets {@code hugepages_free}. */
        public Builder hugepagesFree(Optional<Long> value) {
            this.hugepagesFree = Objects.requireNonNull(value, "hugepagesFree");
            return this;
        }

        /** Sets {@code hugepages_free} to a present value. */
        public Builder hugepagesFree(long value) {
            this.hugepagesFree = Optional.of(value);
            return this;
        }

        /** Sets {@code hugepages_size_kb}. */
        public Builder hugepagesSizeKb(Optional<Long> value) {
            this.hugepagesSizeKb = Objects.requireNonNull(value, "hugepagesSizeKb");
            return this;
        }

        /** Sets {@code hugepages_size_kb} to a present value. */
        public Builder hugepagesSizeKb(long value) {
            this.hugepagesSizeKb = Optional.of(value);
            return this;
        }

        /** Sets {@code thp_enabled}. */
        public Builder thpEnabled(Optional<String> value) {
            this.thpEnabled = Objects.requireNonNull(value, "thpEnabled");
            return this;
        }

        /** Sets {@code thp_enabled} to a present value. */
        public Builder thpEnabled(String value) {
            this.thpEnabled = Optional.of(Objects.requireNonNull(value, "thpEnabled"));
            return this;
        }

        /** Sets {@code thp_defrag}. */
        public Builder thpDefrag(Optional<String> value) {
            this.thpDefrag = Objects.requireNonNull(value, "thpDefrag");
            return this;
        }

        /** Sets {@code thp_defrag} to a present value. */
        public Builder thpDefrag(String value) {
            this.thpDefrag = Optional.of(Objects.requireNonNull(value, "thpDefrag"));
            return this;
        }

        /** Sets {@code sched_tunables}. */
        public Builder schedTunables(Optional<Map<String, String>> value) {
            this.schedTunables = Objects.requireNonNull(value, "schedTunables");
            return this;
        }

        /** Sets {@code sched_tunables} to a present value. */
        public Builder schedTunables(Map<String, String> value) {
            this.schedTunables = Optional.of(Objects.requireNonNull(value, "schedTunables"));
            return this;
        }

        /** Sets {@code online_cpus}. */
        public Builder onlineCpus(Optional<Long> value) {
            this.onlineCpus = Objects.requireNonNull(value, "onlineCpus");
            return this;
        }

        /** Sets {@code online_cpus} to a present value. */
        public Builder onlineCpus(long value) {
            this.onlineCpus = Optional.of(value);
            return this;
        }

        /** Sets {@code numa_nodes}. */
        public Builder numaNodes(Optional<Long> value) {
            this.numaNodes = Objects.requireNonNull(value, "numaNodes");
            return this;
        }

        /** Sets {@code numa_nodes} to a present value. */
        public Builder numaNodes(long value) {
            this.numaNodes = Optional.of(value);
            return this;
        }

        /** Sets {@code cpufreq_governor}. */
        public Builder cpufreqGovernor(Map<Long, String> value) {
            this.cpufreqGovernor = Objects.requireNonNull(value, "cpufreqGovernor");
            return this;
        }

        /** Sets {@code kernel_name}. */
        public Builder kernelName(Optional<String> value) {
            this.kernelName = Objects.requireNonNull(value, "kernelName");
            return this;
        }

        /** Sets {@code kernel_name} to a present value. */
        public Builder kernelName(String value) {
            this.kernelName = Optional.of(Objects.requireNonNull(value, "kernelName"));
            return this;
        }

        /** Sets {@code kernel_release}. */
        public Builder kernelRelease(Optional<String> value) {
            this.kernelRelease = Objects.requireNonNull(value, "kernelRelease");
            return this;
        }

        /** Sets {@code kernel_release} to a present value. */
        public Builder kernelRelease(String value) {
            this.kernelRelease = Optional.of(Objects.requireNonNull(value, "kernelRelease"));
            return this;
        }

        /** Sets {@code arch}. */
        public Builder arch(Optional<String> value) {
            this.arch = Objects.requireNonNull(value, "arch");
            return this;
        }

        /** Sets {@code arch} to a present value. */
        public Builder arch(String value) {
            this.arch = Optional.of(Objects.requireNonNull(value, "arch"));
            return this;
        }

        /** Sets {@code kernel_cmdline}. */
        public Builder kernelCmdline(Optional<String> value) {
            this.kernelCmdline = Objects.requireNonNull(value, "kernelCmdline");
            return this;
        }

        /** Sets {@code kernel_cmdline} to a present value. */
        public Builder kernelCmdline(String value) {
            this.kernelCmdline = Optional.of(Objects.requireNonNull(value, "kernelCmdline"));
            return this;
        }

        /** Sets {@code heap_state}. */
        public Builder heapState(Optional<HostHeapState> value) {
            this.heapState = Objects.requireNonNull(value, "heapState");
            return this;
        }

        /** Sets {@code heap_state} to a present value. */
        public Builder heapState(HostHeapState value) {
            this.heapState = Optional.of(Objects.requireNonNull(value, "heapState"));
            return this;
        }

        /** Builds the record, validating every component. */
        public HostContext build() {
            return new HostContext(cpuModel, cpuVendor, totalMemoryKb, hugepagesTotal, hugepagesFree, hugepagesSizeKb, thpEnabled, thpDefrag, schedTunables, onlineCpus, numaNodes, cpufreqGovernor, kernelName, kernelRelease, arch, kernelCmdline, heapState);
        }
    }
}
