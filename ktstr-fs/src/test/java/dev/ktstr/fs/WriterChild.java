package dev.ktstr.fs;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.write.SidecarWriter;
import dev.ktstr.api.write.WriteResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A child JVM for the real-process tests. Arguments:
 * {@code <id> <mode> <count> <dirOrTarget> [barrierDir]}, mode one of
 * <ul>
 *   <li>{@code override}: {@code count} distinct ({@code c<id>_t<j>}) and {@code count} identical
 *       ({@code shared_t<j>}) sidecars into the {@code KTSTR_SIDECAR_DIR} {@code dirOrTarget};</li>
 *   <li>{@code default}: with {@code CARGO_TARGET_DIR=dirOrTarget}, a first {@code warm_c<id>}
 *       write (which pre-clears), then waits for {@code barrierDir/go}, then as {@code override};</li>
 *   <li>{@code loop}: one default-path write, then rewrites one large sidecar through the store
 *       forever (to be killed).</li>
 * </ul>
 * Prints one line per finished write: {@code wrote <location>}.
 */
public final class WriterChild {

    private WriterChild() {
    }

    static SidecarResult record(String testName, int sysctlCount) {
        List<String> sysctls = new ArrayList<>();
        for (int i = 0; i < sysctlCount; i++) {
            sysctls.add("sysctl.kernel.padding_" + i + "=" + i);
        }
        return SidecarResult.builder().testName(testName).topology("1n2l4c1t").scheduler("scx-ktstr")
                .workType("CpuSpin").passed(true).sysctls(sysctls).build();
    }

    public static void main(String[] args) throws Exception {
        int id = Integer.parseInt(args[0]);
        String mode = args[1];
        int count = Integer.parseInt(args[2]);
        Map<String, String> env = new HashMap<>();
        env.put(mode.equals("override") ? "KTSTR_SIDECAR_DIR" : "CARGO_TARGET_DIR", args[3]);
        SidecarWriter writer = SidecarWriter.builder().env(Env.of(env)).store(new FsSidecarStore())
                .probe(new FixedCommitProbeTestDouble("abc1234", "")).lock(new FcntlRunLockTestDouble())
                .kernelVersion(() -> Optional.of("6.14.2")).lockTimeout(Duration.ofSeconds(60))
                .meterRegistry(new SimpleMeterRegistry()).build();
        if (mode.equals("default")) {
            report(writer.write(record("warm_c" + id, 1)));
            Path go = Path.of(args[4], "go");
            Files.createFile(Path.of(args[4], "ready-" + id));
            while (!Files.exists(go)) {
                Thread.sleep(5);
            }
        }
        if (mode.equals("loop")) {
            WriteResult first = writer.write(record("loop_c" + id, 1));
            report(first);
            FsSidecarStore store = new FsSidecarStore();
            byte[] big = SidecarCodec.write(record("big_c" + id, 200_000));
            String file = Path.of(first.location()).getFileName().toString().replace("loop_c", "big_c");
            for (long n = 0; ; n++) {
                System.out.println("wrote " + store.write(first.runLocation(), file, big, "loop-" + n));
                System.out.flush();
            }
        }
        for (int j = 0; j < count; j++) {
            report(writer.write(record("c" + id + "_t" + j, 1 + j % 3)));
            report(writer.write(record("shared_t" + j, 1 + j % 3)));
        }
    }

    private static void report(WriteResult r) {
        System.out.println("wrote " + r.location());
        System.out.flush();
    }
}
