package dev.ktstr.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ktstr.api.spi.PoolQuery;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What compare, matrix and trend let a store select before reading. */
class PoolQueryPushdownTest {

    @Test
    void bothSidesFilteringADimensionPushTheUnionOfTheirValues() {
        RowFilter a = RowFilter.none().with(Dimension.PROJECT_COMMIT, List.of("abc1234"))
                .with(Dimension.SCHEDULER, List.of("scx_a"));
        RowFilter b = RowFilter.none().with(Dimension.PROJECT_COMMIT, List.of("def5678", "abc1234"))
                .with(Dimension.SCHEDULER, List.of("scx_a"));
        PoolQuery q = Compare.poolQuery(a, b, false);
        assertEquals(Map.of("project_commit", Set.of("abc1234", "def5678"), "scheduler", Set.of("scx_a")), q.filters());
    }

    @Test
    void aDimensionOnlyOneSideFiltersIsNotPushed() {
        RowFilter a = RowFilter.none().with(Dimension.TOPOLOGY, List.of("1n1l1c1t"));
        assertEquals(PoolQuery.ALL, Compare.poolQuery(a, RowFilter.none(), false));
    }

    @Test
    void kernelFlagsAndArchivedRunSourceStayWithTheReport() {
        RowFilter f = RowFilter.none().with(Dimension.KERNEL, List.of("6.14")).with(Dimension.FLAGS, List.of("llc"))
                .with(Dimension.RUN_SOURCE, List.of("archive"));
        assertEquals(Map.of("run_source", Set.of("archive")), Compare.poolQuery(f, f, false).filters());
        assertEquals(PoolQuery.ALL, Compare.poolQuery(f, f, true), "--dir rewrites run_source after reading");
    }
}
