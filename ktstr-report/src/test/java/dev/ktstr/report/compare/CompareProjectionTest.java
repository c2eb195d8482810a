package dev.ktstr.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.report.ReportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Compare#projection} drops what a comparison never reads: over the repository's sample
 * runs (full sidecars with hosts, monitors, cgroups, verifier stats), every rendering of the
 * comparison is the same from projected records as from full ones.
 */
class CompareProjectionTest {

    /**
     * The sample runs carry no cgroups, payload metrics or schedstat deltas: graft those of the
     * upstream fixture onto each, so the projection has something to drop.
     */
    private static UnaryOperator<SidecarResult> enriched() throws IOException {
        SidecarResult heavy = SidecarCodec.read(Files.readAllBytes(
                Path.of("..", "ktstr-api", "src", "test", "resources", "fixtures", "example-full.ktstr.json")));
        return s -> s.toBuilder().metrics(heavy.metrics()).stimulusEvents(heavy.stimulusEvents())
                .kvmStats(heavy.kvmStats()).sysctls(heavy.sysctls()).kargs(heavy.kargs())
                .stats(s.stats().toBuilder().cgroups(heavy.stats().cgroups()).build())
                .monitor(s.monitor().map(m -> m.toBuilder().schedstatDeltas(heavy.monitor().orElseThrow().schedstatDeltas())
                        .progStatsDeltas(heavy.monitor().orElseThrow().progStatsDeltas()).build()))
                .build();
    }

    private static List<PooledSidecar> examples(UnaryOperator<SidecarResult> f) throws IOException {
        Path runs = Path.of("..", "examples", "runs");
        List<PooledSidecar> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(runs, 3)) {
            for (Path p : files.filter(x -> x.toString().endsWith(".ktstr.json")).sorted().toList()) {
                SidecarResult s = SidecarCodec.read(Files.readAllBytes(p));
                out.add(new PooledSidecar(p.getParent().getFileName().toString(), p.toString(), f.apply(s)));
            }
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"true,false", "false,false", "true,true", "false,true"})
    void projectedPoolComparesLikeTheFullPool(boolean average, boolean archive) throws IOException {
        UnaryOperator<SidecarResult> enrich = enriched();
        List<PooledSidecar> full = examples(enrich);
        List<PooledSidecar> projected = examples(s -> Compare.projection(enrich.apply(s)));
        assertTrue(full.size() >= 10, "sample runs missing: " + full.size());
        assertTrue(full.stream().anyMatch(p -> !p.sidecar().verifierStats().isEmpty())
                && full.stream().allMatch(p -> !p.sidecar().metrics().isEmpty() && p.sidecar().host().isPresent()
                        && !p.sidecar().stats().cgroups().isEmpty()),
                "the pool no longer carries the parts the projection drops");
        assertTrue(projected.stream().allMatch(p -> p.sidecar().verifierStats().isEmpty()
                && p.sidecar().stats().cgroups().isEmpty() && p.sidecar().host().isPresent()));
        RowFilter a = RowFilter.none().with(Dimension.PROJECT_COMMIT, List.of("abc1234"));
        RowFilter b = RowFilter.none().with(Dimension.PROJECT_COMMIT, List.of("def5678"));
        CompareOptions options = CompareOptions.defaults().withAverage(average).withArchiveOverride(archive);
        String fromFull = outcome(full, a, b, options);
        assertEquals(fromFull, outcome(projected, a, b, options));
        assertTrue(fromFull.contains(average ? "REGRESSION" : "same pairing key"), fromFull);
    }

    /** Every rendering of the comparison, or its error (without averaging, the sample runs have repeats). */
    private static String outcome(List<PooledSidecar> pool, RowFilter a, RowFilter b, CompareOptions options) {
        try {
            CompareResult r = Compare.run(pool, a, b, options);
            return CompareText.render(r, false, true) + CompareJson.render(r, true) + "exit " + r.exitCode();
        } catch (ReportException e) {
            return "error: " + e.getMessage();
        }
    }
}
