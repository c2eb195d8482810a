package com.example.embedder;

import dev.ktstr.api.Providers;
import dev.ktstr.api.Selection;
import dev.ktstr.api.Spi;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.read.SidecarReader;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.KtstrProvider;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.api.store.StoredSidecar;
import dev.ktstr.api.write.SidecarWriter;
import dev.ktstr.api.write.WriteResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An application embedding ktstr-java the way docs/EMBEDDING.md describes: it writes three
 * sidecars on the default path (the providers' run lock, the run {@code {kernel}-{project commit}}
 * under the store's default root, the record filled by the commit and host probes) and reads
 * them back.
 * Everything comes from {@link Providers}: which store, lock and probe is the environment's
 * business ({@code KTSTR_STORE}, {@code KTSTR_PG_URL}, {@code CARGO_TARGET_DIR}, {@code KTSTR_KERNEL}).
 *
 * <p>Prints one {@code key: value} line per fact on standard output; exits 1, with the reason on
 * standard error, when what was read back is not what was written.
 */
public final class Embedder {

    static final List<String> TESTS = List.of("embed_alpha", "embed_beta", "embed_gamma");

    private Embedder() {
    }

    public static void main(String[] args) throws Exception {
        int exit;
        try {
            exit = run();
        } finally {
            Providers.closeAll();
        }
        System.out.println("closed: yes");
        System.exit(exit);
    }

    private static int run() throws Exception {
        // The writer's defaults are these same process-wide instances.
        describe("store", Providers.selected(Spi.STORE));
        describe("lock", Providers.selected(Spi.LOCK));
        describe("probe", Providers.selected(Spi.PROBE));
        describe("host", Providers.selected(Spi.HOST));

        SidecarWriter writer = SidecarWriter.builder().build();
        Map<String, SidecarResult> written = new LinkedHashMap<>();
        String runLocation = null;
        for (String test : TESTS) {
            SidecarResult draft = SidecarResult.builder()
                    .testName(test)
                    .topology("1n2l4c2t")
                    .scheduler("scx_embedder")
                    .workType("CpuSpin")
                    .activeFlags(List.of("llc", "borrow"))
                    .passed(!test.equals("embed_beta"))
                    .build();
            WriteResult r = writer.write(draft);
            if (!r.defaultPath()) {
                System.err.println("error: " + test + " was written on the KTSTR_SIDECAR_DIR override, not the default path");
                return 1;
            }
            if (runLocation != null && !runLocation.equals(r.runLocation())) {
                System.err.println("error: one run expected, got " + runLocation + " and " + r.runLocation());
                return 1;
            }
            runLocation = r.runLocation();
            written.put(r.location(), r.written());
            System.out.println("wrote: " + r.location());
        }
        SidecarResult first = written.values().iterator().next();
        System.out.println("project_commit: " + first.projectCommit().orElse(""));
        System.out.println("kernel_version: " + first.kernelVersion().orElse(""));
        System.out.println("host_context: " + (first.host().isPresent() ? "present" : "absent"));
        System.out.println("run: " + runLocation);
        System.out.println("written: " + written.size());

        SidecarReader reader = SidecarReader.builder().build();
        System.out.println("root: " + reader.defaultRunsRoot());
        RunCollection<SidecarResult> run = reader.collect(runLocation);
        int identical = 0;
        List<String> differing = new ArrayList<>();
        for (StoredSidecar<SidecarResult> s : run.sidecars()) {
            SidecarResult w = written.get(s.location());
            if (w != null && Arrays.equals(SidecarCodec.write(w), SidecarCodec.write(s.sidecar()))) {
                identical++;
            } else {
                differing.add(s.location());
            }
        }
        System.out.println("read: " + run.sidecars().size());
        System.out.println("identical: " + identical);
        System.out.println("problems: " + (run.parseErrors().size() + run.ioErrors().size() + run.problems().size()));

        PoolCollection<SidecarResult> pool = reader.poolDefault();
        System.out.println("pool: " + pool.runs().size() + " run(s), " + pool.sidecars().size() + " sidecar(s), "
                + pool.allProblems().size() + " problem(s)");
        List<RunInfo> runs = reader.listRuns();
        System.out.println("runs: " + runs.stream().map(RunInfo::name).collect(Collectors.joining(" ")));

        if (identical != written.size() || run.walked() != written.size() || !differing.isEmpty()) {
            System.err.println("error: wrote " + written.keySet() + ", read back " + run.sidecars().size()
                    + " of which these differ or were never written: " + differing + "; problems: "
                    + run.parseErrors() + " " + run.ioErrors() + " " + run.problems());
            return 1;
        }
        return 0;
    }

    /** {@code spi: name module (reason)}: which provider was chosen, from which module, and why. */
    private static void describe(String spi, Selection<? extends KtstrProvider> s) {
        KtstrProvider p = s.provider();
        System.out.println(spi + ": " + p.name() + " " + p.getClass().getModule().getName() + " (" + s.reason() + ")");
    }
}
