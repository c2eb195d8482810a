package dev.ktstr.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.codec.SidecarEncodingException;
import dev.ktstr.api.codec.SidecarParseException;
import dev.ktstr.api.read.SidecarReader;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.fs.FsSidecarStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed input: the corpus of {@code corpus/make_corpus.py} (truncations, missing and
 * mistyped fields, bad UTF-8, NaN, duplicate keys, deep nesting, odd files: a directory, a FIFO,
 * a dangling symlink) and random mutations of valid sidecars. Every file is classified (valid,
 * parse error or IO error, never two, never none), the walk never crashes, and never hangs: the
 * timeouts are hang guards far above the seconds these take, not speed checks.
 */
class MalformedInputTortureTest {

    static final Path FIXTURES = Path.of(System.getProperty("torture.fixtures", "../ktstr-api/src/test/resources/fixtures"));
    static final Path CORPUS_TOOLS = Path.of("src/test/resources/corpus");

    @TempDir
    Path tmp;

    private static RunCollection<SidecarResult> walk(Path dir) {
        return SidecarReader.builder().store(new FsSidecarStore()).meterRegistry(new SimpleMeterRegistry()).build()
                .collect(dir.toString());
    }

    /** Location → "valid" / "parse" / "io", as the walk classified it. */
    private static Map<String, String> verdicts(RunCollection<SidecarResult> c) {
        Map<String, String> v = new TreeMap<>();
        c.sidecars().forEach(s -> assertEquals(null, v.put(s.location(), "valid"), s.location()));
        c.parseErrors().forEach(e -> assertEquals(null, v.put(e.location(), "parse"), e.location()));
        c.ioErrors().forEach(e -> assertEquals(null, v.put(e.location(), "io"), e.location()));
        assertEquals(c.walked(), v.size(), "each walked file in exactly one bucket");
        return v;
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void everyCorpusFileIsClassifiedAsUpstreamWould() throws Exception {
        Path run = tmp.resolve("run");
        String made = Torture.run(tmp, "python3", CORPUS_TOOLS.resolve("make_corpus.py").toAbsolutePath().toString(),
                FIXTURES.toAbsolutePath().toString(), run.toString()).trim();
        Map<String, String> expected = new TreeMap<>();
        for (Path f : Torture.list(run)) {
            String name = f.getFileName().toString();
            expected.put(f.toString(), name.substring(0, name.indexOf("--")));
        }
        assertEquals(Integer.parseInt(made), expected.size());
        // Entries that are not plain files, and one level down.
        Torture.run(tmp, "mkfifo", run.resolve("io--a-fifo.ktstr.json").toString());
        expected.put(run.resolve("io--a-fifo.ktstr.json").toString(), "io");
        Files.createSymbolicLink(run.resolve("io--dangling.ktstr.json"), tmp.resolve("nowhere"));
        expected.put(run.resolve("io--dangling.ktstr.json").toString(), "io");
        Files.createSymbolicLink(run.resolve("valid--link.ktstr.json"), run.resolve("valid--compact.ktstr.json"));
        expected.put(run.resolve("valid--link.ktstr.json").toString(), "valid");
        Path sub = Files.createDirectory(run.resolve("sub"));
        Files.copy(run.resolve("parse--truncated-00097.ktstr.json"), sub.resolve("parse--t.ktstr.json"));
        Files.copy(run.resolve("valid--compact.ktstr.json"), sub.resolve("valid--c.ktstr.json"));
        expected.put(sub.resolve("parse--t.ktstr.json").toString(), "parse");
        expected.put(sub.resolve("valid--c.ktstr.json").toString(), "valid");
        // One level down every name-matching entry is tried, a directory too (as upstream); at the
        // top level such a directory is a subdirectory to walk.
        Files.createDirectory(sub.resolve("io--a-directory.ktstr.json"));
        expected.put(sub.resolve("io--a-directory.ktstr.json").toString(), "io");

        assertEquals(List.of(), mismatches(expected, verdicts(walk(run))));
        assertTrue(expected.values().stream().filter("valid"::equals).count() >= 20);
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void randomMutationsOfValidSidecarsAreAllClassified() throws Exception {
        int count = Torture.size("mutations", 400);
        List<byte[]> seeds = new ArrayList<>();
        for (Path f : Torture.list(FIXTURES)) {
            if (f.toString().endsWith(".ktstr.json")) {
                seeds.add(Files.readAllBytes(f));
            }
        }
        Path run = Files.createDirectories(tmp.resolve("mutants"));
        Random rnd = new Random(20240901L);
        Map<String, String> direct = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            byte[] m = mutate(seeds.get(i % seeds.size()), rnd, 1 + rnd.nextInt(6));
            Path f = run.resolve(String.format("m%05d.ktstr.json", i));
            Files.write(f, m);
            direct.put(f.toString(), directVerdict(m));
        }
        Map<String, String> walked = verdicts(walk(run));
        assertEquals(List.of(), mismatches(direct, walked), "the walk classifies each mutant as a direct read does");

        // Independent one-way oracle: bytes Python's strict UTF-8 decoder rejects must be IO errors
        // (upstream reads the file to a string first); text its strict JSON parser rejects, parse errors.
        List<String> cmd = new ArrayList<>(List.of("python3", CORPUS_TOOLS.resolve("json_verdicts.py").toAbsolutePath().toString()));
        cmd.addAll(direct.keySet());
        String out = Torture.run(tmp, cmd.toArray(String[]::new));
        int pyBad = 0;
        for (String line : out.split("\n")) {
            String[] kv = line.split("\t");
            if (!kv[1].equals("ok")) {
                pyBad++;
                String want = kv[1].equals("badutf8") ? "io" : "parse";
                if (!want.equals(walked.get(kv[0]))) {
                    // Keep the offending input for the report.
                    Path keep = Files.createDirectories(Path.of("target", "torture-failures"));
                    Files.copy(Path.of(kv[0]), keep.resolve(Path.of(kv[0]).getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                assertEquals(want, walked.get(kv[0]), kv[0] + ": Python says " + kv[1]);
            }
        }
        long valid = walked.values().stream().filter("valid"::equals).count();
        long io = walked.values().stream().filter("io"::equals).count();
        System.out.printf("%d mutants: %d valid, %d parse errors, %d not UTF-8 (%d not even JSON per Python)%n",
                count, valid, count - valid - io, io, pyBad);
        assertTrue(pyBad > 0 && valid < count, "mutations did break files");
    }

    /** Any mutation of a valid sidecar either reads (and then round-trips) or is a parse (or encoding) error; nothing else escapes. */
    @Property(tries = 2000)
    void aMutantReadsAndRoundTripsOrIsAParseError(@ForAll("mutants") byte[] mutant) {
        SidecarResult r;
        try {
            r = SidecarCodec.read(mutant);
        } catch (SidecarParseException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
            return;
        }
        assertEquals(r, SidecarCodec.read(SidecarCodec.write(r)));
    }

    @Provide
    Arbitrary<byte[]> mutants() {
        return Arbitraries.longs().map(seed -> {
            Random rnd = new Random(seed);
            try {
                byte[] base = Files.readAllBytes(FIXTURES.resolve(rnd.nextBoolean() ? "example-full.ktstr.json"
                        : "example-skip.ktstr.json"));
                return mutate(base, rnd, 1 + rnd.nextInt(4));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** "location: expected X, got Y" for every disagreement (short, unlike a diff of two big maps). */
    private static List<String> mismatches(Map<String, String> expected, Map<String, String> actual) {
        List<String> out = new ArrayList<>();
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            if (!java.util.Objects.equals(expected.get(k), actual.get(k))) {
                out.add(k + ": expected " + expected.get(k) + ", got " + actual.get(k));
            }
        }
        return out;
    }

    private static String directVerdict(byte[] m) {
        try {
            SidecarCodec.read(m);
            return "valid";
        } catch (SidecarEncodingException e) {
            return "io"; // not UTF-8: upstream's read_to_string fails before any JSON
        } catch (SidecarParseException e) {
            return "parse";
        }
    }

    /** {@code n} random edits: flip a byte, delete a span, duplicate a span, insert a JSON-ish token, swap a digit. */
    static byte[] mutate(byte[] in, Random rnd, int n) {
        byte[] b = in.clone();
        String[] tokens = {"{", "}", "[", "]", ",", ":", "\"", "null", "-", "1e999", "0.5", "\\u0000", "\\", "\u00e9"};
        for (int k = 0; k < n && b.length > 0; k++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(5)) {
                case 0:
                    b[at] = (byte) rnd.nextInt(256);
                    break;
                case 1: {
                    int len = Math.min(b.length - at, 1 + rnd.nextInt(16));
                    b = concat(slice(b, 0, at), slice(b, at + len, b.length));
                    break;
                }
                case 2: {
                    int len = Math.min(b.length - at, 1 + rnd.nextInt(64));
                    b = concat(slice(b, 0, at + len), slice(b, at, b.length));
                    break;
                }
                case 3:
                    b = concat(concat(slice(b, 0, at), tokens[rnd.nextInt(tokens.length)].getBytes(StandardCharsets.UTF_8)),
                            slice(b, at, b.length));
                    break;
                default:
                    for (int i = at; i < b.length; i++) {
                        if (b[i] >= '0' && b[i] <= '9') {
                            b[i] = (byte) ('0' + rnd.nextInt(10));
                            break;
                        }
                    }
            }
        }
        return b;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    private static byte[] concat(byte[] a, byte[] c) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + c.length);
        System.arraycopy(c, 0, r, a.length, c.length);
        return r;
    }
}
