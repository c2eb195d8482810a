package dev.ktstr.report;

import dev.ktstr.api.codec.SerdeJson;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.report.text.JsonText;
import dev.ktstr.report.text.RustFormat;
import dev.ktstr.report.text.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@code stats list}: one row per run, newest first. */
public final class RunList {
    private RunList() {
    }

    /** A summarized run: TESTS, DATE (earliest timestamp) and ARCH (first host arch). */
    public record Row(String run, int tests, Optional<String> date, Optional<String> arch, Optional<Instant> mtime) {
    }

    /**
     * The stderr notice when the runs root has no runs.
     *
     * @param runsRoot the runs directory as shown to the operator
     * @return the notice
     */
    public static String noRunsMessage(String runsRoot) {
        return "no runs found at " + runsRoot + ". Run `cargo ktstr test` to generate sidecar data.";
    }

    /**
     * Rows sorted by mtime descending, then name (byte order); unreadable mtimes last.
     *
     * @param runs the runs found
     * @return one row per run
     */
    public static List<Row> rows(List<RunInfo> runs) {
        List<Row> out = new ArrayList<>();
        for (RunInfo r : runs) {
            Optional<String> date = r.sidecars().stream().map(SidecarResult::timestamp).filter(t -> !t.isEmpty())
                    .min(RustFormat::compareUtf8);
            Optional<String> arch = r.sidecars().stream().flatMap(s -> s.host().stream())
                    .flatMap(h -> h.arch().stream()).findFirst();
            out.add(new Row(r.name(), r.sidecars().size(), date, arch, r.mtime()));
        }
        out.sort(Comparator.<Row, Boolean>comparing(row -> row.mtime().isEmpty())
                .thenComparing((x, y) -> x.mtime().isPresent() && y.mtime().isPresent()
                        ? y.mtime().get().compareTo(x.mtime().get()) : 0)
                .thenComparing(Row::run, RustFormat::compareUtf8));
        return out;
    }

    /**
     * The table (RUN, TESTS, DATE, ARCH) followed by a newline.
     *
     * @param runs the runs found
     * @return the table text
     */
    public static String text(List<RunInfo> runs) {
        Table t = new Table(List.of("RUN", "TESTS", "DATE", "ARCH"));
        for (Row r : rows(runs)) {
            t.addRow(List.of(r.run(), Integer.toString(r.tests()), r.date().orElse("-"), r.arch().orElse("-")));
        }
        return t.render() + "\n";
    }

    /**
     * JSON array of {run, tests, date, arch, mtime}, same order as the text (see docs/cli-json.md).
     *
     * @param runs the runs found
     * @return the pretty-printed JSON array
     */
    public static String json(List<RunInfo> runs) {
        return SerdeJson.pretty(g -> {
            g.writeStartArray();
            for (Row r : rows(runs)) {
                g.writeStartObject();
                g.writeStringField("run", r.run());
                g.writeNumberField("tests", r.tests());
                g.writeFieldName("date");
                JsonText.writeOptString(g, r.date());
                g.writeFieldName("arch");
                JsonText.writeOptString(g, r.arch());
                g.writeFieldName("mtime");
                JsonText.writeOptString(g, r.mtime().map(Instant::toString));
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }
}
