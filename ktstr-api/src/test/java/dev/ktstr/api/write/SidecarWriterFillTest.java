package dev.ktstr.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.schema.HostContext;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.CommitProbe;
import dev.ktstr.api.spi.HostProbe;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code fill} derives what upstream's writer derives and never keeps the draft's identity. */
class SidecarWriterFillTest {

    /** Finds nothing: outside any repository. */
    private static final CommitProbe NO_GIT = new CommitProbe() {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public Optional<String> projectCommit(Path start) {
            return Optional.empty();
        }

        @Override
        public Optional<String> kernelCommit(Path kernelDir) {
            return Optional.of("never-asked");
        }
    };

    /** A host with one known field and no kernel. */
    private static final class FixedHost implements HostProbe {
        final HostContext ctx;
        final Optional<String> kernel;
        final Env[] seen = new Env[1];

        FixedHost(HostContext ctx, Optional<String> kernel) {
            this.ctx = ctx;
            this.kernel = kernel;
        }

        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public HostContext hostContext() {
            return ctx;
        }

        @Override
        public Optional<String> kernelVersion(Env env) {
            seen[0] = env;
            return kernel;
        }

        @Override
        public Optional<Path> kernelSourceDir(Env env) {
            return Optional.empty();
        }
    }

    private static SidecarResult draft() {
        return SidecarResult.builder().testName("t").topology("1n1l1c1t").scheduler("eevdf").workType("CpuSpin")
                .projectCommit("3f9c2ab-dirty").kernelVersion("6.14.2").kernelCommit("abcdef0")
                .runSource("ci").host(Optional.of(HostContext.builder().arch("from-the-draft").build()))
                .activeFlags(List.of("steal", "llc")).build();
    }

    @Test
    void probesThatFindNothingGiveNullNeverTheDraftsValues() {
        HostContext now = HostContext.builder().arch("x86_64").onlineCpus(4L).build();
        Env env = Env.of(Map.of());
        FixedHost host = new FixedHost(now, Optional.empty());
        SidecarWriter w = SidecarWriter.builder().env(env).probe(NO_GIT).host(host)
                .runIds(new RunIds(Clock.systemUTC())).build();
        SidecarResult r = w.fill(draft());
        assertEquals(Optional.empty(), r.projectCommit());
        assertEquals(Optional.empty(), r.kernelVersion());
        assertEquals(Optional.empty(), r.kernelCommit());
        assertEquals(Optional.of(now), r.host(), "host collected now, not the draft's");
        assertEquals("local", r.runSource().orElseThrow());
        assertEquals(List.of("llc", "steal"), r.activeFlags());
        assertTrue(host.seen[0] == env, "the host probe reads the writer's environment");
        assertEquals("unknown-unknown", new dev.ktstr.api.layout.RunKey(r.kernelVersion().orElse(""),
                r.projectCommit().orElse("")).dirName());
    }

    @Test
    void theHostProbesKernelIsRecorded() {
        SidecarWriter w = SidecarWriter.builder().env(Env.of(Map.of())).probe(NO_GIT)
                .host(new FixedHost(HostContext.builder().build(), Optional.of("6.15.0")))
                .runIds(new RunIds(Clock.systemUTC())).build();
        assertEquals(Optional.of("6.15.0"), w.fill(draft()).kernelVersion());
    }
}
