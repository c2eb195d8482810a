package dev.ktstr.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.Providers;
import dev.ktstr.api.Spi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FsStoreWriteTest {

    private final FsSidecarStore store = new FsSidecarStore();

    @TempDir
    Path tmp;

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writeLeavesExactlyTheFinalFileWithTheContent() throws IOException {
        String run = store.createRun(tmp.resolve("a/b/run").toString());
        byte[] json = "{\"x\": 1}".getBytes(StandardCharsets.UTF_8);
        String loc = store.write(run, "t-0123456789abcdef.ktstr.json", json, "20250601T123401Z-7");
        assertEquals(Path.of(run, "t-0123456789abcdef.ktstr.json").toString(), loc);
        assertArrayEquals(json, Files.readAllBytes(Path.of(loc)));
        assertEquals(List.of("t-0123456789abcdef.ktstr.json"), names(Path.of(run)));
    }

    @Test
    void writeReplacesAnExistingSidecar() throws IOException {
        String run = store.createRun(tmp.toString());
        store.write(run, "t-1.ktstr.json", "old".getBytes(StandardCharsets.UTF_8), "r-0");
        store.write(run, "t-1.ktstr.json", "new".getBytes(StandardCharsets.UTF_8), "r-1");
        assertEquals("new", Files.readString(tmp.resolve("t-1.ktstr.json")));
        assertEquals(List.of("t-1.ktstr.json"), names(tmp));
    }

    @Test
    void stagingNameCarriesPidAndRunId() {
        assertEquals("x.ktstr.json.tmp.42.20250601T123401Z-7",
                AtomicSidecarWrite.stagingName("x.ktstr.json", 42, "20250601T123401Z-7"));
        assertEquals("x.ktstr.json.tmp.42.a_b", AtomicSidecarWrite.stagingName("x.ktstr.json", 42, "a/b"));
        assertTrue(FsNames.isStagingName(AtomicSidecarWrite.stagingName("x.ktstr.json", 1, "")));
    }

    @Test
    void aSymlinkSquattingOnTheStagingNameIsNeverWrittenThrough() throws IOException {
        String run = store.createRun(tmp.resolve("run").toString());
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "precious");
        String staging = AtomicSidecarWrite.stagingName("t-2.ktstr.json", ProcessHandle.current().pid(), "r-0");
        Files.createSymbolicLink(Path.of(run, staging), victim);
        store.write(run, "t-2.ktstr.json", "{}".getBytes(StandardCharsets.UTF_8), "r-0");
        assertEquals("precious", Files.readString(victim));
        assertEquals("{}", Files.readString(Path.of(run, "t-2.ktstr.json")));
        assertTrue(Files.isSymbolicLink(Path.of(run, staging)), "the squatting link is left alone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../t-1.ktstr.json", "a/b/t-1.ktstr.json", ".hidden/t-1.ktstr.json", "..",
            "t\u0000-1.ktstr.json",
            "t\n-1.ktstr.json", "t-1.json", "t-1.ktstr.json.tmp"})
    void badFileNamesAreRefusedAndNothingIsWritten(String fileName) throws IOException {
        String run = store.createRun(tmp.resolve("run").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.write(run, fileName, "{}".getBytes(StandardCharsets.UTF_8), "r-0"));
        assertTrue(e.getMessage().contains("refusing to write sidecar"), e.getMessage());
        assertEquals(List.of(), names(Path.of(run)));
        assertEquals(List.of("run"), names(tmp));
    }

    /** One subdirectory level, as push and pull keep a run's repeat-N/ trees. */
    @Test
    void aSidecarOneSubdirectoryDownIsWrittenThere() throws IOException {
        String run = store.createRun(tmp.resolve("run").toString());
        assertTrue(store.nameRefusal("repeat-2/t-1.ktstr.json").isEmpty());
        String written = store.write(run, "repeat-2/t-1.ktstr.json", "{}".getBytes(StandardCharsets.UTF_8), "r-0");
        assertEquals(Path.of(run, "repeat-2", "t-1.ktstr.json").toString(), written);
        assertEquals("{}", Files.readString(Path.of(written)));
        assertEquals(List.of("t-1.ktstr.json"), names(Path.of(run, "repeat-2")));
    }

    @Test
    void createRunReturnsOneCanonicalSpellingForEveryAlias() throws IOException {
        Path real = tmp.resolve("runs/k-c");
        String a = store.createRun(real.toString());
        Files.createSymbolicLink(tmp.resolve("alias"), tmp.resolve("runs"));
        String b = store.createRun(tmp.resolve("alias/k-c").toString());
        String c = store.createRun(tmp + "/runs/.//k-c");
        assertEquals(a, b);
        assertEquals(a, c);
        assertTrue(Path.of(a).isAbsolute());
    }

    @Test
    void createRunOverARegularFileFailsNamingThePath() throws IOException {
        Path file = Files.writeString(tmp.resolve("notadir"), "x");
        IOException e = assertThrows(IOException.class, () -> store.createRun(file.toString()));
        assertTrue(e.getMessage().contains("create sidecar dir " + file), e.getMessage());
    }

    @Test
    void runLocationIsUnderTheRunsRoot() {
        assertEquals("/runs-root/6.14.2-deadbee", store.runLocation("/runs-root", "6.14.2-deadbee"));
        assertThrows(IllegalArgumentException.class, () -> store.runLocation("/r", "../x"));
        assertThrows(IllegalArgumentException.class, () -> store.runLocation("/r", ".."));
    }

    @Test
    void preClearRemovesTopLevelSidecarsAndStagingOrphansOnly() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        for (String n : List.of("a-1.ktstr.json", "b-2.ktstr.json", "a-1.ktstr.json.tmp.123.20250101T000000Z-0",
                "README.md", "other.json", "partial.ktstr.json.tmp", "x.ktstr.json.lock")) {
            Files.writeString(run.resolve(n), "x");
        }
        Path sub = Files.createDirectories(run.resolve("job1"));
        Files.writeString(sub.resolve("c-3.ktstr.json"), "x");
        Files.writeString(sub.resolve("c-3.ktstr.json.tmp.1.r-0"), "x");
        Files.createDirectories(run.resolve("dir.ktstr.json"));

        assertEquals(3, store.preClear(run.toString()));
        assertEquals(List.of("README.md", "dir.ktstr.json", "job1", "other.json", "partial.ktstr.json.tmp",
                "x.ktstr.json.lock"), names(run));
        assertEquals(List.of("c-3.ktstr.json", "c-3.ktstr.json.tmp.1.r-0"), names(sub));
    }

    @Test
    void preClearOfAMissingRunIsANoOpAndCreatesNothing() throws IOException {
        assertEquals(0, store.preClear(tmp.resolve("nope").toString()));
        assertFalse(Files.exists(tmp.resolve("nope")));
    }

    @Test
    void theProviderLookupFindsThisStoreByName() {
        assertEquals("fs", Providers.select(Spi.STORE).provider().name());
        assertTrue(Providers.store() instanceof FsSidecarStore);
    }
}
