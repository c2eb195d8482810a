package dev.ktstr.cli;

import dev.ktstr.api.Candidate;
import dev.ktstr.api.KtstrException;
import dev.ktstr.api.Providers;
import dev.ktstr.api.Selection;
import dev.ktstr.api.Spi;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Root command of {@code ktstr-sidecar}. */
@Command(name = "ktstr-sidecar", mixinStandardHelpOptions = true, version = "ktstr-sidecar 0.1.0-SNAPSHOT",
        description = "Reads, writes and reports on ktstr sidecar files.",
        subcommands = {KtstrSidecar.ProvidersCommand.class, dev.ktstr.cli.stats.StatsCommand.class})
public final class KtstrSidecar implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code: 0 ok, 1 error, 2 usage error. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new KtstrSidecar());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof KtstrException) {
                cmd.getErr().println("error: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Shows which provider each SPI resolves to and why. */
    @Command(name = "providers", description = "Show the provider chosen for each SPI and why.")
    static final class ProvidersCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Spi<?> spi : Spi.ALL) {
                Selection<?> s = Providers.select(spi);
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
