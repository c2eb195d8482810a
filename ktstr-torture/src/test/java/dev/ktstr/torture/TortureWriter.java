package dev.ktstr.torture;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.Providers;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.write.SidecarWriter;
import dev.ktstr.api.write.WriteResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A writer process for the torture tests. Every writer uses the providers found on the class
 * path (the filesystem store, the {@code flock(2)} lock, the JGit probe) and prints
 * {@code providers <store> <lock> <probe>} first, then {@code wrote <location> <removed>} per
 * write. Modes:
 * <ul>
 *   <li>{@code default <id> <writes> <cargoTargetDir> <projectDir> <barrierDir>}: one first write
 *       {@code warm_c<id>} (it takes the lock and pre-clears), then {@code ready-<id>} in the
 *       barrier directory, waits for {@code go}, then {@code writes} writes: even {@code j}
 *       distinct {@code c<id>_t<j>}, odd {@code j} the variant {@code shared_t<j>} that every
 *       process writes;</li>
 *   <li>{@code override <id> <writes> <sidecarDir> <projectDir>}: the same writes under
 *       {@code KTSTR_SIDECAR_DIR} (no lock, no pre-clear), no warm-up;</li>
 *   <li>{@code loop <id> <cargoTargetDir> <projectDir> <padding>}: default-path writes of large
 *       sidecars ({@code padding} bytes) forever, to be killed;</li>
 *   <li>{@code once <id> <cargoTargetDir> <projectDir>}: one default-path write.</li>
 *   <li>{@code fsize <sidecarDir> <projectDir> <padding>}: one small then one large write of the
 *       same variant under {@code KTSTR_SIDECAR_DIR}; exit 3 with {@code failed <message>} when
 *       the second fails.</li>
 * </ul>
 */
public final class TortureWriter {

    private TortureWriter() {
    }

    /** A sidecar of variant {@code name}/{@code shape}: its file name depends on both. */
    static SidecarResult record(String name, int shape) {
        List<String> sysctls = new ArrayList<>();
        for (int i = 0; i < shape; i++) {
            sysctls.add("sysctl.kernel.torture_" + i + "=" + i);
        }
        return SidecarResult.builder().testName(name).topology("1n2l4c1t").scheduler("scx-ktstr")
                .workType("CpuSpin").passed(true).activeFlags(List.of("steal", "llc")).sysctls(sysctls)
                .kargs(List.of("nosmt")).build();
    }

    static SidecarWriter writer(Map<String, String> env, Path projectDir) {
        return SidecarWriter.builder().env(Env.of(env)).projectDir(projectDir)
                .kernelVersion(() -> Optional.of(Torture.KERNEL)).kernelSourceDir(Optional::empty)
                .lockTimeout(Duration.ofSeconds(120)).meterRegistry(new SimpleMeterRegistry()).build();
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        System.out.println("providers " + Providers.store().name() + " " + Providers.lock().name() + " "
                + Providers.probe().name());
        switch (mode) {
            case "default": {
                int id = Integer.parseInt(args[1]);
                SidecarWriter w = writer(Map.of("CARGO_TARGET_DIR", args[3]), Path.of(args[4]));
                report(w.write(record("warm_c" + id, 1)));
                Path barrier = Path.of(args[5]);
                Files.createFile(barrier.resolve("ready-" + id));
                while (!Files.exists(barrier.resolve("go"))) {
                    Thread.sleep(2);
                }
                writes(w, id, Integer.parseInt(args[2]));
                break;
            }
            case "override": {
                int id = Integer.parseInt(args[1]);
                SidecarWriter w = writer(Map.of("KTSTR_SIDECAR_DIR", args[3]), Path.of(args[4]));
                writes(w, id, Integer.parseInt(args[2]));
                break;
            }
            case "loop": {
                int id = Integer.parseInt(args[1]);
                SidecarWriter w = writer(Map.of("CARGO_TARGET_DIR", args[2]), Path.of(args[3]));
                // scheduler_commit is outside the variant hash and costs nothing to encode: a large
                // file whose write and fsync dominate each loop, so kills often land mid-write.
                String pad = "x".repeat(Integer.parseInt(args[4]));
                for (long n = 0; ; n++) {
                    report(w.write(record("big_c" + id + "_" + (n % 3), 1 + (int) (n % 3)).toBuilder()
                            .schedulerCommit(pad).build()));
                }
            }
            case "once": {
                int id = Integer.parseInt(args[1]);
                report(writer(Map.of("CARGO_TARGET_DIR", args[2]), Path.of(args[3])).write(record("once_c" + id, 1)));
                break;
            }
            case "fsize": {
                SidecarWriter w = writer(Map.of("KTSTR_SIDECAR_DIR", args[1]), Path.of(args[2]));
                SidecarResult small = record("fsize", 1);
                report(w.write(small));
                // scheduler_commit is not part of the variant hash: same file, much larger content.
                String pad = "x".repeat(Integer.parseInt(args[3]));
                try {
                    report(w.write(small.toBuilder().schedulerCommit(pad).build()));
                } catch (java.io.IOException e) {
                    System.out.println("failed " + e.getMessage());
                    System.out.flush();
                    System.exit(3);
                }
                break;
            }
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static void writes(SidecarWriter w, int id, int count) throws Exception {
        for (int j = 0; j < count; j++) {
            // The shape depends on j only, so every process writes the same shared variants.
            report(w.write(j % 2 == 0 ? record("c" + id + "_t" + j, 1 + j % 3) : record("shared_t" + j, 1 + j % 3)));
        }
    }

    private static void report(WriteResult r) {
        System.out.println("wrote " + r.location() + " " + r.preClearRemoved());
        System.out.flush();
    }
}
