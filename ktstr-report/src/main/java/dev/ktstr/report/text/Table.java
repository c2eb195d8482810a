package dev.ktstr.report.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Upstream's borderless table: no borders or separators, every cell rendered as one space,
 * the content left-aligned and padded to the column's display width, one space; lines joined
 * by {@code \n} with no final newline; the header row is always printed. Control characters
 * in cells are rendered visibly escaped ({@link TerminalText#visible(String)}), and the widths
 * are those of the escaped text.
 */
public final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * A table with the given header cells.
     *
     * @param header the header cells; their count fixes the column count
     */
    public Table(List<String> header) {
        this.header = List.copyOf(header);
    }

    /**
     * Appends a body row; it must have as many cells as the header.
     *
     * @param cells the row's cells, one per column
     * @return this table, for chaining
     * @throws IllegalArgumentException when the cell count differs from the header's
     */
    public Table addRow(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("table row has " + cells.size() + " cells, header has " + header.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /**
     * The header cells.
     *
     * @return the header cells (unmodifiable)
     */
    public List<String> header() {
        return header;
    }

    /**
     * The body rows, in insertion order.
     *
     * @return a copy of the body rows
     */
    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    /**
     * Renders without styling.
     *
     * @return the table text, columns padded to their widest cell
     */
    public String render() {
        return render((row, column) -> null);
    }

    /**
     * Renders, wrapping the content of some body cells in a terminal style. The styler gets
     * (body row index, column index) and returns an ANSI start sequence or {@code null}; styled
     * content is followed by a reset, padding stays unstyled, width ignores the escapes.
     *
     * @param styler (row, column) to an ANSI start sequence, or {@code null} for no style
     * @return the table text
     */
    public String render(BiFunction<Integer, Integer, String> styler) {
        Objects.requireNonNull(styler, "styler");
        // Cells come from sidecars and file names: their control characters are shown, not obeyed.
        List<String> head = visible(header);
        List<List<String>> body = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            body.add(visible(row));
        }
        int[] widths = new int[head.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = DisplayWidth.of(head.get(c));
        }
        for (List<String> row : body) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], DisplayWidth.of(row.get(c)));
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, head, widths, -1, styler);
        for (int r = 0; r < body.size(); r++) {
            out.append('\n');
            appendLine(out, body.get(r), widths, r, styler);
        }
        return out.toString();
    }

    private static List<String> visible(List<String> cells) {
        List<String> out = new ArrayList<>(cells.size());
        for (String cell : cells) {
            out.add(TerminalText.visible(cell));
        }
        return out;
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] widths, int rowIndex,
            BiFunction<Integer, Integer, String> styler) {
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String style = rowIndex < 0 ? null : styler.apply(rowIndex, c);
            out.append(' ');
            if (style != null) {
                out.append(style).append(cell).append("\u001b[0m");
            } else {
                out.append(cell);
            }
            out.append(" ".repeat(widths[c] - DisplayWidth.of(cell))).append(' ');
        }
    }
}
