package dev.ktstr.bench;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.SidecarResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates a pool: {@code PoolGen <root> <runs> <perRun> [seed]} writes {@code runs} run
 * directories {@code {kernel}-{commit}} of {@code perRun} sidecars each, every one of the size
 * and shape of the upstream fixture {@code example-full.ktstr.json} with its numbers varied and
 * its identity (test, scheduler, topology, work type, flags, kernel, commits, source, pass/skip)
 * drawn from small realistic sets; seeded, so the same arguments give the same bytes.
 */
public final class PoolGen {

    private static final String[] TESTS = {"steal_under_pressure", "cpu_spin_fair", "page_fault_churn",
        "wake_chain", "llc_balance", "numa_spread", "cgroup_weight", "idle_pick", "yield_storm", "fork_bomb_lite"};
    private static final String[] SCHEDULERS = {"scx-ktstr", "eevdf", "scx_rusty", "scx_lavd"};
    private static final String[] TOPOLOGIES = {"1n2l4c1t", "1n4l2c1t", "2n4l4c2t", "1n1l1c1t"};
    private static final String[] WORK = {"CpuSpin", "PageFaultChurn", "YieldHeavy", "Mixed"};
    private static final String[] FLAGS = {"llc", "steal", "borrow", "rebal"};
    private static final String[] KERNELS = {"6.14.2", "6.13.9", "6.15.0-rc3"};

    private PoolGen() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        int perRun = Integer.parseInt(args[2]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1L;
        String template = template();
        Random rnd = new Random(seed);
        long bytes = 0;
        for (int r = 0; r < runs; r++) {
            String kernel = KERNELS[r % KERNELS.length];
            String commit = String.format(Locale.ROOT, "%07x", rnd.nextInt(1 << 28)) + (r % 5 == 4 ? "-dirty" : "");
            Path dir = Files.createDirectories(root.resolve(kernel + "-" + commit));
            for (int i = 0; i < perRun; i++) {
                SidecarResult s = sidecar(template, rnd, kernel, commit, r, i);
                byte[] json = SidecarCodec.write(s);
                // A variant repeats within a run only by chance; keep one file per name like the writer.
                Files.write(dir.resolve(SidecarNames.fileName(s)), json);
                bytes += json.length;
            }
        }
        System.out.printf(Locale.ROOT, "generated %d runs x %d sidecars (%d bytes) under %s, seed %d%n",
                runs, perRun, bytes, root, seed);
    }

    static String template() throws IOException {
        try (InputStream in = PoolGen.class.getResourceAsStream("/example-full.ktstr.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** One sidecar: the template's numbers varied, its identity drawn so that file names rarely collide. */
    static SidecarResult sidecar(String template, Random rnd, String kernel, String commit, int run, int i) {
        SidecarResult base = SidecarCodec.read(varyNumbers(template, rnd));
        List<String> flags = new ArrayList<>();
        for (String f : FLAGS) {
            if (rnd.nextInt(3) == 0) {
                flags.add(f);
            }
        }
        List<String> sysctls = new ArrayList<>(base.sysctls());
        // The variant index makes each sidecar of a run its own variant (as a real run's tests are).
        sysctls.add("sysctl.kernel.sched_variant=" + i);
        boolean skipped = rnd.nextInt(50) == 0;
        return base.toBuilder()
                .testName(TESTS[rnd.nextInt(TESTS.length)])
                .scheduler(SCHEDULERS[rnd.nextInt(SCHEDULERS.length)])
                .topology(TOPOLOGIES[rnd.nextInt(TOPOLOGIES.length)])
                .workType(WORK[rnd.nextInt(WORK.length)])
                .activeFlags(flags)
                .sysctls(sysctls)
                .kernelVersion(kernel)
                .projectCommit(commit)
                .kernelCommit(String.format(Locale.ROOT, "%07x", (run * 7919) & 0xfffffff))
                .runSource(run % 3 == 0 ? "ci" : "local")
                .passed(!skipped && rnd.nextInt(10) != 0)
                .skipped(skipped)
                .timestamp(String.format(Locale.ROOT, "2025-%02d-%02dT%02d:%02d:%02dZ", 1 + run % 12, 1 + i % 28,
                        i % 24, i % 60, run % 60))
                .runId(String.format(Locale.ROOT, "2025%02d%02dT000000Z-%d", 1 + run % 12, 1 + run % 28, i))
                .build();
    }

    /** Every number outside strings: integers in [0, 2v+10], floats scaled by 0.5..1.5; negatives kept. */
    static String varyNumbers(String json, Random rnd) {
        StringBuilder out = new StringBuilder(json.length() + 256);
        int n = json.length();
        for (int i = 0; i < n; ) {
            char c = json.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (json.charAt(j) != '"') {
                    j += json.charAt(j) == '\\' ? 2 : 1;
                }
                out.append(json, i, j + 1);
                i = j + 1;
            } else if ((c >= '0' && c <= '9') || c == '-') {
                int j = i + 1;
                while (j < n && "0123456789.eE+-".indexOf(json.charAt(j)) >= 0) {
                    j++;
                }
                String num = json.substring(i, j);
                if (num.startsWith("-")) {
                    out.append(num);
                } else if (num.contains(".") || num.contains("e") || num.contains("E")) {
                    out.append(Double.parseDouble(num) * (0.5 + rnd.nextDouble()));
                } else {
                    long v = Long.parseLong(num);
                    long bound = Math.min(Integer.MAX_VALUE, 2 * v + 10);
                    out.append((long) (rnd.nextDouble() * bound));
                }
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
