package dev.ktstr.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.kernel.KernelCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kernel_version} and the kernel source directory (as upstream resolves them from {@code KTSTR_KERNEL}). */
class KernelIdentitiesTest {

    @TempDir
    Path tmp;

    private static Env env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Env.of(m);
    }

    private Env kernel(Object value) {
        return env("KTSTR_KERNEL", value.toString(), "KTSTR_CACHE_DIR", tmp.resolve("cache").toString());
    }

    private Path release(Path dir, String text) throws IOException {
        Path f = dir.resolve("include/config/kernel.release");
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return dir;
    }

    // ---- detectVersion

    @Test
    void versionUnsetIsEmpty() {
        assertEquals(Optional.empty(), KernelIdentities.detectVersion(env()));
        assertEquals(Optional.empty(), KernelIdentities.detectVersion(env("KTSTR_KERNEL", "  ")));
    }

    @Test
    void versionKindIsItselfWithoutACache() {
        assertEquals(Optional.of("6.14.2"), KernelIdentities.detectVersion(env("KTSTR_KERNEL", " 6.14.2 ")));
        assertEquals(Optional.of("6.15-rc3"), KernelIdentities.detectVersion(env("KTSTR_KERNEL", "6.15-rc3")));
    }

    @Test
    void directoryReadsMetadataVersion() throws IOException {
        Path dir = release(Meta.tarball("6.14.2").writeEntry(tmp.resolve("entry")), "9.9.9\n");
        assertEquals(Optional.of("6.14.2"), KernelIdentities.detectVersion(kernel(dir)));
    }

    @Test
    void directoryWithNullMetadataVersionIsEmptyEvenWithKernelRelease() throws IOException {
        // Upstream's code (not its documentation): parsed metadata wins, even with version null.
        Path dir = release(Meta.local(null, "/src").writeEntry(tmp.resolve("local")), "6.14.2\n");
        assertEquals(Optional.empty(), KernelIdentities.detectVersion(kernel(dir)));
    }

    @Test
    void directoryFallsBackToKernelReleaseTrimmed() throws IOException {
        Path dir = release(Files.createDirectories(tmp.resolve("tree")), "  6.14.2-custom+ \n");
        assertEquals(Optional.of("6.14.2-custom+"), KernelIdentities.detectVersion(kernel(dir)));
    }

    @Test
    void malformedOrPartialMetadataFallsBackToKernelRelease() throws IOException {
        String[] bad = {"{", "", "{\"version\": \"6.1\"}", Meta.tarball("6.1").without("built_at").json(),
            Meta.tarball("6.1").set("source", "{\"type\": \"zip\"}").json(), Meta.tarball("6.1").json() + "garbage"};
        for (int i = 0; i < bad.length; i++) {
            Path dir = release(Files.createDirectories(tmp.resolve("bad" + i)), "6.14.2\n");
            Files.writeString(dir.resolve("metadata.json"), bad[i]);
            assertEquals(Optional.of("6.14.2"), KernelIdentities.detectVersion(kernel(dir)), bad[i]);
        }
    }

    @Test
    void directoryWithNothingUsableIsEmpty() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(Optional.empty(), KernelIdentities.detectVersion(kernel(empty)));
        Path blank = release(Files.createDirectories(tmp.resolve("blank")), " \n\n");
        assertEquals(Optional.empty(), KernelIdentities.detectVersion(kernel(blank)));
        assertEquals(Optional.empty(), KernelIdentities.detectVersion(kernel(tmp.resolve("does/not/exist"))));
    }

    @Test
    void cacheKeyReadsTheEntryVersion() throws IOException {
        Meta.tarball("6.14.2").writeEntry(tmp.resolve("cache/my-key"));
        assertEquals(Optional.of("6.14.2"), KernelIdentities.detectVersion(kernel("my-key")));
        assertEquals(Optional.empty(), KernelIdentities.detectVersion(kernel("other-key")));
        Files.delete(tmp.resolve("cache/my-key/bzImage"));
        assertEquals(Optional.empty(), KernelIdentities.detectVersion(kernel("my-key")), "entry without its image");
    }

    @Test
    void cacheKeyFindsTheCacheThroughXdgAndHome() throws IOException {
        Meta.tarball("6.1.1").writeEntry(tmp.resolve("xdg/ktstr/kernels/k1"));
        Meta.tarball("6.1.2").writeEntry(tmp.resolve("home/.cache/ktstr/kernels/k1"));
        assertEquals(Optional.of("6.1.1"), KernelIdentities.detectVersion(env("KTSTR_KERNEL", "k1",
                "XDG_CACHE_HOME", tmp.resolve("xdg").toString(), "HOME", tmp.resolve("home").toString())));
        assertEquals(Optional.of("6.1.2"), KernelIdentities.detectVersion(env("KTSTR_KERNEL", "k1",
                "XDG_CACHE_HOME", "", "HOME", tmp.resolve("home").toString())));
        assertEquals(Optional.empty(), KernelIdentities.detectVersion(env("KTSTR_KERNEL", "k1", "HOME", "/")),
                "no cache root is empty, not an error");
    }

    @Test
    void rangeAndGitAreEmpty() {
        assertEquals(Optional.empty(), KernelIdentities.detectVersion(kernel("6.10..6.12")));
        assertEquals(Optional.empty(), KernelIdentities.detectVersion(kernel("git+https://x/linux#v6.1")));
        assertEquals(Optional.empty(), KernelIdentities.resolveSourceDir(kernel("6.10..6.12")));
        assertEquals(Optional.empty(), KernelIdentities.resolveSourceDir(kernel("git+https://x/linux#v6.1")));
    }

    // ---- resolveSourceDir, directory kind

    @Test
    void directoryWithLocalMetadataResolvesToItsSourceTree() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("linux"));
        Path entry = Meta.local(null, src.toString()).writeEntry(tmp.resolve("entry"));
        assertEquals(Optional.of(src), KernelIdentities.resolveSourceDir(kernel(entry)));
    }

    @Test
    void directoryWithoutMetadataIsItself() throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        assertEquals(Optional.of(tree), KernelIdentities.resolveSourceDir(kernel(tree)));
        Files.writeString(tree.resolve("metadata.json"), "{\"truncated\": ");
        assertEquals(Optional.of(tree), KernelIdentities.resolveSourceDir(kernel(tree)), "bad metadata");
    }

    @Test
    void directoryWithNonLocalMetadataIsItself() throws IOException {
        Path tar = Meta.tarball("6.1").writeEntry(tmp.resolve("tar"));
        Path git = Meta.git("6.1").writeEntry(tmp.resolve("git"));
        Path noPath = Meta.local("6.1", null).writeEntry(tmp.resolve("nopath"));
        assertEquals(Optional.of(tar), KernelIdentities.resolveSourceDir(kernel(tar)));
        assertEquals(Optional.of(git), KernelIdentities.resolveSourceDir(kernel(git)));
        assertEquals(Optional.of(noPath), KernelIdentities.resolveSourceDir(kernel(noPath)));
    }

    // ---- resolveSourceDir, cache kinds

    private Path cache() {
        return tmp.resolve("cache");
    }

    private String tarballKey(String v) {
        return v + "-tarball-" + KernelCache.hostArch() + "-kcc0bd848c";
    }

    @Test
    void versionHitsTheTarballKeyOnALocalEntry() throws IOException {
        Meta.local("6.99.0", "/src/from-tarball-key").writeEntry(cache().resolve(tarballKey("6.14.2")));
        Meta.local("6.14.2", "/src/from-scan").set("built_at", "\"2030-01-01T00:00:00Z\"")
                .writeEntry(cache().resolve("local-abc1234-x86_64-kc1"));
        assertEquals(Optional.of(Path.of("/src/from-tarball-key")), KernelIdentities.resolveSourceDir(kernel("6.14.2")));
    }

    @Test
    void versionScanFindsALocalEntry() throws IOException {
        Meta.local("6.14.2", "/src/linux").writeEntry(cache().resolve("local-abc1234-x86_64-kc1"));
        assertEquals(Optional.of(Path.of("/src/linux")), KernelIdentities.resolveSourceDir(kernel("6.14.2")));
    }

    @Test
    void versionScanSkipsNonLocalEntriesAndOtherVersions() throws IOException {
        Meta.tarball("6.14.2").set("built_at", "\"2030-01-01T00:00:00Z\"").writeEntry(cache().resolve(tarballKey("6.14.2")));
        Meta.git("6.14.2").set("built_at", "\"2030-01-02T00:00:00Z\"").writeEntry(cache().resolve("main-git-abc-x"));
        Meta.local("6.14.3", "/src/wrong-version").set("built_at", "\"2030-01-03T00:00:00Z\"")
                .writeEntry(cache().resolve("local-other"));
        Meta.local("6.14.2", null).set("built_at", "\"2030-01-04T00:00:00Z\"").writeEntry(cache().resolve("local-nopath"));
        assertEquals(Optional.empty(), KernelIdentities.resolveSourceDir(kernel("6.14.2")));
        Meta.local("6.14.2", "/src/older").set("built_at", "\"2020-01-01T00:00:00Z\"").writeEntry(cache().resolve("l1"));
        Meta.local("6.14.2", "/src/newer").set("built_at", "\"2021-01-01T00:00:00Z\"").writeEntry(cache().resolve("l2"));
        assertEquals(Optional.of(Path.of("/src/newer")), KernelIdentities.resolveSourceDir(kernel("6.14.2")));
    }

    @Test
    void cacheKeyOnALocalEntry() throws IOException {
        Meta.local(null, "/src/linux").writeEntry(cache().resolve("local-abc1234-x86_64-kc1"));
        assertEquals(Optional.of(Path.of("/src/linux")),
                KernelIdentities.resolveSourceDir(kernel("local-abc1234-x86_64-kc1")));
    }

    @Test
    void cacheKeyOnAGitEntryIsEmpty() throws IOException {
        Meta.git("6.14.2").writeEntry(cache().resolve("main-git-abc1234-x86_64-kc1"));
        assertEquals(Optional.empty(), KernelIdentities.resolveSourceDir(kernel("main-git-abc1234-x86_64-kc1")));
    }

    @Test
    void emptyOrMissingCacheIsEmpty() throws IOException {
        assertEquals(Optional.empty(), KernelIdentities.resolveSourceDir(kernel("6.14.2")));
        Files.createDirectories(cache());
        assertEquals(Optional.empty(), KernelIdentities.resolveSourceDir(kernel("6.14.2")));
        assertEquals(Optional.empty(), KernelIdentities.resolveSourceDir(kernel("some-key")));
        assertEquals(Optional.empty(), KernelIdentities.resolveSourceDir(env("KTSTR_KERNEL", "6.14.2", "HOME", "")));
    }

    // ---- revspecRepositoryDir (stats compare --*-kernel-commit)

    @Test
    void revspecDirUnsetOrBlankIsEmpty() {
        assertEquals(Optional.empty(), KernelIdentities.revspecRepositoryDir(env()));
        assertEquals(Optional.empty(), KernelIdentities.revspecRepositoryDir(env("KTSTR_KERNEL", " \t")));
    }

    @Test
    void revspecDirIsTheTrimmedValueAsAPath() {
        Path plain = tmp.resolve("linux");
        assertEquals(Optional.of(plain), KernelIdentities.revspecRepositoryDir(env("KTSTR_KERNEL", " " + plain + "\n")));
        // A version or cache key is a (relative) path here, never looked up in the cache.
        assertEquals(Optional.of(Path.of("6.14.2")), KernelIdentities.revspecRepositoryDir(kernel("6.14.2")));
    }

    @Test
    void revspecDirFollowsALocalCacheEntryToItsSourceTree() throws IOException {
        Path entry = Meta.local("6.14.2", "/src/linux").writeEntry(tmp.resolve("entry"));
        assertEquals(Optional.of(Path.of("/src/linux")), KernelIdentities.revspecRepositoryDir(kernel(entry)));
    }

    @Test
    void revspecDirKeepsEntriesWithoutALocalSourceTree() throws IOException {
        Path tarball = Meta.tarball("6.14.2").writeEntry(tmp.resolve("tarball"));
        assertEquals(Optional.of(tarball), KernelIdentities.revspecRepositoryDir(kernel(tarball)));
        Path noPath = Meta.local("6.14.2", null).writeEntry(tmp.resolve("nopath"));
        assertEquals(Optional.of(noPath), KernelIdentities.revspecRepositoryDir(kernel(noPath)));
    }
}
