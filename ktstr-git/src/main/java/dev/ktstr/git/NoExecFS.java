package dev.ktstr.git;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.ProcessResult;

/**
 * A JGit file system that never starts a process. Every repository the probe opens uses it, so
 * nothing named in repository (or user) configuration can run during a probe even if a JGit
 * code path reaches for it: clean/smudge filter commands ({@code filter.<name>.clean}, which
 * JGit runs through {@link #runInShell} and {@link #execute}), hooks (also under
 * {@code core.hooksPath}), and the {@code git} executable JGit may otherwise start to locate the
 * system configuration. A refused command surfaces as an {@link IOException} (or, where JGit's
 * signature has none, an unchecked {@link UnsupportedOperationException}); the probe degrades
 * either to its documented fallback. {@link GitTree} also asks JGit for no filter at all, so in
 * practice this is the second line of defence, not the first.
 *
 * <p>ktstr is Linux-only, so this extends JGit's POSIX file system.
 */
final class NoExecFS extends FS_POSIX {

    /** The shared instance, a copy of JGit's detected file system with execution removed. */
    static final NoExecFS INSTANCE = new NoExecFS(FS.DETECTED);

    private NoExecFS(FS src) {
        super(src);
    }

    @Override
    public FS newInstance() {
        return new NoExecFS(this);
    }

    private static String refusal(String what) {
        return "ktstr: the commit probe never runs commands (refused " + what + ")";
    }

    @Override
    public ProcessBuilder runInShell(String cmd, String[] args) {
        throw new UnsupportedOperationException(refusal("shell command"));
    }

    @Override
    public int runProcess(ProcessBuilder pb, OutputStream out, OutputStream err, String stdin) throws IOException {
        throw new IOException(refusal("process " + pb.command()));
    }

    @Override
    public int runProcess(ProcessBuilder pb, OutputStream out, OutputStream err, InputStream stdin) throws IOException {
        throw new IOException(refusal("process " + pb.command()));
    }

    @Override
    public ExecutionResult execute(ProcessBuilder pb, InputStream in) throws IOException {
        throw new IOException(refusal("process " + pb.command()));
    }

    @Override
    public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] args, OutputStream outRedirect,
            OutputStream errRedirect, String stdinArgs) {
        return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
    }

    @Override
    protected ProcessResult internalRunHookIfPresent(Repository repository, String hookName, String[] args,
            OutputStream outRedirect, OutputStream errRedirect, String stdinArgs) {
        return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
    }

    @Override
    public File findHook(Repository repository, String hookName) {
        return null;
    }

    @Override
    protected File discoverGitExe() {
        return null;
    }

    @Override
    protected File discoverGitSystemConfig() {
        return null;
    }
}
