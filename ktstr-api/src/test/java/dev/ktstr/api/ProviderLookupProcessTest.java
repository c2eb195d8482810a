package dev.ktstr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real {@link java.util.ServiceLoader} lookups in child JVMs: provider jars compiled here, run
 * once on the module path ({@code provides} in module-info) and once on the class path
 * ({@code META-INF/services}), for each outcome of the selection rule.
 */
class ProviderLookupProcessTest {

    enum Path_ { MODULE, CLASS }

    @TempDir
    static Path work;

    private static Path apiClasses;
    private static List<Path> apiDeps;
    private static Path probeJar;
    private static Path sharedJar;

    @BeforeAll
    static void compileProbe() throws Exception {
        apiClasses = location(Providers.class);
        apiDeps = List.of(location(JsonFactory.class), location(MeterRegistry.class),
                location(ch.randelshofer.fastdoubleparser.JsonDoubleParser.class),
                location(com.fasterxml.jackson.databind.ObjectMapper.class),
                location(Class.forName("com.fasterxml.jackson.annotation.JsonProperty"))); // databind's own dependency
        probeJar = buildJar("probe", "test.probe", Map.of(
                "module-info.java", "module test.probe { requires dev.ktstr.api; }",
                "test/probe/Main.java", """
                        package test.probe;
                        import dev.ktstr.api.*;
                        public class Main {
                          public static void main(String[] a) {
                            try {
                              Selection<?> s = Providers.select(Spi.LOCK);
                              System.out.println("OK " + s.provider().name() + " | " + s.reason());
                            } catch (ProviderException e) {
                              System.out.println("ERR " + e.getMessage());
                            }
                          }
                        }
                        """), null);
        sharedJar = buildJar("shared", "test.shared", Map.of(
                "module-info.java", "module test.shared { requires dev.ktstr.api; }",
                "test/shared/Main.java", """
                        package test.shared;
                        import dev.ktstr.api.*;
                        import dev.ktstr.api.spi.RunLock;
                        public class Main {
                          public static void main(String[] a) {
                            RunLock first = Providers.lock();
                            System.out.println("same " + (first == Providers.lock()) + " "
                                + (first == Providers.selected(Spi.LOCK).provider()) + " "
                                + (first == Providers.named(Spi.LOCK, first.name())));
                            System.out.println("chosen " + first.name() + "@" + System.identityHashCode(first));
                            Providers.closeAll();
                            RunLock second = Providers.lock();
                            System.out.println("fresh " + (second != first));
                          }
                        }
                        """), null);
    }

    /** A RunLock provider jar; module {@code test.<id>}, class {@code test.<id>.Lock}. */
    private static Path provider(String id, String name, int priority, String refusal) throws Exception {
        String pkg = "test." + id;
        String src = """
                package %s;
                import dev.ktstr.api.spi.RunLock;
                import java.nio.file.Path;
                import java.time.Duration;
                import java.util.Optional;
                public class Lock implements RunLock {
                  public String name() { return "%s"; }
                  public int priority() { return %d; }
                  public Optional<String> unavailableReason() {
                    return "%s".isEmpty() ? Optional.empty() : Optional.of("%s");
                  }
                  public Held acquire(dev.ktstr.api.spi.RunRef r, Mode m, Duration t) { throw new UnsupportedOperationException(); }
                  public void close() { System.out.println("closed " + name() + "@" + System.identityHashCode(this)); }
                }
                """.formatted(pkg, name, priority, refusal, refusal);
        return buildJar(id, pkg, Map.of(
                "module-info.java", "module " + pkg + " { requires dev.ktstr.api; "
                        + "provides dev.ktstr.api.spi.RunLock with " + pkg + ".Lock; }",
                pkg.replace('.', '/') + "/Lock.java", src), pkg + ".Lock");
    }

    private static Path buildJar(String id, String module, Map<String, String> sources, String serviceImpl)
            throws Exception {
        Path src = work.resolve("src-" + id);
        Path out = work.resolve("classes-" + id);
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--module-path", modulePath(List.of())));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            args.add(f.toString());
        }
        run(ToolProvider.findFirst("javac").orElseThrow(), args);
        if (serviceImpl != null) {
            Path services = out.resolve("META-INF/services/dev.ktstr.api.spi.RunLock");
            Files.createDirectories(services.getParent());
            Files.writeString(services, serviceImpl + "\n");
        }
        Path jar = work.resolve(id + ".jar");
        run(ToolProvider.findFirst("jar").orElseThrow(), List.of("--create", "--file", jar.toString(), "-C", out.toString(), "."));
        return jar;
    }

    private static void run(ToolProvider tool, List<String> args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int rc = tool.run(ps, ps, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException(tool.name() + " failed: " + buf.toString(StandardCharsets.UTF_8));
        }
    }

    private static String modulePath(List<Path> extra) {
        List<Path> all = new ArrayList<>();
        all.add(apiClasses);
        all.addAll(apiDeps);
        all.addAll(extra);
        return all.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the probe with the given provider jars, on the module path or the class path. */
    private static String lookup(Path_ how, List<Path> providers, List<String> jvmArgs, Map<String, String> env)
            throws Exception {
        return lookup(how, providers, jvmArgs, env, probeJar, "test.probe");
    }

    private static String lookup(Path_ how, List<Path> providers, List<String> jvmArgs, Map<String, String> env,
            Path mainJar, String mainModule) throws Exception {
        List<Path> jars = new ArrayList<>(providers);
        jars.add(mainJar);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        if (how == Path_.MODULE) {
            cmd.addAll(List.of("--module-path", modulePath(jars), "--module", mainModule + "/" + mainModule + ".Main"));
        } else {
            cmd.addAll(List.of("-cp", modulePath(jars), mainModule + ".Main"));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("KTSTR_LOCK");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @ParameterizedTest
    @EnumSource(Path_.class)
    void highestPriorityProviderIsChosen(Path_ how) throws Exception {
        String out = lookup(how, List.of(provider("lowa", "alpha", 1, ""), provider("highb", "beta", 5, ""),
                provider("refusedc", "gamma", 50, "needs Linux")), List.of(), Map.of());
        assertTrue(out.startsWith("OK beta | highest priority (5) of 2 usable"), out);
    }

    @ParameterizedTest
    @EnumSource(Path_.class)
    void explicitChoiceByPropertyOrEnvironmentWins(Path_ how) throws Exception {
        List<Path> jars = List.of(provider("pa", "alpha", 1, ""), provider("pb", "beta", 5, ""));
        assertEquals("OK alpha | system property ktstr.lock=alpha",
                lookup(how, jars, List.of("-Dktstr.lock=alpha"), Map.of()));
        assertEquals("OK alpha | environment variable KTSTR_LOCK=alpha",
                lookup(how, jars, List.of(), Map.of("KTSTR_LOCK", "alpha")));
    }

    @ParameterizedTest
    @EnumSource(Path_.class)
    void duplicateNamesFail(Path_ how) throws Exception {
        String out = lookup(how, List.of(provider("dupa", "same", 1, ""), provider("dupb", "same", 2, "")),
                List.of(), Map.of());
        assertTrue(out.startsWith("ERR Several providers of RunLock (ktstr.lock) are named 'same'"), out);
        assertTrue(out.contains("test.dupa.Lock") && out.contains("test.dupb.Lock"), out);
    }

    @ParameterizedTest
    @EnumSource(Path_.class)
    void noUsableProviderExplainsEveryRefusal(Path_ how) throws Exception {
        String out = lookup(how, List.of(provider("ref", "gamma", 50, "needs Linux")), List.of(), Map.of());
        assertTrue(out.startsWith("ERR No usable provider of dev.ktstr.api.spi.RunLock was found. Tried:"), out);
        assertTrue(out.contains("gamma (test.ref.Lock in " + (how == Path_.MODULE ? "test.ref" : "unnamed module")
                + ", priority 50): refused: needs Linux"), out);
        assertTrue(out.contains("Add the module dev.ktstr.posix (Maven artifact dev.ktstr:ktstr-posix)"), out);

        String none = lookup(how, List.of(), List.of(), Map.of());
        assertTrue(none.contains("No provider is registered on the module path or class path."), none);
    }

    /**
     * One instance per provider per process: the same object from every accessor, closed once by
     * closeAll (a fresh one after), the shutdown hook closing the second; and a refused provider
     * of higher priority is reported once on stderr when a lower one is chosen implicitly.
     */
    @ParameterizedTest
    @EnumSource(Path_.class)
    void oneSharedInstanceClosedOnceAndADegradedChoiceIsReported(Path_ how) throws Exception {
        String out = lookup(how, List.of(provider("sa", "alpha", 1, ""), provider("sr", "best", 50, "no native library")),
                List.of(), Map.of(), sharedJar, "test.shared");
        List<String> lines = out.lines().toList();
        assertEquals("warning: RunLock provider 'best' cannot run here (no native library); using 'alpha' instead."
                + " Set ktstr.lock=alpha to make this choice explicit and silence this.", lines.get(0), out);
        assertEquals("same true true true", lines.get(1), out);
        String first = lines.get(2).substring("chosen ".length());
        assertTrue(first.startsWith("alpha@"), out);
        assertEquals("closed " + first, lines.get(3), "closeAll closes the shared instance: " + out);
        assertEquals("fresh true", lines.get(4), out);
        assertTrue(lines.get(5).startsWith("closed alpha@") && !lines.get(5).equals("closed " + first),
                "the shutdown hook closes the second instance: " + out);
        assertEquals(6, lines.size(), "nothing closed twice, no second warning: " + out);

        String explicit = lookup(how, List.of(provider("sa", "alpha", 1, ""), provider("sr", "best", 50, "no native library")),
                List.of("-Dktstr.lock=alpha"), Map.of(), sharedJar, "test.shared");
        assertFalse(explicit.contains("warning:"), "an explicit choice is not a degradation: " + explicit);
    }
}
