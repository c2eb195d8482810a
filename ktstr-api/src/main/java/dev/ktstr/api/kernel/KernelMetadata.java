package dev.ktstr.api.kernel;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code metadata.json} of one kernel cache entry (upstream cache layout). Read with
 * {@link KernelCache#parseMetadata}; optional values are returned as {@link Optional}.
 */
public final class KernelMetadata {

    /** How the kernel source was obtained: the tagged {@code source} object. */
    public sealed interface Source permits Tarball, GitSource, LocalSource {
        /** {@return the {@code type} tag: {@code tarball}, {@code git} or {@code local}} */
        String type();
    }

    /** {@code {"type":"tarball"}}: a kernel.org tarball. */
    public static final class Tarball implements Source {
        static final Tarball INSTANCE = new Tarball();

        private Tarball() {
        }

        @Override
        public String type() {
            return "tarball";
        }

        @Override
        public String toString() {
            return "Tarball";
        }
    }

    /** {@code {"type":"git","git_hash":..,"ref":..}}: a clone of a git URL at a ref. */
    public static final class GitSource implements Source {
        private final String gitHash;
        private final String ref;

        GitSource(String gitHash, String ref) {
            this.gitHash = gitHash;
            this.ref = ref;
        }

        @Override
        public String type() {
            return "git";
        }

        /** {@return the commit the clone was at}, empty when not recorded */
        public Optional<String> gitHash() {
            return Optional.ofNullable(gitHash);
        }

        /** {@return the ref that was cloned (branch, tag or commit)}, empty when not recorded */
        public Optional<String> ref() {
            return Optional.ofNullable(ref);
        }

        @Override
        public String toString() {
            return "Git[git_hash=" + gitHash + ", ref=" + ref + "]";
        }
    }

    /** {@code {"type":"local","source_tree_path":..,"git_hash":..}}: a local source tree. */
    public static final class LocalSource implements Source {
        private final String sourceTreePath;
        private final String gitHash;

        LocalSource(String sourceTreePath, String gitHash) {
            this.sourceTreePath = sourceTreePath;
            this.gitHash = gitHash;
        }

        @Override
        public String type() {
            return "local";
        }

        /** {@return the source tree the entry was built from}, empty when not recorded */
        public Optional<Path> sourceTreePath() {
            return Optional.ofNullable(sourceTreePath).map(Path::of);
        }

        /** {@return the source tree's git commit}, empty when not recorded (not a git checkout) */
        public Optional<String> gitHash() {
            return Optional.ofNullable(gitHash);
        }

        @Override
        public String toString() {
            return "Local[source_tree_path=" + sourceTreePath + ", git_hash=" + gitHash + "]";
        }
    }

    private final String version;
    private final Source source;
    private final String arch;
    private final String imageName;
    private final String configHash;
    private final String builtAt;
    private final String ktstrKconfigHash;
    private final boolean hasVmlinux;
    private final boolean vmlinuxStripped;
    private final Long sourceVmlinuxSize;
    private final Long sourceVmlinuxMtimeSecs;

    KernelMetadata(String version, Source source, String arch, String imageName, String configHash, String builtAt,
            String ktstrKconfigHash, boolean hasVmlinux, boolean vmlinuxStripped, Long sourceVmlinuxSize,
            Long sourceVmlinuxMtimeSecs) {
        this.version = version;
        this.source = Objects.requireNonNull(source, "source");
        this.arch = Objects.requireNonNull(arch, "arch");
        this.imageName = Objects.requireNonNull(imageName, "imageName");
        this.configHash = configHash;
        this.builtAt = Objects.requireNonNull(builtAt, "builtAt");
        this.ktstrKconfigHash = ktstrKconfigHash;
        this.hasVmlinux = hasVmlinux;
        this.vmlinuxStripped = vmlinuxStripped;
        this.sourceVmlinuxSize = sourceVmlinuxSize;
        this.sourceVmlinuxMtimeSecs = sourceVmlinuxMtimeSecs;
    }

    /** {@return the kernel version}, e.g. {@code 6.14.2}; empty for local builds ({@code null} on disk) */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** {@return how the kernel source was obtained ({@code source})} */
    public Source source() {
        return source;
    }

    /** {@return the source tree of a {@code local} entry that recorded one}; else empty */
    public Optional<Path> localSourceTree() {
        return source instanceof LocalSource local ? local.sourceTreePath() : Optional.empty();
    }

    /** {@return the Rust architecture name the kernel was built for ({@code arch})}, e.g. {@code x86_64} */
    public String arch() {
        return arch;
    }

    /** {@return the file name of the kernel image in the entry ({@code image_name})}, e.g. {@code bzImage} */
    public String imageName() {
        return imageName;
    }

    /** {@return the hash of the kernel's {@code .config} ({@code config_hash})}, empty when not recorded */
    public Optional<String> configHash() {
        return Optional.ofNullable(configHash);
    }

    /** {@return the build time ({@code built_at})}, {@code YYYY-MM-DDTHH:MM:SSZ}; entries sort newest first on this text */
    public String builtAt() {
        return builtAt;
    }

    /**
     * {@return the hash of the {@code ktstr.kconfig} fragment the kernel was built with
     * ({@code ktstr_kconfig_hash})}, empty when not recorded
     */
    public Optional<String> ktstrKconfigHash() {
        return Optional.ofNullable(ktstrKconfigHash);
    }

    /** {@return whether the entry holds a {@code vmlinux} next to the image ({@code has_vmlinux})} */
    public boolean hasVmlinux() {
        return hasVmlinux;
    }

    /** {@return whether that {@code vmlinux} was stripped ({@code vmlinux_stripped})} */
    public boolean vmlinuxStripped() {
        return vmlinuxStripped;
    }

    /**
     * Size of the source tree's vmlinux at store time. Upstream's type is u64; values above
     * {@link Long#MAX_VALUE} are returned as their two's-complement {@code long}
     * (read with {@link Long#toUnsignedString}).
     *
     * @return the size in bytes ({@code source_vmlinux_size}), empty when not recorded
     */
    public OptionalLong sourceVmlinuxSize() {
        return sourceVmlinuxSize == null ? OptionalLong.empty() : OptionalLong.of(sourceVmlinuxSize);
    }

    /**
     * {@return the modification time of the source tree's vmlinux at store time, in seconds since
     * the epoch ({@code source_vmlinux_mtime_secs})}, empty when not recorded
     */
    public OptionalLong sourceVmlinuxMtimeSecs() {
        return sourceVmlinuxMtimeSecs == null ? OptionalLong.empty() : OptionalLong.of(sourceVmlinuxMtimeSecs);
    }

    @Override
    public String toString() {
        return "KernelMetadata[version=" + version + ", source=" + source + ", arch=" + arch + ", image_name="
                + imageName + ", built_at=" + builtAt + "]";
    }
}
