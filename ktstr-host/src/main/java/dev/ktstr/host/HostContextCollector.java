package dev.ktstr.host;

import dev.ktstr.api.schema.HostContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Upstream's {@code collect_host_context} (the sidecar's {@code host} object) over a {@code /proc} and a
 * {@code /sys} root, so tests can point it at a fixture tree.
 *
 * <p>As upstream, the static fields (CPU identity, {@code MemTotal}, {@code Hugepagesize},
 * online CPUs, NUMA nodes, the uname triple, per-CPU cpufreq governors) are read once per
 * collector and reused; the dynamic ones ({@code HugePages_Total}/{@code _Free}, THP policy,
 * {@code sched_*} tunables, {@code /proc/cmdline}) are read on every call. Every read may fail:
 * a field that cannot be read is left out, never an error. {@code heap_state} (jemalloc) has no
 * counterpart in a JVM and is always left out. Thread-safe.
 */
final class HostContextCollector {

    private final Path proc;
    private final Path sys;
    private volatile StaticInfo staticInfo;

    HostContextCollector(Path proc, Path sys) {
        this.proc = proc;
        this.sys = sys;
    }

    /** The real host's {@code /proc} and {@code /sys}. */
    static HostContextCollector system() {
        return new HostContextCollector(Path.of("/proc"), Path.of("/sys"));
    }

    /** The static subset, read once. */
    private record StaticInfo(Optional<String> cpuModel, Optional<String> cpuVendor, Optional<Long> memTotalKb,
            Optional<Long> hugepageSizeKb, Optional<Long> onlineCpus, Optional<Long> numaNodes,
            Optional<String> kernelName, Optional<String> kernelRelease, Optional<String> arch,
            Map<Long, String> governors) {
    }

    /** The context now. Never throws. */
    HostContext collect() {
        Meminfo mem = Meminfo.parse(readString(proc.resolve("meminfo")).orElse(""));
        StaticInfo s = staticInfo;
        if (s == null) {
            synchronized (this) {
                s = staticInfo;
                if (s == null) {
                    s = computeStatic(mem);
                    staticInfo = s;
                }
            }
        }
        return HostContext.builder()
                .cpuModel(s.cpuModel())
                .cpuVendor(s.cpuVendor())
                .totalMemoryKb(s.memTotalKb())
                .hugepagesTotal(mem.hugepagesTotal)
                .hugepagesFree(mem.hugepagesFree)
                .hugepagesSizeKb(s.hugepageSizeKb())
                .thpEnabled(readTrimmed(sys.resolve("kernel/mm/transparent_hugepage/enabled")))
                .thpDefrag(readTrimmed(sys.resolve("kernel/mm/transparent_hugepage/defrag")))
                .schedTunables(schedTunables())
                .onlineCpus(s.onlineCpus())
                .numaNodes(s.numaNodes())
                .cpufreqGovernor(s.governors())
                .kernelName(s.kernelName())
                .kernelRelease(s.kernelRelease())
                .arch(s.arch())
                .kernelCmdline(readTrimmed(proc.resolve("cmdline")))
                .build();
    }

    private StaticInfo computeStatic(Meminfo mem) {
        String[] identity = cpuIdentity(readString(proc.resolve("cpuinfo")).orElse(""));
        Optional<List<Long>> online = onlineCpuList();
        Optional<Long> onlineCount = Optional.empty();
        Optional<Long> nodes = Optional.empty();
        if (online.isPresent()) {
            // As upstream's HostTopology::from_sysfs: listed CPUs whose sysfs directory is missing
            // are dropped; a CPU without a nodeN entry is on node 0; no CPU at all is a failed probe.
            Set<Long> nodeIds = new TreeSet<>();
            long count = 0;
            for (long cpu : online.get()) {
                Path dir = sys.resolve("devices/system/cpu/cpu" + cpu);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                count++;
                nodeIds.add(nodeOf(dir));
            }
            if (count > 0) {
                onlineCount = Optional.of(count);
                nodes = Optional.of((long) Math.max(1, nodeIds.size()));
            }
        }
        Map<Long, String> governors = new TreeMap<>();
        for (long cpu : online.orElse(List.of())) {
            readTrimmed(sys.resolve("devices/system/cpu/cpu" + cpu + "/cpufreq/scaling_governor"))
                    .ifPresent(g -> governors.put(cpu, g));
        }
        return new StaticInfo(Optional.ofNullable(identity[0]), Optional.ofNullable(identity[1]), mem.memTotal,
                mem.hugepageSize, onlineCount, nodes,
                readTrimmed(proc.resolve("sys/kernel/ostype")).or(HostContextCollector::osName),
                readTrimmed(proc.resolve("sys/kernel/osrelease")).or(HostContextCollector::osVersion),
                readTrimmed(proc.resolve("sys/kernel/arch")).or(HostContextCollector::machine),
                governors);
    }

    private static long nodeOf(Path cpuDir) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(cpuDir, "node*")) {
            for (Path p : ds) {
                String n = p.getFileName().toString().substring(4);
                if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
                    return Long.parseLong(n);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: node 0, as upstream
        }
        return 0;
    }

    private Optional<List<Long>> onlineCpuList() {
        Optional<String> raw = readString(sys.resolve("devices/system/cpu/online"));
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return parseCpuList(raw.get());
    }

    /** A kernel CPU list ({@code 0-3,5,7-8}); empty when malformed. */
    static Optional<List<Long>> parseCpuList(String text) {
        String t = text.trim();
        List<Long> out = new ArrayList<>();
        if (t.isEmpty()) {
            return Optional.of(out);
        }
        try {
            for (String part : t.split(",")) {
                String p = part.trim();
                int dash = p.indexOf('-');
                if (dash < 0) {
                    out.add(Long.parseLong(p));
                } else {
                    long lo = Long.parseLong(p.substring(0, dash));
                    long hi = Long.parseLong(p.substring(dash + 1));
                    if (hi < lo || hi - lo > 1 << 20) {
                        return Optional.empty();
                    }
                    for (long c = lo; c <= hi; c++) {
                        out.add(c);
                    }
                }
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(out);
    }

    /** {@code model name} and {@code vendor_id} of the first processor block; either may be null. */
    static String[] cpuIdentity(String cpuinfo) {
        String model = null;
        String vendor = null;
        for (String line : cpuinfo.split("\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (value.isEmpty()) {
                continue;
            }
            if (key.equals("model name") && model == null) {
                model = value;
            } else if (key.equals("vendor_id") && vendor == null) {
                vendor = value;
            }
        }
        return new String[] {model, vendor};
    }

    /** The four {@code /proc/meminfo} fields the context uses. */
    static final class Meminfo {
        Optional<Long> memTotal = Optional.empty();
        Optional<Long> hugepagesTotal = Optional.empty();
        Optional<Long> hugepagesFree = Optional.empty();
        Optional<Long> hugepageSize = Optional.empty();

        static Meminfo parse(String text) {
            Meminfo m = new Meminfo();
            for (String line : text.split("\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).strip();
                String[] tokens = line.substring(colon + 1).strip().split("\\s+");
                Optional<Long> n;
                try {
                    n = Optional.of(Long.parseUnsignedLong(tokens[0]));
                } catch (NumberFormatException e) {
                    continue;
                }
                switch (key) {
                    case "MemTotal" -> m.memTotal = n;
                    case "HugePages_Total" -> m.hugepagesTotal = n;
                    case "HugePages_Free" -> m.hugepagesFree = n;
                    case "Hugepagesize" -> m.hugepageSize = n;
                    default -> { }
                }
            }
            return m;
        }
    }

    /**
     * Every regular {@code sched_*} file of {@code /proc/sys/kernel} to its trimmed content
     * (files that cannot be read or trim to empty left out); empty when the directory cannot be
     * listed.
     */
    private Optional<Map<String, String>> schedTunables() {
        Map<String, String> out = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(proc.resolve("sys/kernel"))) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!name.startsWith("sched_")) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue;
                }
                if (a.isRegularFile()) {
                    readTrimmed(p).ifPresent(v -> out.put(name, v));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(out);
    }

    /** The file as UTF-8 text; empty when it cannot be read or is not UTF-8. */
    static Optional<String> readString(Path p) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(p))).toString());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The file's content trimmed; empty when unreadable or blank (upstream's read_trimmed_sysfs). */
    static Optional<String> readTrimmed(Path p) {
        return readString(p).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static Optional<String> osName() {
        return nonBlank(System.getProperty("os.name"));
    }

    private static Optional<String> osVersion() {
        return nonBlank(System.getProperty("os.version"));
    }

    /** {@code uname -m} from the JVM's architecture name, for kernels without {@code kernel.arch}. */
    private static Optional<String> machine() {
        String a = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return nonBlank(switch (a) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            case "x86" -> "i686";
            default -> a;
        });
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
