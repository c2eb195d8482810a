package dev.ktstr.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema generator ({@code src/build/java/SchemaGen.java}), run as the build runs it: with the
 * JDK's source launcher on the committed schema file or an edited copy.
 */
class SchemaGenTest {
    private static final Path GENERATOR = Path.of("src/build/java/SchemaGen.java");
    private static final Path SCHEMA = Path.of("src/main/schema/sidecar.schema");
    private static final Path BUILT = Path.of("target/generated-sources/schema");

    /** Runs the generator; returns its exit code and standard error. */
    private static Map.Entry<Integer, String> generate(Path schema, Path out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                GENERATOR.toString(), schema.toString(), out.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return Map.entry(p.waitFor(), err);
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    @Test
    void outputIsDeterministicAndIsWhatTheBuildCompiled(@TempDir Path tmp) throws Exception {
        assertEquals(0, generate(SCHEMA, tmp.resolve("a")).getKey());
        assertEquals(0, generate(SCHEMA, tmp.resolve("b")).getKey());
        Map<String, String> a = tree(tmp.resolve("a"));
        assertEquals(a, tree(tmp.resolve("b")));
        assertEquals(a, tree(BUILT), "target/generated-sources/schema is stale against the schema file");
        assertEquals(16, a.size(), a.keySet().toString());
    }

    @Test
    void aSchemaErrorNamesTheLineAndFails(@TempDir Path tmp) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(SCHEMA));
        int at = lines.indexOf("    pub run_source: Option<String>,");
        lines.set(at, "    pub run_source: Option<Strin>,");
        Path bad = tmp.resolve("bad.schema");
        Files.write(bad, lines);
        Map.Entry<Integer, String> r = generate(bad, tmp.resolve("out"));
        assertNotEquals(0, r.getKey());
        assertTrue(r.getValue().contains("line " + (at + 1) + ": unknown type Strin"), r.getValue());
    }

    /**
     * Adding a field is one edit of the schema file: the regenerated record gets the component
     * and builder setters, the regenerated codec writes and reads the key in declaration
     * order, and the compact binary codec keeps it. Compiles the api's sources with the
     * regenerated ones and runs them.
     */
    @Test
    void oneEditAddsAFieldToRecordBuilderAndCodec(@TempDir Path tmp) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(SCHEMA));
        int at = lines.indexOf("    pub run_source: Option<String>,");
        lines.add(at, "    pub extra_field: Option<u64>,");
        Path edited = tmp.resolve("edited.schema");
        Files.write(edited, lines);
        Path gen = tmp.resolve("gen");
        assertEquals(0, generate(edited, gen).getKey());

        List<String> sources = new ArrayList<>();
        try (Stream<Path> s = Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(gen))) {
            s.filter(p -> p.toString().endsWith(".java") && !p.endsWith("module-info.java"))
                    .forEach(p -> sources.add(p.toString()));
        }
        String classPath = System.getProperty("java.class.path") + File.pathSeparator
                + System.getProperty("jdk.module.path", "");
        Path classes = tmp.resolve("classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath, "-nowarn"));
        args.addAll(sources);
        Path argFile = tmp.resolve("javac.args");
        Files.write(argFile, args.stream().map(a -> "\"" + a.replace("\\", "\\\\") + "\"").toList());
        Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(), "@" + argFile)
                .redirectErrorStream(true).start();
        String log = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, javac.waitFor(), log);

        List<URL> urls = new ArrayList<>(List.of(classes.toUri().toURL()));
        for (String e : classPath.split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                urls.add(Path.of(e).toUri().toURL());
            }
        }
        // Parent: the boot loader. The platform loader would hand dev.ktstr.api's packages to the
        // module this test runs in, i.e. the classes built from the unedited schema.
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), null)) {
            Class<?> record = loader.loadClass("dev.ktstr.api.schema.SidecarResult");
            Object fixture = record.getMethod("testFixture").invoke(null);
            Object builder = record.getMethod("toBuilder").invoke(fixture);
            builder.getClass().getMethod("extraField", long.class).invoke(builder, 7L);
            Object sidecar = builder.getClass().getMethod("build").invoke(builder);
            Class<?> codec = loader.loadClass("dev.ktstr.api.codec.SidecarCodec");
            String json = (String) codec.getMethod("writeString", record).invoke(null, sidecar);
            assertTrue(json.contains("\"cleanup_duration_ms\": null,\n  \"extra_field\": 7,\n  \"run_source\": null\n}"), json);
            Method read = codec.getMethod("read", String.class);
            Object back = read.invoke(null, json);
            assertEquals(sidecar, back);
            Object absent = read.invoke(null, json.replace("  \"extra_field\": 7,\n", ""));
            assertEquals(java.util.Optional.empty(), record.getMethod("extraField").invoke(absent));
            assertEquals(26, ((List<?>) record.getMethod("fields").invoke(null)).size());
            Class<?> compact = loader.loadClass("dev.ktstr.api.codec.CompactCodec");
            byte[] bytes = (byte[]) compact.getMethod("encode", record).invoke(null, sidecar);
            Object decoded = compact.getMethod("decode", byte[].class).invoke(null, bytes);
            assertEquals(sidecar, decoded);
            assertEquals(java.util.Optional.of(7L), record.getMethod("extraField").invoke(decoded));
        }
    }
}
