package dev.ktstr.report.matrix;

import dev.ktstr.report.GauntletRow;
import dev.ktstr.report.compare.PooledSidecar;
import dev.ktstr.report.compare.RowFilter;
import dev.ktstr.report.text.RustFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pass, fail and skip counts of the pool's sidecars in a grid of two axes (by default scheduler
 * by kernel). A sidecar passes when it passed and was not skipped, is skipped when skipped, and
 * fails otherwise. Every sidecar counts once (no averaging).
 *
 * @param rowAxis the axis of the grid's rows
 * @param colAxis the axis of its columns
 * @param rows row values, UTF-8 byte order
 * @param cols column values, UTF-8 byte order
 * @param cells {@code cells.get(i).get(j)}: counts of row {@code i}, column {@code j}
 * @param sidecars sidecars counted (those the filter matched)
 * @param pooled sidecars in the pool
 */
public record PassMatrix(Axis rowAxis, Axis colAxis, List<String> rows, List<String> cols, List<List<Counts>> cells,
        int sidecars, int pooled) {
    /**
     * Copies the lists; the record is immutable.
     *
     * @param rowAxis the axis of the grid's rows
     * @param colAxis the axis of its columns
     * @param rows row values, UTF-8 byte order
     * @param cols column values, UTF-8 byte order
     * @param cells {@code cells.get(i).get(j)}: counts of row {@code i}, column {@code j}
     * @param sidecars sidecars counted (those the filter matched)
     * @param pooled sidecars in the pool
     */
    public PassMatrix {
        rows = List.copyOf(rows);
        cols = List.copyOf(cols);
        cells = cells.stream().map(List::copyOf).toList();
    }

    /** One cell's counts. */
    public record Counts(int pass, int fail, int skip) {
        /**
         * The cell's total count.
         *
         * @return {@code pass + fail + skip}
         */
        public int total() {
            return pass + fail + skip;
        }

        /**
         * {@code pass}, {@code fail}, {@code mixed} (some of both), {@code skip} (only skips) or {@code empty}.
         *
         * @return the cell's state name
         */
        public String state() {
            if (total() == 0) {
                return "empty";
            }
            if (pass + fail == 0) {
                return "skip";
            }
            return fail == 0 ? "pass" : pass == 0 ? "fail" : "mixed";
        }
    }

    /**
     * Counts the pool.
     *
     * @param pool every pooled sidecar
     * @param filter which sidecars count
     * @param archiveOverride read every sidecar's run source as {@code archive} (as {@code --dir} does)
     * @param rowAxis the axis of the grid's rows
     * @param colAxis the axis of its columns
     * @return the matrix
     */
    public static PassMatrix of(List<PooledSidecar> pool, RowFilter filter, Axis rowAxis, Axis colAxis,
            boolean archiveOverride) {
        Map<String, Map<String, int[]>> grid = new TreeMap<>(RustFormat::compareUtf8);
        TreeSet<String> cols = new TreeSet<>(RustFormat::compareUtf8);
        List<PooledSidecar.Match> matches = PooledSidecar.matching(pool, filter, archiveOverride);
        int counted = matches.size();
        for (PooledSidecar.Match m : matches) {
            GauntletRow row = m.row();
            String r = rowAxis.value(row, m.source().run());
            String c = colAxis.value(row, m.source().run());
            cols.add(c);
            int[] n = grid.computeIfAbsent(r, k -> new TreeMap<>(RustFormat::compareUtf8))
                    .computeIfAbsent(c, k -> new int[3]);
            n[row.skipped() ? 2 : row.passed() ? 0 : 1]++;
        }
        List<String> colList = List.copyOf(cols);
        List<List<Counts>> cells = new ArrayList<>();
        for (Map<String, int[]> line : grid.values()) {
            List<Counts> out = new ArrayList<>(colList.size());
            for (String c : colList) {
                int[] n = line.getOrDefault(c, new int[3]);
                out.add(new Counts(n[0], n[1], n[2]));
            }
            cells.add(out);
        }
        return new PassMatrix(rowAxis, colAxis, List.copyOf(grid.keySet()), colList, cells, counted, pool.size());
    }

    /**
     * Totals over the whole grid.
     *
     * @return the sums of every cell's counts
     */
    public Counts totals() {
        int pass = 0;
        int fail = 0;
        int skip = 0;
        for (List<Counts> line : cells) {
            for (Counts c : line) {
                pass += c.pass();
                fail += c.fail();
                skip += c.skip();
            }
        }
        return new Counts(pass, fail, skip);
    }
}
