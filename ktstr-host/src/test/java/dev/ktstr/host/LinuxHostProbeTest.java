package dev.ktstr.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.Providers;
import dev.ktstr.api.Spi;
import dev.ktstr.api.schema.HostContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host context of this machine, checked against uname(1), getconf(1) and /proc/meminfo. */
class LinuxHostProbeTest {

    @TempDir
    Path tmp;

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    @Test
    void theProviderIsFoundAndNamedLinux() {
        assertEquals("linux", Providers.select(Spi.HOST).provider().name());
    }

    @Test
    void thisHostsContextMatchesItsTools() throws Exception {
        HostContext h = new LinuxHostProbe().hostContext();
        assertEquals(Optional.of(run("uname", "-m")), h.arch());
        assertEquals(Optional.of(run("uname", "-r")), h.kernelRelease());
        assertEquals(Optional.of(run("uname", "-s")), h.kernelName());
        assertEquals(Optional.of(Long.parseLong(run("getconf", "_NPROCESSORS_ONLN"))), h.onlineCpus());
        String memTotal = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .findFirst().orElseThrow().replaceAll("[^0-9]", "");
        assertEquals(Optional.of(Long.parseLong(memTotal)), h.totalMemoryKb());
        assertEquals(Optional.of(Files.readString(Path.of("/proc/cmdline")).strip()).filter(s -> !s.isEmpty()),
                h.kernelCmdline());
        assertTrue(h.numaNodes().orElseThrow() >= 1);
        assertTrue(h.schedTunables().isPresent(), "/proc/sys/kernel is listable");
        assertEquals(Optional.empty(), h.heapState(), "no jemalloc in a JVM");
    }

    private Path write(String rel, String text) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aFixtureTreeGivesEveryField() throws IOException {
        write("proc/cpuinfo", "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Test CPU @ 2GHz\n\n"
                + "processor\t: 1\nvendor_id\t: Other\nmodel name\t: Other CPU\n");
        write("proc/meminfo", "MemTotal:       16384 kB\nHugePages_Total:       4\nHugePages_Free:        3\n"
                + "Hugepagesize:       2048 kB\nBogus: x\n");
        write("proc/cmdline", "  root=/dev/vda ro  \n");
        write("proc/sys/kernel/ostype", "Linux\n");
        write("proc/sys/kernel/osrelease", "6.99.0-test\n");
        write("proc/sys/kernel/arch", "aarch64\n");
        write("proc/sys/kernel/sched_autogroup_enabled", "1\n");
        write("proc/sys/kernel/sched_blank", " \n");
        write("proc/sys/kernel/other", "x\n");
        Files.createDirectories(tmp.resolve("proc/sys/kernel/sched_dir"));
        write("sys/kernel/mm/transparent_hugepage/enabled", "always [madvise] never\n");
        write("sys/kernel/mm/transparent_hugepage/defrag", "[always] defer madvise never\n");
        write("sys/devices/system/cpu/online", "0-2,5\n");
        write("sys/devices/system/cpu/cpu0/node0/x", "");
        write("sys/devices/system/cpu/cpu1/node1/x", "");
        write("sys/devices/system/cpu/cpu2/cpufreq/scaling_governor", "performance\n");
        write("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "powersave\n");
        // cpu5 is listed online but has no sysfs directory: dropped, as upstream
        HostContext h = new HostContextCollector(tmp.resolve("proc"), tmp.resolve("sys")).collect();
        assertEquals(Optional.of("Test CPU @ 2GHz"), h.cpuModel());
        assertEquals(Optional.of("GenuineIntel"), h.cpuVendor());
        assertEquals(Optional.of(16384L), h.totalMemoryKb());
        assertEquals(Optional.of(4L), h.hugepagesTotal());
        assertEquals(Optional.of(3L), h.hugepagesFree());
        assertEquals(Optional.of(2048L), h.hugepagesSizeKb());
        assertEquals(Optional.of("always [madvise] never"), h.thpEnabled());
        assertEquals(Optional.of("[always] defer madvise never"), h.thpDefrag());
        assertEquals(Optional.of(Map.of("sched_autogroup_enabled", "1")), h.schedTunables());
        assertEquals(Optional.of(3L), h.onlineCpus());
        assertEquals(Optional.of(2L), h.numaNodes());
        assertEquals(Map.of(0L, "powersave", 2L, "performance"), h.cpufreqGovernor());
        assertEquals(Optional.of("Linux"), h.kernelName());
        assertEquals(Optional.of("6.99.0-test"), h.kernelRelease());
        assertEquals(Optional.of("aarch64"), h.arch());
        assertEquals(Optional.of("root=/dev/vda ro"), h.kernelCmdline());
    }

    @Test
    void anEmptyTreeLeavesFieldsOutAndNeverThrows() {
        HostContext h = new HostContextCollector(tmp.resolve("no-proc"), tmp.resolve("no-sys")).collect();
        assertEquals(Optional.empty(), h.cpuModel());
        assertEquals(Optional.empty(), h.totalMemoryKb());
        assertEquals(Optional.empty(), h.schedTunables());
        assertEquals(Optional.empty(), h.onlineCpus());
        assertEquals(Optional.empty(), h.numaNodes());
        assertEquals(Map.of(), h.cpufreqGovernor());
        assertEquals(Optional.empty(), h.kernelCmdline());
        // the uname triple falls back to the JVM's view of the running kernel
        assertTrue(h.kernelRelease().isPresent());
    }

    @Test
    void cpuLists() {
        assertEquals(Optional.of(List.of(0L, 1L, 2L, 5L)), HostContextCollector.parseCpuList("0-2,5\n"));
        assertEquals(Optional.of(List.of()), HostContextCollector.parseCpuList("\n"));
        assertEquals(Optional.empty(), HostContextCollector.parseCpuList("0-x"));
        assertEquals(Optional.empty(), HostContextCollector.parseCpuList("3-1"));
    }
}
