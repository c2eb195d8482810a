/**
 * The JGit {@link dev.ktstr.api.spi.CommitProbe} (name {@code jgit}): short HEAD commit and
 * dirty state of the project and kernel trees, and the revspecs of {@code stats compare},
 * without a {@code git} executable.
 * Exports nothing; reach it through {@link dev.ktstr.api.Providers}.
 *
 * @provides dev.ktstr.api.spi.CommitProbe
 */
module dev.ktstr.git {
    requires dev.ktstr.api;
    requires org.eclipse.jgit;
    // JGit is an automatic module and cannot require SLF4J, which it logs through: this line
    // resolves slf4j-api (and, by service binding, whichever binding is on the path) without
    // --add-modules. Without a binding SLF4J prints its own one-time "no providers" warning.
    requires org.slf4j;

    provides dev.ktstr.api.spi.CommitProbe with dev.ktstr.git.JGitCommitProbe;
}
