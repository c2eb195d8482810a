package dev.ktstr.api.spi;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.schema.HostContext;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Probes the host a sidecar is written on and the kernel it describes: the {@code host} field
 * (upstream's {@code collect_host_context}), {@code kernel_version} and the source directory
 * whose commit becomes {@code kernel_commit} (both from {@code KTSTR_KERNEL} and the kernel
 * cache). The sidecar writer asks it on every {@code fill}; nothing is memoized across calls
 * unless the provider says so.
 *
 * <p>Nothing here throws for bad or missing input: a host field that cannot be read is left
 * out, and a kernel that cannot be identified is empty. Implementations must be thread-safe.
 */
public interface HostProbe extends KtstrProvider {

    /**
     * This host's context now. A field that cannot be read is left empty; never throws (on a
     * host where nothing can be read, an empty context).
     *
     * @return the host context as the sidecar's {@code host} field records it
     */
    HostContext hostContext();

    /**
     * The kernel version named by {@code KTSTR_KERNEL} in {@code env} (the {@code {kernel}} part
     * of the run directory and the {@code kernel_version} field), or empty when there is none or
     * it cannot be determined.
     *
     * @param env the environment to read {@code KTSTR_KERNEL} from
     * @return the kernel version, e.g. {@code 6.14.2}
     */
    Optional<String> kernelVersion(Env env);

    /**
     * The kernel source directory named by {@code KTSTR_KERNEL} in {@code env}, whose commit is
     * {@code kernel_commit}; empty when there is none.
     *
     * @param env the environment to read {@code KTSTR_KERNEL} from
     * @return the kernel source directory
     */
    Optional<Path> kernelSourceDir(Env env);

    /**
     * The directory {@code stats compare} resolves {@code --*-kernel-commit} revspecs in:
     * {@code KTSTR_KERNEL} taken as a path (the source tree a local cache entry records, when
     * it is one), without consulting the kernel cache. Empty when unset or unusable. The
     * default is {@link #kernelSourceDir}.
     *
     * @param env the environment to read {@code KTSTR_KERNEL} from
     * @return the directory to resolve kernel revspecs in
     */
    default Optional<Path> kernelRepositoryDir(Env env) {
        return kernelSourceDir(env);
    }
}
