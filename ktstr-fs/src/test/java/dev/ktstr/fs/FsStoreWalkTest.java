package dev.ktstr.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.store.IoError;
import dev.ktstr.api.store.ParseError;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.api.store.SidecarParser;
import dev.ktstr.api.store.StoredSidecar;
import dev.ktstr.api.store.WalkProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsStoreWalkTest {

    /** Accepts content starting with '{', as a stand-in for the codec (the store does not know the schema). */
    static final SidecarParser<String> BRACE = (location, bytes) -> {
        String s = new String(bytes, StandardCharsets.UTF_8);
        if (!s.startsWith("{")) {
            throw new IllegalArgumentException("expected value at line 1 column 1");
        }
        return s;
    };

    private final FsSidecarStore store = new FsSidecarStore();

    @TempDir
    Path tmp;

    private static void put(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private static List<String> locations(List<StoredSidecar<String>> s) {
        return s.stream().map(StoredSidecar::location).collect(Collectors.toList());
    }

    @Test
    void everyMatchingFileLandsInExactlyOneBucket() throws IOException {
        Path run = tmp.resolve("run");
        put(run.resolve("b-1.ktstr.json"), "{\"ok\": 1}");
        put(run.resolve("a-1.ktstr.json"), "{\"ok\": 2}");
        put(run.resolve("bad-1.ktstr.json"), "not json");
        put(run.resolve("notes.json"), "{}");
        put(run.resolve("x.ktstr.json.tmp.1.r-0"), "{}");
        put(run.resolve("job/c-1.ktstr.json"), "{\"ok\": 3}");
        put(run.resolve("job/deeper/d-1.ktstr.json"), "{\"ok\": 4}");
        Files.createSymbolicLink(run.resolve("broken-1.ktstr.json"), run.resolve("gone"));
        Files.createSymbolicLink(run.resolve("loop1-1.ktstr.json"), run.resolve("loop2-1.ktstr.json"));
        Files.createSymbolicLink(run.resolve("loop2-1.ktstr.json"), run.resolve("loop1-1.ktstr.json"));

        RunCollection<String> c = store.collect(run.toString(), BRACE);

        assertEquals(List.of(run + "/a-1.ktstr.json", run + "/b-1.ktstr.json", run + "/job/c-1.ktstr.json"),
                locations(c.sidecars()));
        assertEquals(List.of(run + "/bad-1.ktstr.json"),
                c.parseErrors().stream().map(ParseError::location).collect(Collectors.toList()));
        assertEquals("expected value at line 1 column 1", c.parseErrors().get(0).rawError());
        assertEquals(List.of(run + "/broken-1.ktstr.json", run + "/loop1-1.ktstr.json", run + "/loop2-1.ktstr.json"),
                c.ioErrors().stream().map(IoError::location).collect(Collectors.toList()));
        assertEquals("No such file or directory", c.ioErrors().get(0).rawError());
        assertTrue(c.ioErrors().get(1).rawError().toLowerCase().contains("symbolic links"), c.ioErrors().get(1).rawError());
        assertEquals(7, c.walked());
        assertEquals(c.walked(), c.sidecars().size() + c.parseErrors().size() + c.ioErrors().size());
        assertEquals(List.of(), c.problems());
    }

    @Test
    void atDepthOneEvenADirectoryWithASidecarNameIsTriedAndCountedAsAnIoError() throws IOException {
        Path run = tmp.resolve("run");
        Files.createDirectories(run.resolve("job/x-1.ktstr.json"));
        RunCollection<String> c = store.collect(run.toString(), BRACE);
        assertEquals(1, c.walked());
        assertEquals("Is a directory", c.ioErrors().get(0).rawError());
    }

    @Test
    void aFifoIsReportedNotReadSoTheWalkCannotBlock() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Process p = new ProcessBuilder("mkfifo", run.resolve("f-1.ktstr.json").toString()).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        RunCollection<String> c = store.collect(run.toString(), BRACE);
        assertEquals(List.of(new IoError(run + "/f-1.ktstr.json", "not a regular file")), c.ioErrors());
    }

    @Test
    void aSubdirectoryThatLoopsBackIsReportedOnceAndNotWalkedTwice() throws IOException {
        Path run = tmp.resolve("run");
        put(run.resolve("a-1.ktstr.json"), "{}");
        put(run.resolve("job/b-1.ktstr.json"), "{}");
        Files.createSymbolicLink(run.resolve("self"), Path.of("."));
        Files.createSymbolicLink(run.resolve("zalias"), Path.of("job"));
        RunCollection<String> c = store.collect(run.toString(), BRACE);
        assertEquals(List.of(run + "/a-1.ktstr.json", run + "/job/b-1.ktstr.json"), locations(c.sidecars()));
        assertEquals(List.of(new WalkProblem(run + "/self", WalkProblem.Kind.SYMLINK_LOOP,
                        "resolves to a directory already walked; not walked again"),
                new WalkProblem(run + "/zalias", WalkProblem.Kind.SYMLINK_LOOP,
                        "resolves to a directory already walked; not walked again")), c.problems());
    }

    @Test
    void aNonUtf8NameIsReportedAndNotReadAsASidecar() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        put(run.resolve("ok-1.ktstr.json"), "{}");
        // The JVM cannot spell this name; let the shell create it from raw bytes.
        Process p = new ProcessBuilder("sh", "-c", "printf '{}' > \"$(printf 'bad\\377-1.ktstr.json')\"")
                .directory(run.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "could not create the file");
        RunCollection<String> c = store.collect(run.toString(), BRACE);
        assertEquals(List.of(run + "/ok-1.ktstr.json"), locations(c.sidecars()));
        assertEquals(1, c.walked());
        assertEquals(1, c.problems().size());
        assertEquals(WalkProblem.Kind.NON_UTF8_NAME, c.problems().get(0).kind());
        assertTrue(c.problems().get(0).location().startsWith(run + "/bad"), c.problems().get(0).location());
    }

    @Test
    void aFileThatVanishesMidWalkIsAnIoError() throws IOException {
        Path run = tmp.resolve("run");
        put(run.resolve("a-1.ktstr.json"), "{}");
        put(run.resolve("b-1.ktstr.json"), "{}");
        // Files are loaded in location order: while parsing a, b disappears.
        SidecarParser<String> deleting = (loc, bytes) -> {
            if (loc.endsWith("a-1.ktstr.json")) {
                Files.delete(run.resolve("b-1.ktstr.json"));
            }
            return BRACE.parse(loc, bytes);
        };
        RunCollection<String> c = store.collect(run.toString(), deleting);
        assertEquals(List.of(run + "/a-1.ktstr.json"), locations(c.sidecars()));
        assertEquals(List.of(new IoError(run + "/b-1.ktstr.json", "No such file or directory")), c.ioErrors());
    }

    @Test
    void aMissingRunIsEmptyWithoutProblems() {
        RunCollection<String> c = store.collect(tmp.resolve("nope").toString(), BRACE);
        assertEquals(0, c.walked());
        assertEquals(List.of(), c.problems());
    }

    @Test
    void manyFilesAreParsedInParallelAndComeBackInByteOrder() throws IOException {
        Path run = tmp.resolve("run");
        List<String> expectedValid = new ArrayList<>();
        int bad = 0;
        for (int i = 0; i < 300; i++) {
            String name = String.format("t%03d-%016x.ktstr.json", (i * 7919) % 300, i);
            Path f = run.resolve(i % 3 == 0 ? "job/" + name : name);
            if (i % 10 == 0) {
                put(f, "garbage");
                bad++;
            } else {
                put(f, "{\"i\": " + i + "}");
                expectedValid.add(f.toString());
            }
        }
        // Non-ASCII names: UTF-8 byte order differs from UTF-16 order above U+FFFF.
        put(run.resolve("\uFF21-1.ktstr.json"), "{}");
        put(run.resolve("\uD83D\uDE00-1.ktstr.json"), "{}");
        expectedValid.add(run.resolve("\uFF21-1.ktstr.json").toString());
        expectedValid.add(run.resolve("\uD83D\uDE00-1.ktstr.json").toString());
        expectedValid.sort(FsNames.UTF8_ORDER);

        RunCollection<String> c = store.collect(run.toString(), BRACE);
        assertEquals(expectedValid, locations(c.sidecars()));
        assertEquals(bad, c.parseErrors().size());
        assertEquals(302, c.walked());
        // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16.
        List<String> tail = locations(c.sidecars()).subList(c.sidecars().size() - 2, c.sidecars().size());
        assertEquals(List.of(run + "/\uFF21-1.ktstr.json", run + "/\uD83D\uDE00-1.ktstr.json"), tail);
    }

    @Test
    void listRunsIsNewestFirstAndSkipsDotDirectoriesAndFiles() throws IOException {
        Path root = tmp.resolve("ktstr");
        Path old = Files.createDirectories(root.resolve("6.1-aaaaaaa"));
        Path mid = Files.createDirectories(root.resolve("6.2-bbbbbbb"));
        Path newest = Files.createDirectories(root.resolve("6.3-ccccccc"));
        Path locks = Files.createDirectories(root.resolve(".locks"));
        put(root.resolve("stray.ktstr.json"), "{}");
        Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        Files.setLastModifiedTime(mid, FileTime.from(Instant.parse("2024-06-01T00:00:00Z")));
        Files.setLastModifiedTime(newest, FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));
        Files.setLastModifiedTime(locks, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));

        List<RunInfo> runs = store.listRuns(root.toString());
        assertEquals(List.of("6.3-ccccccc", "6.2-bbbbbbb", "6.1-aaaaaaa"),
                runs.stream().map(RunInfo::name).collect(Collectors.toList()));
        assertEquals(newest.toString(), runs.get(0).location());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), runs.get(0).modifiedTime().orElseThrow());
        assertEquals("6.3-ccccccc", store.newestRun(root.toString()).orElseThrow().name());
    }

    @Test
    void onlyDotDirectoriesOrNoRootMeanNoRuns() throws IOException {
        Files.createDirectories(tmp.resolve("ktstr/.locks"));
        assertEquals(List.of(), store.listRuns(tmp.resolve("ktstr").toString()));
        assertTrue(store.newestRun(tmp.resolve("ktstr").toString()).isEmpty());
        assertEquals(List.of(), store.listRuns(tmp.resolve("missing").toString()));
    }

    @Test
    void poolWalksEveryRunAndIgnoresFilesDirectlyInTheRoot() throws IOException {
        Path root = tmp.resolve("ktstr");
        put(root.resolve("stray-1.ktstr.json"), "{}");
        put(root.resolve("6.1-aaaaaaa/a-1.ktstr.json"), "{\"r\": 1}");
        put(root.resolve("6.1-aaaaaaa/job/b-1.ktstr.json"), "{\"r\": 2}");
        put(root.resolve("6.2-bbbbbbb/c-1.ktstr.json"), "oops");
        put(root.resolve(".locks/6.1-aaaaaaa.lock"), "");

        PoolCollection<String> p = store.pool(root.toString(), BRACE);
        assertEquals(List.of(root + "/.locks", root + "/6.1-aaaaaaa", root + "/6.2-bbbbbbb"),
                p.runs().stream().map(RunCollection::location).collect(Collectors.toList()));
        assertEquals(List.of(root + "/6.1-aaaaaaa/a-1.ktstr.json", root + "/6.1-aaaaaaa/job/b-1.ktstr.json"),
                locations(p.sidecars()));
        assertEquals(3, p.walked());
        assertEquals(1, p.parseErrors().size());
        assertEquals(0, store.pool(tmp.resolve("missing").toString(), BRACE).walked());
    }

    @Test
    void parseErrorEnrichmentFollowsTheHostRule() {
        ParseError e = ParseError.of("run/sidecar.ktstr.json", "missing field `host` at line 1 column 100");
        assertEquals("ktstr_test: skipping run/sidecar.ktstr.json: missing field `host` at line 1 column 100"
                + " \u2014 the `host` field was added to SidecarResult; pre-1.0 policy is disposable-sidecar:"
                + " re-run the test to regenerate this file under the current schema (no migration shim exists)",
                e.diagnostic());
        assertTrue(ParseError.of("x", "missing field `topology` at line 1 column 17").enriched().isEmpty());
    }
}
