package dev.ktstr.cli;

import dev.ktstr.cli.progress.Progress;
import dev.ktstr.api.KtstrException;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.layout.Utf8Order;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.report.text.JsonText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
                    progress.close();
                    err.println("ktstr-sidecar: no sidecar files under " + p);
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

    /** Verifies {@code path} (a file, or every sidecar-named file below a directory) into {@code sink}. */
    static void collect(Path path, Consumer<FileVerdict> sink) {
        if (Files.isDirectory(path)) {
            walk(path, sink, new HashSet<>());
        } else if (Files.exists(path)) {
            sink.accept(verify(path));
        } else {
            sink.accept(failure(path, "no such file or directory"));
        }
    }

    private static void walk(Path dir, Consumer<FileVerdict> sink, Set<Path> onStack) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            sink.accept(failure(dir, CliErrors.describe(e)));
            return;
        }
        if (!onStack.add(real)) {
            return; // a symbolic link back into a directory being walked
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(entries::add);
        } catch (IOException | UncheckedIOException e) {
            sink.accept(failure(dir, "cannot list directory: " + CliErrors.describe(e)));
            onStack.remove(real);
            return;
        }
        entries.sort((a, b) -> Utf8Order.INSTANCE.compare(a.getFileName().toString(), b.getFileName().toString()));
        for (Path e : entries) {
            if (Files.isDirectory(e)) {
                walk(e, sink, onStack);
            } else if (SidecarNames.isSidecarFile(e.getFileName().toString())) {
                sink.accept(verify(e));
            }
        }
        onStack.remove(real);
    }

    static FileVerdict verify(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                return failure(file, "cannot read: is a directory");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | UncheckedIOException e) {
            return failure(file, "cannot read: " + CliErrors.describe(e));
        }
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
    }

    private static FileVerdict failure(Path path, String error) {
        return new FileVerdict(path.toString(), false, error, "", false, false);
    }

    static String text(List<FileVerdict> verdicts) {
        StringBuilder b = new StringBuilder();
        for (FileVerdict v : verdicts) {
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

    static String json(List<FileVerdict> verdicts) {
        return JsonText.pretty(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("files");
            for (FileVerdict v : verdicts) {
                g.writeStartObject();
                g.writeStringField("path", v.path());
                g.writeBooleanField("parses", v.parses());
                g.writeFieldName("error");
                JsonText.writeOptString(g, v.parses() ? Optional.empty() : Optional.of(v.error()));
                g.writeFieldName("canonical_name");
                JsonText.writeOptString(g, v.parses() ? Optional.of(v.canonicalName()) : Optional.empty());
                g.writeBooleanField("name_matches", v.nameMatches());
                g.writeBooleanField("canonical_bytes", v.canonicalBytes());
                g.writeEndObject();
            }
            g.writeEndArray();
            Summary s = Summary.of(verdicts);
            g.writeObjectFieldStart("summary");
            g.writeNumberField("files", s.files());
            g.writeNumberField("parsed", s.parsed());
            g.writeNumberField("parse_errors", s.parseErrors());
            g.writeNumberField("misnamed", s.misnamed());
            g.writeNumberField("non_canonical_bytes", s.nonCanonicalBytes());
            g.writeBooleanField("ok", s.ok());
            g.writeEndObject();
            g.writeEndObject();
        });
    }
}
