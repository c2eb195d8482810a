package dev.ktstr.api.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ktstr.api.codec.PythonServer;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.codec.TestFiles;
import dev.ktstr.api.schema.SidecarResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reference vectors of the variant hash (the first three are pinned by upstream's own tests). */
class VariantHashTest {

    @Test
    void pinnedFixtureHash() {
        SidecarResult s = SidecarResult.testFixture();
        assertEquals("316e316c3163317400656576646600fc004370755370696e00fefdff", hexOf(s));
        assertEquals("55f6b9881e152f8c", VariantHash.hex(VariantHash.of(s)));
        assertEquals("t-55f6b9881e152f8c.ktstr.json", SidecarNames.fileName(s));
    }

    @Test
    void pinnedPopulatedHash() {
        SidecarResult s = SidecarResult.testFixture().toBuilder().topology("1n2l4c1t").scheduler("scx-ktstr")
                .activeFlags(List.of("llc", "steal"))
                .sysctls(List.of("sysctl.kernel.sched_cfs_bandwidth_slice_us=1000"))
                .kargs(List.of("nosmt")).build();
        assertEquals("316e326c34633174007363782d6b7473747200fc004370755370696e00fe6c6c6300737465616c00fd73797363746c2e6b65726e656c2e73636865645f6366735f62616e6477696474685f736c6963655f75733d3130303000ff6e6f736d7400",
                hexOf(s));
        assertEquals("bc0f38005915a09f", VariantHash.hex(VariantHash.of(s)));
    }

    @Test
    void pinnedEmptyCollectionsHash() {
        SidecarResult s = SidecarResult.testFixture().toBuilder().workType("").build();
        assertEquals("316e316c3163317400656576646600fc0000fefdff", hexOf(s));
        assertEquals("1b61394511b42e01", VariantHash.hex(VariantHash.of(s)));
    }

    @Test
    void computedRows() {
        SidecarResult f = SidecarResult.testFixture();
        assertEquals("b23b5f566b77be31", VariantHash.hex(VariantHash.of(f.toBuilder().payload("fio").build())));
        assertEquals("713b5cf2ad712c6c", VariantHash.hex(VariantHash.of(f.toBuilder().payload("stress-ng").build())));
        // Some("") collides with None: the encoding writes nothing for either.
        assertEquals("55f6b9881e152f8c", VariantHash.hex(VariantHash.of(f.toBuilder().payload("").build())));
        List<String> flags = Flags.canonicalOrder(List.of("zzz_custom", "no-ctrl", "aaa_custom", "borrow", "llc"));
        assertEquals(List.of("llc", "borrow", "no-ctrl", "aaa_custom", "zzz_custom"), flags);
        assertEquals(0xd5719e2f32be1151L, VariantHash.compute("2n4l4c2t", "scx_mitosis", Optional.of("stress-ng"), "Bursty",
                flags, List.of("sysctl.kernel.b=2", "sysctl.kernel.a=1"), List.of("nosmt", "isolcpus=2-3")));
    }

    @Test
    void fixtureFileNamesMatchSpecAndReferenceTool(@TempDir Path dir) throws Exception {
        List<String> expected = List.of("t-55f6b9881e152f8c.ktstr.json", "steal_under_pressure-6431bd4d6fe13096.ktstr.json",
                "perf_mode_smoke-7204fd0d5b4e2cb5.ktstr.json");
        for (int i = 0; i < TestFiles.FIXTURES.size(); i++) {
            String fixture = TestFiles.FIXTURES.get(i);
            java.nio.file.Files.write(dir.resolve(fixture), TestFiles.fixture(fixture));
            Path tool = TestFiles.tool(dir, "serde_pretty.py");
            String out = TestFiles.python(dir, List.of(tool.toString(), fixture), "");
            String javaName = SidecarNames.fileName(SidecarCodec.read(TestFiles.fixture(fixture)));
            assertEquals(fixture + ": byte-identical re-emit=True; production filename=" + javaName, out.strip());
            assertEquals(expected.get(i), javaName);
        }
    }

    @Test
    void referenceToolSelfCheckPasses(@TempDir Path dir) throws Exception {
        Path tool = TestFiles.tool(dir, "siphash13.py");
        String out = TestFiles.python(dir, List.of(tool.toString()), "");
        assertEquals(3, out.lines().filter(l -> l.endsWith(" OK")).count(), out);
    }

    private static String hexOf(SidecarResult s) {
        return PythonServer.hex(VariantHash.hashInput(s.topology(), s.scheduler(), s.payload(), s.workType(),
                s.activeFlags(), s.sysctls(), s.kargs()));
    }
}
