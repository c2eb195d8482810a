package dev.ktstr.report.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void cellsArePaddedOneSpaceEachSideToTheColumnDisplayWidth() {
        Table t = new Table(List.of("A", "LONGER")).addRow(List.of("xyz", "µ"));
        assertEquals(" A    LONGER \n xyz  µ      ", t.render());
    }

    @Test
    void headerIsPrintedWithoutRows() {
        assertEquals(" RUN  TESTS ", new Table(List.of("RUN", "TESTS")).render());
    }

    @Test
    void wideCharactersCountTwoColumnsAndCombiningMarksNone() {
        assertEquals(2, DisplayWidth.of("\u6f22"));
        assertEquals(1, DisplayWidth.of("e\u0301"));
        assertEquals(2, DisplayWidth.of(new String(Character.toChars(0x1F600))));
        Table t = new Table(List.of("N")).addRow(List.of("\u6f22\u5b57"));
        assertEquals(" N    \n \u6f22\u5b57 ", t.render());
    }

    @Test
    void stylingWrapsContentButNotPadding() {
        Table t = new Table(List.of("VERDICT")).addRow(List.of("ok"));
        assertEquals(" VERDICT \n \u001b[31mok\u001b[0m      ", t.render((r, c) -> "\u001b[31m"));
    }
}
