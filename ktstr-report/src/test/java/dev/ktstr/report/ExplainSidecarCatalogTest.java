package dev.ktstr.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.schema.HostContext;
import dev.ktstr.api.schema.SchemaField;
import dev.ktstr.api.schema.SidecarResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainSidecarCatalogTest {
    /** The catalog explains exactly the schema's optional top-level fields, in declaration order. */
    @Test
    void catalogCoversTheOptionalFieldsOfTheSchema() {
        List<String> optional = SidecarResult.fields().stream().filter(SchemaField::optionalOnRead)
                .map(SchemaField::key).toList();
        assertEquals(optional, ExplainSidecar.catalog().stream().map(ExplainSidecar.CatalogEntry::field).toList());
    }

    /** Presence comes from the schema's accessors: absent in the fixture, present once set. */
    @Test
    void presenceFollowsEachField() {
        SidecarResult empty = SidecarResult.testFixture();
        SidecarResult full = empty.toBuilder().schedulerCommit("s").projectCommit("p").payload("x")
                .monitor(dev.ktstr.api.schema.MonitorSummary.builder().build())
                .kvmStats(dev.ktstr.api.schema.KvmStatsTotals.builder().build()).kernelVersion("6.14")
                .kernelCommit("k").host(HostContext.builder().build()).cleanupDurationMs(0L).runSource("ci").build();
        for (ExplainSidecar.CatalogEntry e : ExplainSidecar.catalog()) {
            assertFalse(e.populated().test(empty), e.field());
            assertTrue(e.populated().test(full), e.field());
        }
    }
}
