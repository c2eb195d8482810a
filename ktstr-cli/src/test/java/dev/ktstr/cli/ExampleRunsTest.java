package dev.ktstr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.report.compare.Compare;
import dev.ktstr.report.compare.CompareOptions;
import dev.ktstr.report.compare.CompareResult;
import dev.ktstr.report.compare.Dimension;
import dev.ktstr.report.compare.Finding;
import dev.ktstr.report.compare.PooledSidecar;
import dev.ktstr.report.compare.RowFilter;
import dev.ktstr.report.compare.Significance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed {@code examples/runs} tree is what {@link ExampleRuns} generates, byte for byte. */
class ExampleRunsTest {
    static final Path ROOT = Path.of("..", "examples", "runs");

    @Test
    void committedFilesAreTheGeneratedOnes() throws IOException {
        if (System.getenv("KTSTR_WRITE_EXAMPLES") != null) {
            ExampleRuns.write(ROOT);
        }
        Map<String, byte[]> expected = ExampleRuns.files();
        List<String> actual;
        try (Stream<Path> s = Files.walk(ROOT)) {
            actual = s.filter(Files::isRegularFile).map(p -> ROOT.relativize(p).toString()).sorted()
                    .collect(Collectors.toList());
        }
        assertEquals(new ArrayList<>(expected.keySet()), actual,
                "examples/runs differs from ExampleRuns; regenerate it (see ExampleRuns javadoc)");
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(ROOT.resolve(e.getKey())), e.getKey());
        }
    }

    @Test
    void compareByProjectCommitFindsExactlyOneSignificantRegression() throws IOException {
        List<PooledSidecar> pool = new ArrayList<>();
        try (Stream<Path> s = Files.walk(ROOT)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                pool.add(new PooledSidecar(ROOT.relativize(f).getName(0).toString(), f.toString(),
                        SidecarCodec.read(Files.readAllBytes(f))));
            }
        }
        CompareResult r = Compare.run(pool,
                RowFilter.none().with(Dimension.PROJECT_COMMIT, List.of(ExampleRuns.COMMIT_A)),
                RowFilter.none().with(Dimension.PROJECT_COMMIT, List.of(ExampleRuns.COMMIT_B)),
                CompareOptions.defaults().withArchiveOverride(true));
        assertEquals(1, r.regressions());
        Finding regression = r.findings().stream().filter(Finding::isRegression).findFirst().orElseThrow();
        assertEquals(ExampleRuns.REGRESSED_TEST, regression.key().get(0));
        assertEquals(ExampleRuns.REGRESSED_METRIC, regression.comparison().metric().name());
        assertEquals(Significance.State.SIGNIFICANT, regression.comparison().significance().state());
        assertEquals(1, r.improvements());
        assertEquals(1, r.skippedFailed(), "host_gate is a skip sidecar on both sides");
        assertEquals(0, r.newInB().size() + r.removedFromA().size());
        assertEquals(1, r.exitCode());
    }

    @Test
    void twoRunsOfTwelveCanonicalSidecars() throws IOException {
        for (String run : List.of("6.14.2-abc1234", "6.14.2-def5678")) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(ROOT.resolve(run))) {
                files = s.filter(Files::isRegularFile).collect(Collectors.toList());
            }
            assertEquals(12, files.size(), run);
            for (Path f : files) {
                byte[] bytes = Files.readAllBytes(f);
                SidecarResult r = SidecarCodec.read(bytes);
                assertEquals(SidecarNames.fileName(r), f.getFileName().toString());
                assertTrue(Arrays.equals(bytes, SidecarCodec.write(r)), f + " is not byte-canonical");
                assertEquals(run, r.kernelVersion().orElseThrow() + "-" + r.projectCommit().orElseThrow());
            }
        }
    }
}
