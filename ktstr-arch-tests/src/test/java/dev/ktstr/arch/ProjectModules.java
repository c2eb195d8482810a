package dev.ktstr.arch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleReference;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The project's modules as built: every class-path entry whose module descriptor names a
 * {@code dev.ktstr.*} module, with its location (a jar in a reactor {@code verify}, a
 * {@code target/classes} directory in an IDE). That includes the automatic module
 * {@code dev.ktstr.tck}: only a jar's {@code Automatic-Module-Name} yields a {@code dev.ktstr.}
 * name for a jar without a descriptor (its file name would give {@code ktstr.tck}).
 */
final class ProjectModules {

    /** One built module: its descriptor and where its classes are. */
    record Built(ModuleDescriptor descriptor, Path location) {
        String name() {
            return descriptor.name();
        }

        /** Reads a resource of the module (e.g. a META-INF/services file), if present. */
        Optional<String> resource(String name) {
            try (var reader = ModuleFinder.of(location).find(name()).orElseThrow().open()) {
                Optional<java.io.InputStream> in = reader.open(name);
                if (in.isEmpty()) {
                    return Optional.empty();
                }
                try (var s = in.get()) {
                    return Optional.of(new String(s.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Names of every resource under META-INF/services/. */
        List<String> serviceFiles() {
            try (var reader = ModuleFinder.of(location).find(name()).orElseThrow().open();
                 Stream<String> all = reader.list()) {
                return all.filter(n -> n.startsWith("META-INF/services/") && !n.endsWith("/"))
                        .map(n -> n.substring("META-INF/services/".length())).sorted().collect(Collectors.toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final List<String> EXPECTED = List.of(
            "dev.ktstr.api", "dev.ktstr.cli", "dev.ktstr.fs", "dev.ktstr.git", "dev.ktstr.host", "dev.ktstr.pg",
            "dev.ktstr.posix", "dev.ktstr.report", "dev.ktstr.tck");

    /** The one module without a descriptor, on purpose (see ktstr-tck's pom): a kit, not an implementation. */
    static final String AUTOMATIC = "dev.ktstr.tck";

    private ProjectModules() {
    }

    static List<Built> find() {
        List<Built> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!Files.exists(p)) {
                continue;
            }
            try {
                for (ModuleReference ref : ModuleFinder.of(p).findAll()) {
                    ModuleDescriptor d = ref.descriptor();
                    if (d.name().startsWith("dev.ktstr.")) {
                        out.add(new Built(d, p));
                    }
                }
            } catch (FindException e) {
                // A dependency jar whose automatic name cannot be derived: not ours.
            }
        }
        out.sort(Comparator.comparing(Built::name));
        return out;
    }
}
