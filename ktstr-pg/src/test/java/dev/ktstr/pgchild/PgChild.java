package dev.ktstr.pgchild;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.Providers;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.api.spi.WriteSession;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.write.SidecarWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;

/**
 * A second process for the pg tests, using only the public API (it runs on the class path, or
 * as an unnamed-module main with ktstr on the module path). The store and lock come from
 * {@link Providers}: the test passes {@code -Dktstr.store=pg -Dktstr.pg.url=...}.
 * <ul>
 *   <li>{@code hold RUN}: take the run lock, print {@code LOCKED}, sleep a minute;</li>
 *   <li>{@code bigwrite RUN MIB}: print {@code WRITING}, then store a MIB-MiB sidecar in RUN;</li>
 *   <li>{@code write N TAG}: write variants t_0..t_{N-1} of run 6.14.2-abc1234 through
 *       SidecarWriter (lock, pre-clear once, write), run id TAG;</li>
 *   <li>{@code roundtrip}: write one sidecar through SidecarWriter and read it back.</li>
 * </ul>
 */
public final class PgChild {
    private PgChild() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } finally {
            Providers.closeAll();
        }
    }

    private static void run(String[] args) throws Exception {
        SidecarStore store = Providers.store();
        String root = store.defaultRoot(Env.system());
        switch (args[0]) {
            case "hold": {
                RunLock.Held held = Providers.lock().acquire(new RunRef(root, args[1]), RunLock.Mode.EXCLUSIVE,
                        Duration.ofSeconds(20));
                System.out.println("LOCKED " + ProcessHandle.current().pid());
                System.out.flush();
                Thread.sleep(60_000);
                held.close();
                break;
            }
            case "bigwrite": {
                int mib = Integer.parseInt(args[2]);
                byte[] payload = new byte[mib << 20];
                Arrays.fill(payload, (byte) 'x');
                payload[0] = '"';
                payload[payload.length - 1] = '"';
                try (WriteSession s = store.openLocation(args[1])) {
                    System.out.println("WRITING");
                    System.out.flush();
                    s.write("big-0000000000000000.ktstr.json", payload, "1");
                }
                System.out.println("DONE");
                break;
            }
            case "write": {
                int n = Integer.parseInt(args[1]);
                SidecarWriter w = SidecarWriter.builder().env(Env.of(java.util.Map.of()))
                        .meterRegistry(new SimpleMeterRegistry()).lockTimeout(Duration.ofSeconds(60)).build();
                for (int i = 0; i < n; i++) {
                    w.writeAsIs(variant("t_" + i, args[2]));
                }
                System.out.println("WROTE " + n);
                break;
            }
            case "roundtrip": {
                SidecarWriter w = SidecarWriter.builder().env(Env.of(java.util.Map.of()))
                        .meterRegistry(new SimpleMeterRegistry()).build();
                SidecarResult r = variant("t_module", "m1");
                var result = w.writeAsIs(r);
                RunCollection<SidecarResult> back = store.collect(result.runLocation(), (l, b) -> SidecarCodec.read(b));
                if (!back.values().equals(java.util.List.of(r))) {
                    throw new IllegalStateException("read back " + back);
                }
                System.out.println("OK " + store.name() + " " + Providers.lock().name() + " "
                        + store.getClass().getModule());
                break;
            }
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    static SidecarResult variant(String test, String runId) {
        return SidecarResult.testFixture().toBuilder().testName(test).scheduler("scx_child").projectCommit("abc1234")
                .kernelVersion("6.14.2").runSource("ci").timestamp("2026-01-02T03:04:05Z").runId(runId).build();
    }
}
