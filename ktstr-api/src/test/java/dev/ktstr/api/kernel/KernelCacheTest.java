package dev.ktstr.api.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.KtstrException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@SuppressWarnings("removal") // the deprecated reads stay tested until they are removed
class KernelCacheTest {

    @Test
    void parsesTheSpecExample() {
        KernelMetadata m = KernelCache.parseMetadata(Meta.local(null, "/home/user/linux").json());
        assertEquals(Optional.empty(), m.version());
        KernelMetadata.LocalSource src = assertInstanceOf(KernelMetadata.LocalSource.class, m.source());
        assertEquals(Optional.of(Path.of("/home/user/linux")), src.sourceTreePath());
        assertEquals(Optional.of("deadbee"), src.gitHash());
        assertEquals("x86_64", m.arch());
        assertEquals("bzImage", m.imageName());
        assertEquals("2026-04-26T12:00:00Z", m.builtAt());
        assertEquals(Optional.of("5e6f7a8b"), m.ktstrKconfigHash());
        assertTrue(m.hasVmlinux());
        assertEquals(412345678L, m.sourceVmlinuxSize().getAsLong());
        assertEquals(1745668800L, m.sourceVmlinuxMtimeSecs().getAsLong());

        KernelMetadata t = KernelCache.parseMetadata(Meta.tarball("6.14.2").json());
        assertEquals(Optional.of("6.14.2"), t.version());
        assertEquals("tarball", t.source().type());
        assertFalse(t.sourceVmlinuxSize().isPresent());
        KernelMetadata.GitSource g = assertInstanceOf(KernelMetadata.GitSource.class,
                KernelCache.parseMetadata(Meta.git("6.15-rc3").json()).source());
        assertEquals(Optional.of("main"), g.ref());
    }

    @Test
    void optionalKeysMayBeAbsentAndUnknownKeysAreIgnored() {
        String json = Meta.tarball("6.1").without("version").without("config_hash").without("ktstr_kconfig_hash")
                .without("source_vmlinux_size").without("source_vmlinux_mtime_secs")
                .set("source", "{\"type\": \"local\", \"extra\": [1, {\"a\": 2}]}")
                .set("future_field", "{\"nested\": [true]}").json();
        KernelMetadata m = KernelCache.parseMetadata(json);
        assertEquals(Optional.empty(), m.version());
        assertEquals(Optional.empty(), m.localSourceTree());
        KernelMetadata.LocalSource src = assertInstanceOf(KernelMetadata.LocalSource.class, m.source());
        assertEquals(Optional.empty(), src.gitHash());
    }

    @Test
    void everyRequiredKeyIsRequired() {
        for (String key : List.of("source", "arch", "image_name", "built_at", "has_vmlinux", "vmlinux_stripped")) {
            KtstrException e = assertThrows(KtstrException.class,
                    () -> KernelCache.parseMetadata(Meta.tarball("6.1").without(key).json()), key);
            assertTrue(e.getMessage().startsWith("metadata.json schema drift") && e.getMessage().contains(key),
                    e.getMessage());
        }
    }

    @Test
    void wrongShapesAreRejected() {
        List<Meta> bad = List.of(
                Meta.tarball("6.1").set("version", "6"),
                Meta.tarball("6.1").set("arch", "null"),
                Meta.tarball("6.1").set("has_vmlinux", "\"true\""),
                Meta.tarball("6.1").set("has_vmlinux", "1"),
                Meta.tarball("6.1").set("source", "\"tarball\""),
                Meta.tarball("6.1").set("source", "{\"type\": \"svn\"}"),
                Meta.tarball("6.1").set("source", "{\"git_hash\": null}"),
                Meta.tarball("6.1").set("source_vmlinux_size", "-1"),
                Meta.tarball("6.1").set("source_vmlinux_size", "18446744073709551616"),
                Meta.tarball("6.1").set("source_vmlinux_size", "1.5"),
                Meta.tarball("6.1").set("source_vmlinux_mtime_secs", "9223372036854775808"));
        for (Meta m : bad) {
            KtstrException e = assertThrows(KtstrException.class, () -> KernelCache.parseMetadata(m.json()), m.json());
            assertTrue(e.getMessage().startsWith("metadata.json schema drift"), e.getMessage());
        }
        assertEquals(-1L, KernelCache.parseMetadata(Meta.tarball("6.1").set("source_vmlinux_size",
                "18446744073709551615").json()).sourceVmlinuxSize().getAsLong(), "u64 max fits");
    }

    @Test
    void syntaxErrorsTruncationDuplicatesAndTrailingText() {
        String good = Meta.tarball("6.1").json();
        assertTrue(KernelCache.parseMetadata(good + "\n \t").version().isPresent(), "trailing whitespace is fine");
        assertMessage("metadata.json truncated", good.substring(0, good.length() / 2));
        assertMessage("metadata.json truncated", "");
        assertMessage("metadata.json malformed", good + "x");
        assertMessage("metadata.json malformed", good + "{}");
        assertMessage("metadata.json malformed", "{'version': null}");
        assertMessage("metadata.json schema drift", good.replace("\"arch\": \"x86_64\"",
                "\"arch\": \"x86_64\", \"arch\": \"aarch64\""));
        assertMessage("metadata.json schema drift", "[]");
        assertMessage("metadata.json schema drift", "{\"not_kernel_metadata\": true}");
    }

    private static void assertMessage(String prefix, String json) {
        KtstrException e = assertThrows(KtstrException.class, () -> KernelCache.parseMetadata(json), json);
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage() + " for " + json);
    }

    @Test
    void hostArchUsesRustNames() {
        String a = KernelCache.hostArch();
        assertFalse(a.equals("amd64") || a.equals("arm64"), a);
    }
}
