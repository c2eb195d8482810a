package dev.ktstr.report;

import dev.ktstr.api.codec.SerdeJson;
import dev.ktstr.report.text.TerminalText;
import dev.ktstr.api.schema.SchemaField;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.report.text.JsonText;
import dev.ktstr.report.text.RustFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** {@code stats explain-sidecar}: which optional fields are absent across a run, and why. */
public final class ExplainSidecar {
    /** The JSON shape version upstream stamps. */
    public static final String SCHEMA_VERSION = "1";

    /** Whether an absent field is normal or something an operator can fix. */
    public enum Classification {
        /** Absent by design or by the kind of run; nothing to fix. */
        EXPECTED,
        /** Absent because of how the run was set up; the catalog names the fix. */
        ACTIONABLE;

        /**
         * The classification as the report prints it.
         *
         * @return the lower-case constant name ({@code expected} or {@code actionable})
         */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One optional field of the catalog. */
    public record CatalogEntry(String field, Classification classification, List<String> causes,
            Optional<String> fix, Predicate<SidecarResult> populated) {
    }

    private static final List<CatalogEntry> CATALOG = List.of(
            entry("scheduler_commit", Classification.EXPECTED, null,
                    "no SchedulerSpec variant currently exposes a reliable commit source \u2014 reserved on the schema"
                            + " for future enrichment (e.g. --version probe or ELF-note read on the resolved scheduler"
                            + " binary)"),
            entry("project_commit", Classification.ACTIONABLE,
                    "run from inside a git-tracked source tree with at least one commit",
                    "current_dir() could not be resolved at sidecar-write time (process cwd was rmdir'd while alive)",
                    "test process cwd was not inside any git repository",
                    "HEAD could not be read (unborn HEAD on a fresh `git init` with zero commits, or a corrupt"
                            + " repository)"),
            entry("payload", Classification.EXPECTED, null,
                    "test declared no binary payload (scheduler-only test or pure-scenario test that never invokes"
                            + " ctx.payload(...))"),
            entry("monitor", Classification.ACTIONABLE, null,
                    "host-only test path: monitor loop never started",
                    "early VM failure: monitor loop terminated before producing samples",
                    "sample collection produced no valid data"),
            entry("kvm_stats", Classification.ACTIONABLE, null,
                    "host-only test path: VM did not run",
                    "KVM stats were unavailable on this host (e.g. KVM module not loaded, /dev/kvm permissions, or"
                            + " kernel missing the stats interface)"),
            entry("kernel_version", Classification.ACTIONABLE, null,
                    "host-only test path: no kernel under test",
                    "neither cache metadata nor `include/config/kernel.release` yielded a version string"),
            entry("kernel_commit", Classification.ACTIONABLE,
                    "set KTSTR_KERNEL to a local kernel source tree that is a git repository (e.g. a git clone of the"
                            + " kernel)",
                    "KTSTR_KERNEL is unset or empty",
                    "kernel source is a Tarball or Git transient cache entry (no on-disk source tree to probe)",
                    "resolved kernel directory is not a git repository (gix::open failed)",
                    "HEAD cannot be read (unborn HEAD on a fresh `git init` with zero commits)",
                    "gix probe failed for another reason \u2014 metadata, not a gate"),
            entry("host", Classification.ACTIONABLE,
                    "for pre-enrichment archives, re-run the test to regenerate under the current schema; test-fixture"
                            + " sidecars are not production runs and cannot be recovered by re-running",
                    "test-fixture path: not the production sidecar writer (production writers always populate"
                            + " `host`)",
                    "pre-enrichment archive: sidecar predates the host-context landing \u2014 re-run the test to"
                            + " regenerate under the current schema"),
            entry("cleanup_duration_ms", Classification.ACTIONABLE, null,
                    "host-only / host-only-stub test path: no VM teardown window to time",
                    "run was killed by the watchdog before `KtstrVm::collect_results` returned"),
            entry("run_source", Classification.ACTIONABLE,
                    "re-run the test to regenerate, or rename the on-disk `source` key to `run_source`",
                    "pre-rename archive: sidecar carries the old `source` key which the current schema drops as an"
                            + " unknown field, leaving `run_source` to fall back to None via serde's tolerate-absence"
                            + " rule. Re-run the test to regenerate under the new schema, or rename the key in-place"
                            + " before deserialize"));

    private ExplainSidecar() {
    }

    /**
     * The ten optional fields, in catalog order.
     *
     * @return the catalog entries
     */
    public static List<CatalogEntry> catalog() {
        return CATALOG;
    }

    /**
     * Checks a {@code --run} argument as upstream does before joining it onto the root: not
     * empty, and only normal path components (no leading {@code .}, no {@code ..}, not absolute).
     *
     * @throws ReportException with upstream's message
     * @param run the {@code --run} value
     */
    public static void validateRunArgument(String run) {
        if (run.isEmpty()) {
            throw new ReportException("run argument must not be empty. The run argument is joined onto the run-root"
                    + " via `Path::join` and must contain at least one `Normal` path component \u2014 i.e. must not be"
                    + " empty, `.`, `..`, or absolute (e.g. a typical run key shape: `6.14-abc1234` or"
                    + " `6.14-abc1234-dirty`). To point at a different pool root, use `--dir`. Run `ktstr-sidecar stats"
                    + " list` to enumerate available run keys.");
        }
        String[] parts = run.split("/", -1);
        boolean bad = run.startsWith("/") || parts[0].equals(".");
        for (String p : parts) {
            bad |= p.equals("..");
        }
        if (bad) {
            throw new ReportException("run '" + run + "' contains pool-root-aliasing or path-traversal components (`.`,"
                    + " `..`, or absolute path). The run argument is joined onto the run-root via `Path::join` and must"
                    + " contain only `Normal` path components \u2014 no `.`, `..`, or absolute prefix (e.g. a typical run"
                    + " key shape: `6.14-abc1234` or `6.14-abc1234-dirty`; multi-component paths like `gauntlet/job-1`"
                    + " are also accepted). To point at a different pool root, use `--dir`. Run `ktstr-sidecar stats"
                    + " list` to enumerate available run keys.");
        }
    }

    /**
     * Upstream's error when the walk counted no file.
     *
     * @param run the {@code --run} value
     * @param runDir the directory searched, as shown to the operator
     * @return the message
     */
    public static String noSidecarDataMessage(String run, String runDir) {
        return "run '" + run + "' has no sidecar data (searched " + runDir + ")";
    }

    /**
     * The text report (no extra final newline). Errors are listed by path, byte order.
     *
     * @param w the walk's counts and the absent fields found
     * @return the report text
     */
    public static String text(WalkStats w) {
        StringBuilder out = new StringBuilder();
        out.append("walked ").append(w.walked()).append(" sidecar file(s), parsed ").append(w.valid().size())
                .append(" valid\n\n");
        for (SidecarResult sc : sortedValid(w)) {
            out.append("test: ").append(sc.testName()).append('\n');
            out.append("  topology: ").append(sc.topology()).append('\n');
            out.append("  scheduler: ").append(sc.scheduler()).append('\n');
            out.append("  run_id: ").append(sc.runId()).append('\n');
            out.append("  arch: ").append(sc.host().flatMap(h -> h.arch()).orElse("-")).append('\n');
            List<String> populated = new ArrayList<>();
            List<CatalogEntry> missing = new ArrayList<>();
            for (CatalogEntry e : CATALOG) {
                if (e.populated().test(sc)) {
                    populated.add(e.field());
                } else {
                    missing.add(e);
                }
            }
            out.append("  populated optional fields (").append(populated.size()).append("): ")
                    .append(populated.isEmpty() ? "<none>" : String.join(", ", populated)).append('\n');
            if (missing.isEmpty()) {
                out.append("  none fields: <all populated>\n\n");
                continue;
            }
            out.append("  none fields (").append(missing.size()).append("):\n");
            for (CatalogEntry e : missing) {
                out.append("    ").append(e.field()).append(" [").append(e.classification().label()).append("]\n");
                e.causes().forEach(c -> out.append("      - ").append(c).append('\n'));
                e.fix().ifPresent(f -> out.append("      fix: ").append(f).append('\n'));
            }
            out.append('\n');
        }
        List<WalkStats.ParseError> errors = sortedErrors(w);
        if (!errors.isEmpty()) {
            out.append("corrupt sidecars (").append(errors.size()).append("):\n");
            for (WalkStats.ParseError e : errors) {
                out.append("  ").append(e.path()).append('\n');
                out.append("    error: ").append(e.error()).append('\n');
                e.enrichedMessage().ifPresent(m -> out.append("    enriched: ").append(m).append('\n'));
            }
            out.append('\n');
        }
        List<WalkStats.IoError> io = sortedIo(w);
        if (!io.isEmpty()) {
            out.append("io errors (").append(io.size()).append("):\n");
            for (WalkStats.IoError e : io) {
                out.append("  ").append(e.path()).append('\n');
                out.append("    error: ").append(e.error()).append('\n');
            }
            out.append('\n');
        }
        return TerminalText.visibleLines(out.toString()); // names, paths, errors: shown, not obeyed
    }

    /**
     * Upstream's JSON ({@code _schema_version}, {@code _walk}, {@code fields}); no final newline.
     *
     * @param w the walk's counts and the absent fields found
     * @return the JSON text
     */
    public static String json(WalkStats w) {
        TreeMap<String, CatalogEntry> byName = new TreeMap<>(RustFormat::compareUtf8);
        CATALOG.forEach(e -> byName.put(e.field(), e));
        return SerdeJson.pretty(g -> {
            g.writeStartObject();
            g.writeStringField("_schema_version", SCHEMA_VERSION);
            g.writeObjectFieldStart("_walk");
            g.writeNumberField("walked", w.walked());
            g.writeNumberField("valid", w.valid().size());
            g.writeArrayFieldStart("errors");
            for (WalkStats.ParseError e : sortedErrors(w)) {
                g.writeStartObject();
                g.writeStringField("path", e.path());
                g.writeStringField("error", e.error());
                g.writeFieldName("enriched_message");
                JsonText.writeOptString(g, e.enrichedMessage());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("io_errors");
            for (WalkStats.IoError e : sortedIo(w)) {
                g.writeStartObject();
                g.writeStringField("path", e.path());
                g.writeStringField("error", e.error());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("fields");
            for (CatalogEntry e : byName.values()) {
                long some = w.valid().stream().filter(e.populated()).count();
                g.writeObjectFieldStart(e.field());
                g.writeNumberField("none_count", w.valid().size() - some);
                g.writeNumberField("some_count", some);
                g.writeStringField("classification", e.classification().label());
                g.writeArrayFieldStart("causes");
                for (String c : e.causes()) {
                    g.writeString(c);
                }
                g.writeEndArray();
                g.writeFieldName("fix");
                JsonText.writeOptString(g, e.fix());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static List<SidecarResult> sortedValid(WalkStats w) {
        List<SidecarResult> out = new ArrayList<>(w.valid());
        out.sort(Comparator.comparing(SidecarResult::testName, RustFormat::compareUtf8)
                .thenComparing(SidecarResult::runId, RustFormat::compareUtf8)
                .thenComparing(SidecarResult::topology, RustFormat::compareUtf8)
                .thenComparing(SidecarResult::scheduler, RustFormat::compareUtf8));
        return out;
    }

    private static List<WalkStats.ParseError> sortedErrors(WalkStats w) {
        List<WalkStats.ParseError> out = new ArrayList<>(w.errors());
        out.sort(Comparator.comparing(WalkStats.ParseError::path, RustFormat::compareUtf8));
        return out;
    }

    private static List<WalkStats.IoError> sortedIo(WalkStats w) {
        List<WalkStats.IoError> out = new ArrayList<>(w.ioErrors());
        out.sort(Comparator.comparing(WalkStats.IoError::path, RustFormat::compareUtf8));
        return out;
    }

    /** An entry whose presence test is the schema's own: the field must be an optional one of {@link SidecarResult}. */
    private static CatalogEntry entry(String field, Classification c, String fix,
            String... causes) {
        SchemaField<SidecarResult> f = SchemaField.named(SidecarResult.fields(), field);
        if (!f.optionalOnRead()) {
            throw new IllegalStateException(field + " is not an optional field of SidecarResult");
        }
        return new CatalogEntry(field, c, List.of(causes), Optional.ofNullable(fix), f::isPresent);
    }
}
