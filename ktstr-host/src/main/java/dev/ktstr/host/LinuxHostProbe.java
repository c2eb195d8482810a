package dev.ktstr.host;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.schema.HostContext;
import dev.ktstr.api.spi.HostProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The Linux {@link HostProbe}, name {@code linux}: the host context from {@code /proc},
 * {@code /sys} and the kernel's uname strings (upstream's {@code collect_host_context}; static
 * fields read once per instance, dynamic ones on every call), and the kernel identity from
 * {@code KTSTR_KERNEL} and upstream's kernel cache. Thread-safe; one instance per process
 * through {@link dev.ktstr.api.Providers}.
 */
public final class LinuxHostProbe implements HostProbe {

    private final HostContextCollector collector = HostContextCollector.system();

    /** For {@link java.util.ServiceLoader}. */
    public LinuxHostProbe() {
    }

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public Optional<String> unavailableReason() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.of("not Linux (os.name is '" + os + "')");
        }
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return Optional.of("/proc is not mounted");
        }
        return Optional.empty();
    }

    @Override
    public HostContext hostContext() {
        return collector.collect();
    }

    @Override
    public Optional<String> kernelVersion(Env env) {
        return KernelIdentities.detectVersion(env);
    }

    @Override
    public Optional<Path> kernelSourceDir(Env env) {
        return KernelIdentities.resolveSourceDir(env);
    }

    @Override
    public Optional<Path> kernelRepositoryDir(Env env) {
        return KernelIdentities.revspecRepositoryDir(env);
    }
}
