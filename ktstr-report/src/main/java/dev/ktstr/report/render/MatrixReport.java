package dev.ktstr.report.render;

import dev.ktstr.api.codec.SerdeJson;
import dev.ktstr.report.matrix.PassMatrix;
import dev.ktstr.report.text.Table;
import dev.ktstr.report.text.TerminalText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The renderings of a {@link PassMatrix}: text, JSON, Markdown and HTML (a coloured grid). */
public final class MatrixReport {
    /** Bumped only on incompatible changes of the JSON shape. */
    public static final String SCHEMA_VERSION = "1";

    private MatrixReport() {
    }

    /**
     * A table of {@code pass/fail/skip} cells, with a legend and totals.
     *
     * @param m the computed matrix
     * @return the text table
     */
    public static String text(PassMatrix m) {
        List<String> header = new ArrayList<>();
        header.add(m.rowAxis().cliName() + " \\ " + m.colAxis().cliName());
        header.addAll(m.cols());
        Table t = new Table(header);
        for (int i = 0; i < m.rows().size(); i++) {
            List<String> line = new ArrayList<>();
            line.add(m.rows().get(i));
            for (PassMatrix.Counts c : m.cells().get(i)) {
                line.add(c.total() == 0 ? "-" : c.pass() + "/" + c.fail() + "/" + c.skip());
            }
            t.addRow(line);
        }
        PassMatrix.Counts total = m.totals();
        return t.render() + "\n\ncells: pass/fail/skip sidecars; - = none\n" + TerminalText.visible(
                "total: " + total.pass() + " pass, " + total.fail() + " fail, " + total.skip() + " skip over "
                        + m.sidecars() + " sidecars (" + m.pooled() + " pooled)") + "\n";
    }

    /**
     * Pretty JSON, no final newline (shape: docs/cli-json.md).
     *
     * @param m the computed matrix
     * @return the pretty-printed JSON object
     */
    public static String json(PassMatrix m) {
        return SerdeJson.pretty(g -> {
            g.writeStartObject();
            g.writeStringField("_schema_version", SCHEMA_VERSION);
            g.writeStringField("rows_axis", m.rowAxis().cliName());
            g.writeStringField("cols_axis", m.colAxis().cliName());
            g.writeArrayFieldStart("rows");
            for (String r : m.rows()) {
                g.writeString(r);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("cols");
            for (String c : m.cols()) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("cells");
            for (int i = 0; i < m.rows().size(); i++) {
                for (int j = 0; j < m.cols().size(); j++) {
                    PassMatrix.Counts c = m.cells().get(i).get(j);
                    if (c.total() == 0) {
                        continue;
                    }
                    g.writeStartObject();
                    g.writeStringField("row", m.rows().get(i));
                    g.writeStringField("col", m.cols().get(j));
                    g.writeNumberField("pass", c.pass());
                    g.writeNumberField("fail", c.fail());
                    g.writeNumberField("skip", c.skip());
                    g.writeStringField("state", c.state());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            PassMatrix.Counts t = m.totals();
            g.writeObjectFieldStart("totals");
            g.writeNumberField("pass", t.pass());
            g.writeNumberField("fail", t.fail());
            g.writeNumberField("skip", t.skip());
            g.writeNumberField("sidecars", m.sidecars());
            g.writeNumberField("pooled", m.pooled());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /**
     * A GitHub-flavoured Markdown table, ending with a newline.
     *
     * @param m the computed matrix
     * @return the Markdown text
     */
    public static String markdown(PassMatrix m) {
        StringBuilder out = new StringBuilder();
        PassMatrix.Counts t = m.totals();
        out.append("### ktstr pass matrix: ").append(Markdown.text(m.rowAxis().cliName())).append(" \u00d7 ")
                .append(Markdown.text(m.colAxis().cliName())).append("\n\n");
        out.append(t.fail() > 0 ? ":red_circle: " : ":white_check_mark: ").append("**").append(t.pass())
                .append(" pass**, ").append(t.fail()).append(" fail, ").append(t.skip()).append(" skip over ")
                .append(m.sidecars()).append(" sidecars. Cells: pass/fail/skip.\n\n");
        out.append("| ").append(Markdown.text(m.rowAxis().cliName() + " \\ " + m.colAxis().cliName())).append(" |");
        m.cols().forEach(c -> out.append(' ').append(Markdown.code(c)).append(" |"));
        out.append("\n|---|");
        m.cols().forEach(c -> out.append(":---:|"));
        out.append('\n');
        for (int i = 0; i < m.rows().size(); i++) {
            out.append("| ").append(Markdown.code(m.rows().get(i))).append(" |");
            for (PassMatrix.Counts c : m.cells().get(i)) {
                String mark = switch (c.state()) {
                    case "pass" -> ":green_circle: ";
                    case "fail" -> ":red_circle: ";
                    case "mixed" -> ":yellow_circle: ";
                    case "skip" -> ":white_circle: ";
                    default -> "";
                };
                out.append(' ').append(c.total() == 0 ? "\u2013" : mark + c.pass() + "/" + c.fail() + "/" + c.skip())
                        .append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * One self-contained HTML page: the grid coloured by state, counts in every cell.
     *
     * @param m the computed matrix
     * @param filter the filter description shown in the page header
     * @return the HTML document
     */
    public static String html(PassMatrix m, String filter) {
        Map<String, Object> s = new HashMap<>();
        s.put("css", Templates.resource("report.css"));
        s.put("rowsAxis", m.rowAxis().cliName());
        s.put("colsAxis", m.colAxis().cliName());
        s.put("cols", m.cols());
        s.put("filter", filter);
        PassMatrix.Counts t = m.totals();
        s.put("pass", t.pass());
        s.put("fail", t.fail());
        s.put("skip", t.skip());
        s.put("sidecars", m.sidecars());
        s.put("pooled", m.pooled());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < m.rows().size(); i++) {
            Map<String, Object> r = new HashMap<>();
            r.put("name", m.rows().get(i));
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int j = 0; j < m.cols().size(); j++) {
                PassMatrix.Counts c = m.cells().get(i).get(j);
                Map<String, Object> cell = new HashMap<>();
                cell.put("col", m.cols().get(j));
                cell.put("state", c.state());
                cell.put("pass", c.pass());
                cell.put("fail", c.fail());
                cell.put("skip", c.skip());
                cell.put("text", c.total() == 0 ? "\u2013" : c.pass() + " / " + c.fail() + " / " + c.skip());
                cells.add(cell);
            }
            r.put("cells", cells);
            rows.add(r);
        }
        s.put("rows", rows);
        return Templates.render("matrix.html.mustache", s);
    }
}
