package dev.ktstr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.jar.Manifest;
import picocli.CommandLine;

/**
 * {@code --version}: the version the build stamped into the CLI jar's manifest
 * ({@code Implementation-Version}), so a release archive says what it is without a source tree.
 */
final class CliVersion implements CommandLine.IVersionProvider {

    /** The stamped version, or {@code unknown} when the CLI runs from classes without a manifest. */
    static String version() {
        String v = KtstrSidecar.class.getPackage().getImplementationVersion();
        if (v != null && !v.isBlank()) {
            return v;
        }
        try (InputStream in = KtstrSidecar.class.getModule().getResourceAsStream("META-INF/MANIFEST.MF")) {
            if (in != null) {
                String mv = new Manifest(in).getMainAttributes().getValue("Implementation-Version");
                if (mv != null && !mv.isBlank()) {
                    return mv;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return KtstrSidecar.class.getModule().getDescriptor() != null
                ? KtstrSidecar.class.getModule().getDescriptor().rawVersion().orElse("unknown") : "unknown";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"ktstr-sidecar " + version()};
    }
}
