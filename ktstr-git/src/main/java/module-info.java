/**
 * The JGit {@link dev.ktstr.api.spi.CommitProbe} (name {@code jgit}): short HEAD commit and
 * dirty state of the project and kernel trees, without a {@code git} executable.
 * Exports nothing; reach it through {@link dev.ktstr.api.Providers}.
 *
 * @provides dev.ktstr.api.spi.CommitProbe
 */
module dev.ktstr.git {
    requires dev.ktstr.api;
    requires org.eclipse.jgit;

    provides dev.ktstr.api.spi.CommitProbe with dev.ktstr.git.JGitCommitProbe;
}
