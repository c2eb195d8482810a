package dev.ktstr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** How the CLI talks to a person: short usage errors, colour only on a terminal, floats as Rust reads them. */
final class CliManners {
    private CliManners() {
    }

    /** A usage error prints at most this many lines. */
    static final int MAX_USAGE_ERROR_LINES = 5;

    /**
     * Colour when standard output is a terminal (whatever standard input is) and
     * {@code NO_COLOR} is unset or empty (no-color.org); the system property
     * {@code picocli.ansi=true|false} overrides both.
     */
    static CommandLine.Help.Ansi ansi() {
        String forced = System.getProperty("picocli.ansi");
        if (forced != null && !forced.isBlank() && !forced.equalsIgnoreCase("tty")) {
            return Boolean.parseBoolean(forced) ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF;
        }
        String noColor = System.getenv("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return CommandLine.Help.Ansi.OFF;
        }
        return stdoutIsTerminal() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF;
    }

    private static boolean stdoutIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * {@code s} as Rust's {@code f64::from_str}: a decimal with an optional exponent, or
     * {@code inf}, {@code infinity} (any case, optional sign). {@code NaN} parses in Rust but is
     * refused here: no option of this CLI means anything by it.
     */
    static Double parseFloat(String s) {
        String body = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (body.equalsIgnoreCase("nan")) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a number (NaN is not allowed)");
        }
        if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
            return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a number");
        }
        return Double.valueOf(s);
    }

    /**
     * Prints a usage error in at most {@value #MAX_USAGE_ERROR_LINES} lines: picocli's message (its
     * first two lines), picocli's suggestion for a mistyped name, the command's one-line usage, and a
     * hint naming its {@code --help}. Returns 2.
     */
    static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        cmd.getOut().flush();
        List<String> lines = new ArrayList<>();
        // picocli's message as it words it (the tests and scripts of this CLI match on it)
        String[] msg = String.valueOf(ex.getMessage()).strip().split("\n");
        lines.add(msg[0].strip());
        if (msg.length > 1) {
            lines.add("  " + msg[1].strip() + (msg.length > 2 ? " …" : ""));
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            List<String> sugg = u.getSuggestions();
            lines.add("Did you mean: " + String.join(", ", sugg.subList(0, Math.min(3, sugg.size()))) + "?");
        }
        CommandLine.Model.CommandSpec spec = cmd.getCommandSpec();
        lines.add("Usage: " + usageLine(spec));
        lines.add("Try '" + spec.qualifiedName() + " --help' for more information.");
        while (lines.size() > MAX_USAGE_ERROR_LINES) {
            lines.remove(lines.size() > 3 ? 1 : 0);
        }
        for (String l : lines) {
            err.println(l);
        }
        err.flush();
        return spec.exitCodeOnInvalidInput();
    }

    /** {@code ktstr-sidecar stats compare [OPTIONS] [ARGS]} on one line. */
    static String usageLine(CommandLine.Model.CommandSpec spec) {
        StringBuilder b = new StringBuilder(spec.qualifiedName());
        if (!spec.options().isEmpty()) {
            b.append(" [OPTIONS]");
        }
        for (CommandLine.Model.PositionalParamSpec p : spec.positionalParameters()) {
            if (p.hidden()) {
                continue;
            }
            String label = p.paramLabel();
            boolean optional = p.arity().min() == 0;
            boolean many = p.arity().max() > 1 || p.arity().isUnspecified() && p.isMultiValue();
            b.append(' ').append(optional ? "[" : "").append(label).append(many ? "..." : "").append(optional ? "]" : "");
        }
        if (!spec.subcommands().isEmpty()) {
            b.append(" COMMAND");
        }
        return b.toString();
    }
}
