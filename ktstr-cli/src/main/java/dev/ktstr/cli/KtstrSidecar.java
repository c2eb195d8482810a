package dev.ktstr.cli;

import dev.ktstr.api.store.IoErrorText;
import dev.ktstr.api.Candidate;
import dev.ktstr.api.KtstrException;
import dev.ktstr.api.Providers;
import dev.ktstr.api.Selection;
import dev.ktstr.api.Spi;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Root command of {@code ktstr-sidecar}. Exit codes: 0 success, 1 error (printed as
 * {@code error: ...} on standard error) or a report's own failure verdict, 2 usage error
 * (at most five lines on standard error: the error, the command's usage line and a hint naming
 * its {@code --help}).
 */
@Command(name = "ktstr-sidecar", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        description = "Reads, writes and reports on ktstr sidecar files.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:error (\"error: ...\" on stderr), or a failing verdict", "2:usage error"})
public final class KtstrSidecar implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI on the process's standard streams and returns its exit code. */
    public static int run(String... args) {
        // UTF-8 whatever the locale: reports carry non-ASCII text (µs, →).
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        try {
            return run(out, err, args);
        } finally {
            // One instance per provider per process: close them (connection pools, walk threads)
            // before exit rather than leaving it to the shutdown hook.
            Providers.closeAll();
            out.flush();
            err.flush();
        }
    }

    /** Runs the CLI with the given streams; returns 0 ok, 1 error, 2 usage error. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        // Only the commands the arguments name get a model (start-up); when that pruned tree
        // cannot parse them, the whole tree parses again, so errors and suggestions are the same.
        CommandLine cl = configure(CommandTree.forArgs(args));
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            cl = commandLine();
        }
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** The whole command tree with this CLI's error handling, for embedding and tests. */
    public static CommandLine commandLine() {
        return configure(CommandTree.whole());
    }

    private static CommandLine configure(CommandLine cl) {
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CliManners.ansi()));
        // Floats as Rust's f64::from_str reads them (inf, infinity, nan in any case; no hex, no
        // d/f suffix); NaN is refused, as no option of this CLI means anything by it.
        cl.registerConverter(Double.class, CliManners::parseFloat);
        cl.registerConverter(Double.TYPE, CliManners::parseFloat);
        cl.setParameterExceptionHandler(CliManners::usageError);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getOut().flush();
            String message = IoErrorText.describe(ex);
            if (!(ex instanceof KtstrException || ex instanceof IOException || ex instanceof UncheckedIOException)) {
                // Not a failure this CLI anticipated: name its type so a bug report says what broke.
                message = ex.getClass().getName() + ": " + message;
            }
            cmd.getErr().println("error: " + message);
            cmd.getErr().flush();
            return 1;
        });
        return cl;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Shows which provider each SPI resolves to and why ({@code probe} shows the same and more). */
    @Command(name = "providers", mixinStandardHelpOptions = true,
            description = "Show the provider chosen for each SPI (store, probe, lock) and why.")
    static final class ProvidersCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Spi<?> spi : Spi.ALL) {
                Selection<?> s = Providers.selected(spi);
                out.println(spi.key() + ": " + s.provider().name() + " (" + s.reason() + ")");
                for (Candidate c : s.candidates()) {
                    out.println("  " + c.describe());
                }
            }
            out.flush();
            return 0;
        }
    }
}
