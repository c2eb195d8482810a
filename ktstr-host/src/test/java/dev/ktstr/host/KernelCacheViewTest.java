package dev.ktstr.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.KtstrException;
import dev.ktstr.api.kernel.KernelCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel cache reads that moved out of the API (root, metadata, lookup, list, tarball keys). */
class KernelCacheViewTest {

    @TempDir
    Path tmp;

    @Test
    void rootPrecedence() {
        assertEquals(Path.of("/c"), KernelCacheView.root(Env.of(Map.of("KTSTR_CACHE_DIR", "/c", "XDG_CACHE_HOME", "/x",
                "HOME", "/h"))));
        assertEquals(Path.of("/x/ktstr/kernels"), KernelCacheView.root(Env.of(Map.of("KTSTR_CACHE_DIR", "",
                "XDG_CACHE_HOME", "/x", "HOME", "/h"))));
        assertEquals(Path.of("/h/.cache/ktstr/kernels"), KernelCacheView.root(Env.of(Map.of("XDG_CACHE_HOME", "",
                "HOME", "/h"))));
        assertEquals(Path.of("rel"), KernelCacheView.root(Env.of(Map.of("KTSTR_CACHE_DIR", "rel"))), "verbatim");
    }

    @Test
    void rootRefusesUnusableHome() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("HOME", ""), Map.of("HOME", "/"),
                Map.of("HOME", "relative/home"))) {
            KtstrException e = assertThrows(KtstrException.class, () -> KernelCacheView.root(Env.of(env)), env::toString);
            assertTrue(e.getMessage().contains("KTSTR_CACHE_DIR"), e.getMessage());
        }
    }

    @Test
    void readMetadataNeverThrows() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("e"));
        assertEquals(Optional.empty(), KernelCacheView.readMetadata(dir));
        Files.write(dir.resolve("metadata.json"), new byte[] {'{', (byte) 0xff, '}'});
        assertEquals(Optional.empty(), KernelCacheView.readMetadata(dir), "invalid UTF-8");
        Files.createDirectories(tmp.resolve("d/metadata.json"));
        assertEquals(Optional.empty(), KernelCacheView.readMetadata(tmp.resolve("d")), "a directory, not a file");
    }

    @Test
    void lookupNeedsValidKeyDirectoryMetadataAndImage() throws IOException {
        KernelCacheView cache = KernelCacheView.at(tmp);
        Meta.tarball("6.14.2").writeEntry(tmp.resolve("good"));
        Path noImage = Meta.tarball("6.14.2").writeEntry(tmp.resolve("no-image"));
        Files.delete(noImage.resolve("bzImage"));
        Files.createDirectories(tmp.resolve("no-meta"));
        Files.createDirectories(tmp.resolve("bad-meta"));
        Files.writeString(tmp.resolve("bad-meta/metadata.json"), "{");
        Files.writeString(tmp.resolve("file-entry"), "x");

        assertEquals(Optional.of("6.14.2"), cache.lookup("good").flatMap(e -> e.metadata().version()));
        assertEquals(tmp.resolve("good"), cache.lookup("good").orElseThrow().dir());
        for (String key : List.of("no-image", "no-meta", "bad-meta", "file-entry", "missing", "", " ", ".", "..",
                "a/b", "a\\b", "a..b", ".tmp-good", "nul\0")) {
            assertEquals(Optional.empty(), cache.lookup(key), key);
        }
    }

    @Test
    void listSkipsDotNamesAndCorruptEntriesNewestFirst() throws IOException {
        Meta.tarball("6.1").set("built_at", "\"2026-01-01T00:00:00Z\"").writeEntry(tmp.resolve("old"));
        Meta.tarball("6.2").set("built_at", "\"2026-03-01T00:00:00Z\"").writeEntry(tmp.resolve("new"));
        Meta.tarball("6.3").set("built_at", "\"2026-02-01T00:00:00Z\"").writeEntry(tmp.resolve("mid"));
        Meta.tarball("6.4").set("built_at", "\"2027-01-01T00:00:00Z\"").writeEntry(tmp.resolve(".tmp-x-1"));
        Meta.tarball("6.4").set("built_at", "\"2027-01-01T00:00:00Z\"").writeEntry(tmp.resolve(".locks"));
        Files.createDirectories(tmp.resolve("corrupt"));
        List<String> keys = KernelCacheView.at(tmp).list().stream().map(KernelCache.Entry::key).collect(Collectors.toList());
        assertEquals(List.of("new", "mid", "old"), keys);
        assertEquals(List.of(), KernelCacheView.at(tmp.resolve("missing-root")).list());
    }

    @Test
    void tarballEntriesAcceptAnyWellFormedKconfigSuffix() throws IOException {
        String arch = KernelCache.hostArch();
        Meta.tarball("6.14.2").writeEntry(tmp.resolve("6.14.2-tarball-" + arch + "-kcc0bd848c"));
        Meta.tarball("6.14.2").writeEntry(tmp.resolve("6.14.2-tarball-" + arch + "-kc0123abcd"));
        Meta.tarball("6.14.2").writeEntry(tmp.resolve("6.14.2-tarball-" + arch + "-kcXYZ"));
        Meta.tarball("6.14.2").writeEntry(tmp.resolve("6.14.2-tarball-" + arch + "-kc0123abcd-xkc11111111"));
        Meta.tarball("6.14.20").writeEntry(tmp.resolve("6.14.20-tarball-" + arch + "-kc0123abcd"));
        assertEquals(2, KernelCacheView.at(tmp).tarballEntries("6.14.2", arch).size());
    }
}
