package dev.ktstr.cli;

import dev.ktstr.api.store.IoErrorText;
import dev.ktstr.report.text.TerminalText;
import dev.ktstr.cli.progress.Progress;
import dev.ktstr.api.KtstrException;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.Utf8Order;
import dev.ktstr.api.read.SidecarFiles;
import dev.ktstr.api.schema.SidecarResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sidecar verify}: whether sidecar files parse, are named canonically and hold the
 * canonical bytes.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Check sidecar files: whether each parses, its canonical file name"
                    + " ({test_name}-{variant_hash}.ktstr.json) and whether its actual name matches,"
                    + " and whether its bytes are exactly what the writer would produce.",
            "A PATH that is a file is checked whatever its name; a directory is searched at every depth"
                    + " for files named like sidecars (*.ktstr.*.json). Files are checked in byte order"
                    + " of their paths.",
            "Exit 0 when every file parses and is correctly named (non-canonical bytes are reported,"
                    + " not failed: upstream's writer orders per-vCPU KVM maps arbitrarily); 1 otherwise,"
                    + " including a PATH that does not exist or cannot be listed."})
final class SidecarVerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Sidecar file or directory to search.")
    List<Path> paths;

    @Option(names = "--json", description = "Print JSON (shape: docs/cli-json.md).")
    boolean json;

    /**
     * The verdict on one file (or on a PATH that could not be walked, with {@code parses} false).
     *
     * @param canonicalName  empty when the file does not parse
     * @param error          empty when the file parses
     */
    record FileVerdict(String path, boolean parses, String error, String canonicalName, boolean nameMatches,
            boolean canonicalBytes) {

        boolean ok() {
            return parses && nameMatches;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<FileVerdict> verdicts = new ArrayList<>();
        try (Progress progress = Progress.onTerminal(err, "files checked")) {
            for (Path p : paths) {
                int before = verdicts.size();
                collect(p, v -> {
                    verdicts.add(v);
                    progress.step();
                });
                if (verdicts.size() == before && Files.isDirectory(p)) {
                    progress.erase();
                    err.println("ktstr-sidecar: no sidecar files under " + TerminalText.visible(p.toString()));
                }
            }
        }
        if (json) {
            out.println(json(verdicts));
        } else {
            out.print(text(verdicts));
        }
        out.flush();
        return verdicts.stream().allMatch(FileVerdict::ok) ? 0 : 1;
    }

    /**
     * Verifies {@code path} (a file, or every sidecar-named file below a directory) into {@code sink}.
     * Nothing stops the walk: a file or directory that cannot be read is one failed verdict and
     * the walk goes on. Symbolic links are followed, but no directory is walked twice (by device
     * and inode), so link loops and links fanning out to one directory end at once.
     */
    static void collect(Path path, Consumer<FileVerdict> sink) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            sink.accept(failure(path, "no such file or directory"));
            return;
        } catch (IOException | RuntimeException e) {
            sink.accept(failure(path, "cannot read: " + IoErrorText.describe(e)));
            return;
        }
        if (attrs.isDirectory()) {
            walk(path, attrs, sink);
        } else {
            sink.accept(verify(path));
        }
    }

    /** One directory being listed: its entries in byte order of their names, and how far the walk got. */
    private static final class Level {
        final List<Path> entries;
        int next;

        Level(List<Path> entries) {
            this.entries = entries;
        }
    }

    /** Depth first, without recursion (a deep tree cannot overflow the stack), each directory once. */
    private static void walk(Path top, BasicFileAttributes topAttrs, Consumer<FileVerdict> sink) {
        Set<Object> visited = new HashSet<>();
        Set<Path> visitedPaths = new HashSet<>(); // where a file system gives no file key
        Deque<Level> stack = new ArrayDeque<>();
        enter(top, topAttrs, visited, visitedPaths, stack, sink);
        while (!stack.isEmpty()) {
            Level level = stack.peek();
            if (level.next == level.entries.size()) {
                stack.pop();
                continue;
            }
            Path e = level.entries.get(level.next++);
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(e, BasicFileAttributes.class);
            } catch (IOException | RuntimeException ex) {
                attrs = null; // a dangling link or an unreadable entry: a sidecar name makes it an error below
            }
            if (attrs != null && attrs.isDirectory()) {
                enter(e, attrs, visited, visitedPaths, stack, sink);
            } else if (isSidecarName(e)) {
                sink.accept(verify(e));
            }
        }
    }

    /** Lists {@code dir} onto the stack unless it was walked already; a listing that fails is one verdict. */
    private static void enter(Path dir, BasicFileAttributes attrs, Set<Object> visited, Set<Path> visitedPaths,
            Deque<Level> stack, Consumer<FileVerdict> sink) {
        Object key = attrs.fileKey();
        if (key != null ? !visited.add(key) : !visitedPaths.add(realPath(dir))) {
            return; // a link back into, or across to, a directory already walked
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = SidecarFiles.newDirectoryStream(dir)) {
            for (Path e : ds) {
                entries.add(e);
            }
        } catch (IOException | RuntimeException e) {
            // DirectoryIteratorException (readdir failed half way, as in /proc/1/map_files) included:
            // the entries read so far are still walked.
            Throwable cause = e instanceof DirectoryIteratorException && e.getCause() != null ? e.getCause() : e;
            sink.accept(failure(dir, "cannot list directory: " + IoErrorText.describe(cause)));
        }
        entries.sort((a, b) -> Utf8Order.INSTANCE.compare(a.getFileName().toString(), b.getFileName().toString()));
        stack.push(new Level(entries));
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    private static boolean isSidecarName(Path p) {
        Path name = p.getFileName();
        return name != null && SidecarNames.isSidecarFile(name.toString());
    }

    /**
     * The verdict on one file, read with {@link SidecarFiles#readBounded(Path)}: a FIFO, socket or
     * device is never opened, a file above {@code ktstr.maxSidecarBytes} is not read past the limit.
     */
    static FileVerdict verify(Path file) {
        byte[] bytes;
        try {
            bytes = SidecarFiles.readBounded(file);
        } catch (NoSuchFileException e) {
            return failure(file, "cannot read: no such file or directory");
        } catch (IOException | RuntimeException e) {
            return failure(file, "cannot read: " + IoErrorText.describe(e));
        }
        try {
            SidecarResult r;
            try {
                r = SidecarCodec.read(bytes);
            } catch (KtstrException e) {
                return failure(file, e.getMessage());
            }
            String canonical = SidecarNames.fileName(r);
            Path leaf = file.getFileName();
            boolean nameMatches = leaf != null && leaf.toString().equals(canonical);
            boolean canonicalBytes = Arrays.equals(bytes, SidecarCodec.write(r));
            return new FileVerdict(file.toString(), true, "", canonical, nameMatches, canonicalBytes);
        } catch (OutOfMemoryError e) {
            return failure(file, "cannot check: " + file.toFile().length()
                    + " bytes do not fit in this JVM's heap (raise -Xmx or lower " + SidecarFiles.MAX_BYTES_PROPERTY + ")");
        } catch (RuntimeException e) {
            return failure(file, "cannot check: " + IoErrorText.describe(e));
        }
    }

    private static FileVerdict failure(Path path, String error) {
        return new FileVerdict(path.toString(), false, error, "", false, false);
    }

    /** The text report; paths, errors and names from files show their control characters escaped. */
    static String text(List<FileVerdict> verdicts) {
        StringBuilder b = new StringBuilder();
        for (FileVerdict raw : verdicts) {
            FileVerdict v = new FileVerdict(TerminalText.visible(raw.path()), raw.parses(),
                    TerminalText.visible(raw.error()), TerminalText.visible(raw.canonicalName()), raw.nameMatches(),
                    raw.canonicalBytes());
            if (!v.parses()) {
                b.append("ERROR     ").append(v.path()).append(": ").append(v.error()).append('\n');
            } else if (!v.nameMatches()) {
                b.append("MISNAMED  ").append(v.path()).append(" (canonical name: ").append(v.canonicalName())
                        .append(v.canonicalBytes() ? "" : "; bytes not canonical").append(")\n");
            } else if (!v.canonicalBytes()) {
                b.append("BYTES     ").append(v.path()).append(" (parses, but the writer would lay it out differently)\n");
            } else {
                b.append("ok        ").append(v.path()).append('\n');
            }
        }
        Summary s = Summary.of(verdicts);
        b.append("summary: ").append(s.files()).append(" files, ").append(s.parseErrors()).append(" not parsed, ")
                .append(s.misnamed()).append(" misnamed, ").append(s.nonCanonicalBytes())
                .append(" with non-canonical bytes\n");
        return b.toString();
    }

    /** Counts over all verdicts; a file that does not parse counts only as not parsed. */
    record Summary(int files, int parsed, int parseErrors, int misnamed, int nonCanonicalBytes, boolean ok) {
        static Summary of(List<FileVerdict> vs) {
            int parsed = (int) vs.stream().filter(FileVerdict::parses).count();
            int misnamed = (int) vs.stream().filter(v -> v.parses() && !v.nameMatches()).count();
            int bytes = (int) vs.stream().filter(v -> v.parses() && !v.canonicalBytes()).count();
            return new Summary(vs.size(), parsed, vs.size() - parsed, misnamed, bytes,
                    vs.stream().allMatch(FileVerdict::ok));
        }
    }

    /** The {@code --json} view. */
    record VerifyJson(List<FileJson> files, Summary summary) {
    }

    /** One file of {@link VerifyJson}: {@code error} only when it does not parse, {@code canonical_name} only when it does. */
    record FileJson(String path, boolean parses, String error, String canonicalName, boolean nameMatches,
            boolean canonicalBytes) {
    }

    static String json(List<FileVerdict> verdicts) {
        return CliJson.pretty(new VerifyJson(verdicts.stream().map(v -> new FileJson(v.path(), v.parses(),
                v.parses() ? null : v.error(), v.parses() ? v.canonicalName() : null, v.nameMatches(),
                v.canonicalBytes())).toList(), Summary.of(verdicts)));
    }
}
