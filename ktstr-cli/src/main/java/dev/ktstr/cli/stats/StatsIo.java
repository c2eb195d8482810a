package dev.ktstr.cli.stats;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Files;
import dev.ktstr.report.ReportException;
import dev.ktstr.report.text.TerminalText;
import dev.ktstr.api.KtstrException;
import dev.ktstr.api.store.IoError;
import dev.ktstr.api.store.ParseError;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.WalkProblem;
import dev.ktstr.report.text.RustFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Streams, error reporting and load diagnostics shared by the stats commands. */
final class StatsIo {
    private StatsIo() {
    }

    /**
     * Runs a command body: a failure becomes {@code error: <message>} on stderr and exit 1, as
     * upstream's {@code main} does; usage errors ({@link ParameterException}) go on to picocli (exit 2).
     */
    static int guarded(CommandSpec spec, Callable<Integer> body) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return body.call();
        } catch (ParameterException e) {
            throw e;
        } catch (KtstrException | IllegalArgumentException e) {
            return fail(spec, e.getMessage());
        } catch (UncheckedIOException e) {
            return fail(spec, ioText(e.getCause()));
        } catch (IOException e) {
            return fail(spec, ioText(e));
        } catch (Exception e) {
            err.flush();
            throw new IllegalStateException(e);
        } finally {
            spec.commandLine().getOut().flush();
            err.flush();
        }
    }

    private static int fail(CommandSpec spec, String message) {
        spec.commandLine().getOut().flush();
        // Messages may span lines (hints); anything else of control from a path or a value is shown escaped.
        spec.commandLine().getErr().println("error: " + TerminalText.visibleLines(String.valueOf(message)));
        return 1;
    }

    /** Rust's rendering of the common I/O errors ({@code No such file or directory (os error 2)}), else the message. */
    static String ioText(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory (os error 2)";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied (os error 13)";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory (os error 20)";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        if ("Is a directory".equals(e.getMessage())) {
            return "Is a directory (os error 21)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Prints one walk's per-file diagnostics to stderr, as upstream's walkers do while loading:
     * {@code ktstr_test: cannot read ...} and {@code ktstr_test: skipping ...}, in path order
     * (the order the walk met them), then any walk problems.
     */
    static void diagnostics(PrintWriter err, RunCollection<?> run) {
        print(err, run.parseErrors(), run.ioErrors(), run.problems());
    }

    /** {@link #diagnostics(PrintWriter, RunCollection)} for a whole pool. */
    static void diagnostics(PrintWriter err, PoolCollection<?> pool) {
        for (WalkProblem p : pool.problems()) {
            err.println(TerminalText.visible(p.diagnostic()));
        }
        for (RunCollection<?> run : pool.runs()) {
            diagnostics(err, run);
        }
    }

    private static void print(PrintWriter err, List<ParseError> parse, List<IoError> io, List<WalkProblem> problems) {
        List<Map.Entry<String, String>> lines = new ArrayList<>(parse.size() + io.size());
        for (ParseError e : parse) {
            lines.add(new AbstractMap.SimpleImmutableEntry<>(e.location(), e.diagnostic()));
        }
        for (IoError e : io) {
            lines.add(new AbstractMap.SimpleImmutableEntry<>(e.location(), e.diagnostic()));
        }
        lines.sort((a, b) -> RustFormat.compareUtf8(a.getKey(), b.getKey()));
        // Paths and messages come from file names and sidecars: one line each, control characters shown.
        for (Map.Entry<String, String> line : lines) {
            err.println(TerminalText.visible(line.getValue()));
        }
        for (WalkProblem p : problems) {
            err.println(TerminalText.visible(p.diagnostic()));
        }
        err.flush();
    }

    /**
     * {@code location} when it may be listed as a runs root: refuses a FIFO, socket or device (the
     * store would open it to list it, and opening a FIFO blocks until a writer comes). A regular file,
     * a directory or a missing path pass, and read as they always did (a regular file: no runs).
     *
     * @throws ReportException naming the path when it is a FIFO, socket or device
     */
    static String listableRoot(String location) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(Path.of(location), BasicFileAttributes.class);
        } catch (IOException | InvalidPathException e) {
            return location; // missing or unreadable: the store reports it as before
        }
        if (!attrs.isDirectory() && !attrs.isRegularFile()) {
            throw new ReportException(location + ": not a directory (a FIFO, socket or device; not opened)");
        }
        return location;
    }

    /** {@code root.join(id)} with Rust's {@code Path::join} rules: an absolute id replaces the root. */
    static String join(String root, String id) {
        if (id.startsWith("/") || root.isEmpty()) {
            return id;
        }
        return root.endsWith("/") ? root + id : root + "/" + id;
    }
}
