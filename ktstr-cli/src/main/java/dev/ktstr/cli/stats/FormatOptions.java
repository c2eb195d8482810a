package dev.ktstr.cli.stats;

import dev.ktstr.report.ReportException;
import dev.ktstr.report.render.ReportFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --format FORMAT} and {@code --output FILE} of the report commands. {@code --json}, where
 * a command has it, means {@code --format json}.
 */
final class FormatOptions {
    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Output format: text (default), json, markdown (GitHub-flavoured), html (one"
                    + " self-contained file with inline SVG charts) or junit (JUnit XML; compare only)."
                    + " --json is --format json. Not in upstream.")
    String format;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write the report to FILE (replaced whole, through a temporary file beside it)"
                    + " instead of stdout; the exit status is unchanged. Not in upstream.")
    String output;

    /**
     * The format asked for: {@code --format}, else {@code json} when {@code --json} is set, else text.
     *
     * @throws ParameterException (a usage error) for an unknown format, one this command cannot
     *     render, or {@code --json} with another {@code --format}
     */
    ReportFormat resolve(CommandSpec spec, boolean json, Set<ReportFormat> supported) {
        ReportFormat f = ReportFormat.TEXT;
        if (format != null) {
            f = ReportFormat.parse(format).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "Invalid value for option '--format': '" + format + "' (expected one of "
                            + ReportFormat.names() + ")"));
            if (json && f != ReportFormat.JSON) {
                throw new ParameterException(spec.commandLine(),
                        "--json conflicts with --format " + f.cliName() + " (--json means --format json)");
            }
        } else if (json) {
            f = ReportFormat.JSON;
        }
        if (!supported.contains(f)) {
            throw new ParameterException(spec.commandLine(), "--format " + f.cliName() + " is not available for `stats "
                    + spec.name() + "` (available: " + supported.stream().map(ReportFormat::cliName)
                    .collect(Collectors.joining(", ")) + ")");
        }
        return f;
    }

    static Set<ReportFormat> all() {
        return EnumSet.allOf(ReportFormat.class);
    }

    static Set<ReportFormat> allButJunit() {
        return EnumSet.complementOf(EnumSet.of(ReportFormat.JUNIT));
    }

    /**
     * Prints {@code text} on stdout, or writes it to {@code --output} (UTF-8, replacing the file
     * atomically where the filesystem allows).
     */
    void emit(PrintWriter out, String text) {
        if (output == null) {
            out.print(text);
            out.flush();
            return;
        }
        Path target;
        try {
            target = Path.of(output);
        } catch (InvalidPathException e) {
            throw new ReportException("write report to " + output + ": " + e.getMessage());
        }
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            // Created exclusively with the umask's permissions (createTempFile would make it 0600).
            tmp = dir.resolve("." + target.getFileName() + ".tmp." + ProcessHandle.current().pid() + "."
                    + Long.toHexString(System.nanoTime()));
            Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write failed already; that is the error to report
                }
            }
            throw new ReportException("write report to " + output + ": " + StatsIo.ioText(e));
        }
    }
}
