package dev.ktstr.fs;

import dev.ktstr.api.store.IoError;
import dev.ktstr.api.store.ParseError;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.SidecarParser;
import dev.ktstr.api.store.StoredSidecar;
import dev.ktstr.api.store.WalkProblem;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Walks runs in two phases: list (which files to load, which problems met), then load (read each
 * file's bytes, parse, drop the bytes), in parallel on a small pool when there are many files,
 * with results kept in location order.
 */
final class RunWalker {

    /** Below this many files a run is loaded on the calling thread. */
    private static final int PARALLEL_THRESHOLD = 32;

    private final ExecutorService pool;

    RunWalker(ExecutorService pool) {
        this.pool = pool;
    }

    /** What the listing phase found in one run. */
    static final class Plan {
        final String location;
        final List<Path> files = new ArrayList<>();
        final List<WalkProblem> problems = new ArrayList<>();

        Plan(String location) {
            this.location = location;
        }
    }

    /** Lists {@code dir} and one level of its subdirectories. */
    Plan plan(Path dir) {
        Plan plan = new Plan(dir.toString());
        List<Path> subdirs = new ArrayList<>();
        if (!list(dir, plan, entry -> {
            if (Files.isDirectory(entry)) {
                subdirs.add(entry);
            } else {
                consider(entry, plan);
            }
        })) {
            return plan;
        }
        subdirs.sort((a, b) -> FsNames.UTF8_ORDER.compare(a.toString(), b.toString()));
        Set<Object> seen = new HashSet<>();
        Object rootKey = fileKey(dir);
        if (rootKey != null) {
            seen.add(rootKey);
        }
        for (Path sub : subdirs) {
            Object key = fileKey(sub);
            if (key != null && !seen.add(key)) {
                plan.problems.add(new WalkProblem(sub.toString(), WalkProblem.Kind.SYMLINK_LOOP,
                        "resolves to a directory already walked; not walked again"));
                continue;
            }
            // At depth one every predicate-matching entry is tried, directories included (as upstream).
            list(sub, plan, entry -> consider(entry, plan));
        }
        plan.files.sort((a, b) -> FsNames.UTF8_ORDER.compare(a.toString(), b.toString()));
        return plan;
    }

    private interface EntryVisitor {
        void visit(Path entry);
    }

    /** Lists one directory; false (with a problem recorded unless it is simply missing) when it cannot be. */
    private static boolean list(Path dir, Plan plan, EntryVisitor visitor) {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                visitor.visit(entry);
            }
            return true;
        } catch (NoSuchFileException | NotDirectoryException e) {
            return false; // a run that does not exist (or vanished) is empty, as upstream
        } catch (IOException | DirectoryIteratorException e) {
            Throwable cause = e instanceof DirectoryIteratorException ? e.getCause() : e;
            plan.problems.add(new WalkProblem(dir.toString(), WalkProblem.Kind.UNREADABLE_DIRECTORY,
                    FsErrors.describe(cause)));
            return false;
        }
    }

    private static void consider(Path entry, Plan plan) {
        Path name = entry.getFileName();
        if (name == null) {
            return;
        }
        String text = name.toString();
        if (!FsNames.isFaithful(name)) {
            // Upstream's predicate is false for a non-UTF-8 name; report the ones that look like sidecars.
            if (FsNames.isSidecarName(text)) {
                plan.problems.add(new WalkProblem(entry.toString(), WalkProblem.Kind.NON_UTF8_NAME,
                        "file name is not valid UTF-8; not read as a sidecar"));
            }
            return;
        }
        if (FsNames.isSidecarName(text)) {
            plan.files.add(entry);
        }
    }

    private static Object fileKey(Path dir) {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Loads every planned file into a collection. */
    <T> RunCollection<T> load(Plan plan, SidecarParser<T> parser) {
        List<Outcome<T>> outcomes = loadFiles(plan.files, parser);
        return assemble(plan, outcomes);
    }

    /** Loads several plans, sharing the pool across all their files. */
    <T> List<RunCollection<T>> loadAll(List<Plan> plans, SidecarParser<T> parser) {
        List<Path> all = new ArrayList<>();
        for (Plan p : plans) {
            all.addAll(p.files);
        }
        List<Outcome<T>> outcomes = loadFiles(all, parser);
        List<RunCollection<T>> result = new ArrayList<>(plans.size());
        int from = 0;
        for (Plan p : plans) {
            result.add(assemble(p, outcomes.subList(from, from + p.files.size())));
            from += p.files.size();
        }
        return result;
    }

    private static <T> RunCollection<T> assemble(Plan plan, List<Outcome<T>> outcomes) {
        List<StoredSidecar<T>> valid = new ArrayList<>();
        List<ParseError> parseErrors = new ArrayList<>();
        List<IoError> ioErrors = new ArrayList<>();
        for (Outcome<T> o : outcomes) {
            if (o.value != null) {
                valid.add(new StoredSidecar<>(o.location, o.value));
            } else if (o.parseError != null) {
                parseErrors.add(o.parseError);
            } else {
                ioErrors.add(o.ioError);
            }
        }
        return new RunCollection<>(plan.location, outcomes.size(), valid, parseErrors, ioErrors, plan.problems);
    }

    private <T> List<Outcome<T>> loadFiles(List<Path> files, SidecarParser<T> parser) {
        List<Outcome<T>> out = new ArrayList<>(files.size());
        if (files.size() < PARALLEL_THRESHOLD || pool == null) {
            for (Path f : files) {
                out.add(loadOne(f, parser));
            }
            return out;
        }
        List<Future<Outcome<T>>> futures = new ArrayList<>(files.size());
        for (Path f : files) {
            futures.add(pool.submit(() -> loadOne(f, parser)));
        }
        for (int i = 0; i < futures.size(); i++) {
            try {
                out.add(futures.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(fu -> fu.cancel(true));
                throw new IllegalStateException("interrupted while reading sidecars", e);
            } catch (ExecutionException e) {
                // loadOne catches everything it can meet; an Error here is a JVM problem.
                out.add(Outcome.io(files.get(i).toString(), "read failed: " + FsErrors.describe(e.getCause())));
            }
        }
        return out;
    }

    /** Reads one file's bytes, parses them, and lets the bytes go. */
    static <T> Outcome<T> loadOne(Path file, SidecarParser<T> parser) {
        String location = file.toString();
        byte[] bytes;
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                // Reading a FIFO would block the walk; a directory cannot be read.
                return Outcome.io(location, attrs.isDirectory() ? "Is a directory" : "not a regular file");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return Outcome.io(location, FsErrors.describe(e));
        } catch (OutOfMemoryError e) {
            return Outcome.io(location, "file too large to read: " + e.getMessage());
        }
        try {
            T value = parser.parse(location, bytes);
            if (value == null) {
                return Outcome.parse(location, "parser returned no value");
            }
            return Outcome.ok(location, value);
        } catch (IOException e) {
            // The parser could not read the bytes as text (upstream: read_to_string fails on invalid UTF-8).
            return Outcome.io(location, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (Exception e) {
            String msg = e.getMessage();
            return Outcome.parse(location, msg == null || msg.isEmpty() ? e.getClass().getSimpleName() : msg);
        }
    }

    /** Exactly one of value, parse error, IO error. */
    static final class Outcome<T> {
        final String location;
        final T value;
        final ParseError parseError;
        final IoError ioError;

        private Outcome(String location, T value, ParseError parseError, IoError ioError) {
            this.location = location;
            this.value = value;
            this.parseError = parseError;
            this.ioError = ioError;
        }

        static <T> Outcome<T> ok(String location, T value) {
            return new Outcome<>(location, value, null, null);
        }

        static <T> Outcome<T> parse(String location, String raw) {
            return new Outcome<>(location, null, ParseError.of(location, raw), null);
        }

        static <T> Outcome<T> io(String location, String raw) {
            return new Outcome<>(location, null, null, new IoError(location, raw));
        }
    }
}
