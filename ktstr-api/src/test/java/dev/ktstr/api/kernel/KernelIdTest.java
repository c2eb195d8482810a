package dev.ktstr.api.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.env.Env;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code KTSTR_KERNEL} parsing, with the examples upstream documents for it. */
class KernelIdTest {

    @Test
    void gitSplitsAtTheLastHashAndWinsOverPath() {
        assertEquals(new KernelId.Git("https://x#frag", "main"), KernelId.parse("git+https://x#frag#main"));
        assertEquals(new KernelId.Git("/local/repo", "v1"), KernelId.parse("git+/local/repo#v1"));
    }

    @Test
    void gitWithAnEmptyPartFallsThrough() {
        assertEquals(new KernelId.Directory("git+https://e.com/r.git#"), KernelId.parse("git+https://e.com/r.git#"));
        assertEquals(new KernelId.CacheKey("git+#main"), KernelId.parse("git+#main"));
    }

    @Test
    void rangesNeedTwoVersionShapedEnds() {
        assertEquals(new KernelId.Range("6.10", "6.10-rc3"), KernelId.parse("6.10..6.10-rc3"));
        assertEquals(new KernelId.Range("6.1.2", "6.12"), KernelId.parse("6.1.2..6.12"));
        assertEquals(new KernelId.CacheKey("foo..bar"), KernelId.parse("foo..bar"));
        assertEquals(new KernelId.CacheKey("6.10..foo"), KernelId.parse("6.10..foo"));
        assertEquals(new KernelId.CacheKey("6.10.."), KernelId.parse("6.10.."));
    }

    @Test
    void pathsAreKeptVerbatim() {
        assertEquals(new KernelId.Directory("../linux"), KernelId.parse("../linux"));
        assertEquals(new KernelId.Directory("."), KernelId.parse("."));
        assertEquals(new KernelId.Directory("~/linux"), KernelId.parse("~/linux"));
        assertEquals(new KernelId.Directory("/srv/linux"), KernelId.parse("/srv/linux"));
    }

    @Test
    void versionsAndCacheKeys() {
        for (String v : new String[] {"6.14", "6.14.2", "6.15-rc3", "6.14.2-rc10"}) {
            assertEquals(new KernelId.Version(v), KernelId.parse(v), v);
        }
        for (String k : new String[] {"6.14.2-tarball-x86_64-kcc0bd848c", "v6.14", "6", "6.1.2.3", "6.14-rc",
                "6.14-rc1x", "6.x", ""}) {
            assertEquals(new KernelId.CacheKey(k), KernelId.parse(k), k);
        }
        assertTrue(KernelId.isVersion("10.0"));
        assertFalse(KernelId.isVersion("6..1"));
        assertFalse(KernelId.isVersion("６.1"), "non-ASCII digits are not digits");
    }

    @Test
    void envValueIsTrimmedAndEmptyMeansUnset() {
        assertEquals(Optional.empty(), KernelId.fromEnv(Env.of(Map.of())));
        assertEquals(Optional.empty(), KernelId.fromEnv(Env.of(Map.of("KTSTR_KERNEL", ""))));
        assertEquals(Optional.empty(), KernelId.fromEnv(Env.of(Map.of("KTSTR_KERNEL", "   \t\n  "))));
        assertEquals(Optional.of(new KernelId.Directory("../linux")),
                KernelId.fromEnv(Env.of(Map.of("KTSTR_KERNEL", "  ../linux  "))));
        assertEquals(Optional.of(new KernelId.Version("6.14")),
                KernelId.fromEnv(Env.of(Map.of("KTSTR_KERNEL", "\u00a06.14\u3000"))), "Unicode White_Space trimmed");
    }
}
