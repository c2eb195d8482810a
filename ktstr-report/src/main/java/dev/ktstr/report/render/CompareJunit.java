package dev.ktstr.report.render;

import dev.ktstr.report.compare.CompareResult;
import dev.ktstr.report.compare.MetricComparison;
import dev.ktstr.report.compare.PairComparison;
import dev.ktstr.report.compare.Verdict;
import dev.ktstr.report.text.RustFormat;
import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The JUnit XML rendering of a compare, written with the JDK's StAX writer (which escapes text
 * and attributes): one {@code <testcase>} per compared (test, metric) row, a {@code <failure>}
 * per regression, one {@code <testcase>} with {@code <skipped>} per pair that could not be
 * compared (a side failed or was skipped).
 */
public final class CompareJunit {
    private CompareJunit() {
    }

    /**
     * The XML document, ending with a newline.
     *
     * @param r the comparison
     * @return the JUnit XML text
     */
    public static String render(CompareResult r) {
        List<CompareRows.Row> rows = CompareRows.rows(r);
        List<PairComparison> skipped = r.pairs().stream().filter(PairComparison::skippedFailed).toList();
        String suite = "ktstr compare " + r.labelA() + " vs " + r.labelB();
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            attr(x, "name", "ktstr stats compare");
            attr(x, "tests", rows.size() + skipped.size());
            attr(x, "failures", r.regressions());
            attr(x, "errors", 0);
            attr(x, "skipped", skipped.size());
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            attr(x, "name", suite);
            attr(x, "tests", rows.size() + skipped.size());
            attr(x, "failures", r.regressions());
            attr(x, "errors", 0);
            attr(x, "skipped", skipped.size());
            x.writeCharacters("\n    ");
            x.writeStartElement("properties");
            property(x, "label_a", r.labelA());
            property(x, "label_b", r.labelB());
            property(x, "rows_a", Integer.toString(r.rowsA()));
            property(x, "rows_b", Integer.toString(r.rowsB()));
            property(x, "improvements", Integer.toString(r.improvements()));
            property(x, "unchanged", Integer.toString(r.unchanged()));
            property(x, "thresholds", CompareRows.thresholds(r));
            x.writeCharacters("\n    ");
            x.writeEndElement();
            for (CompareRows.Row row : rows) {
                MetricComparison c = row.c();
                x.writeCharacters("\n    ");
                String detail = c.metric().name() + ": " + r.labelA() + "=" + RustFormat.fixed(c.a(), 2) + " "
                        + r.labelB() + "=" + RustFormat.fixed(c.b(), 2) + " delta="
                        + RustFormat.signedFixed(c.delta(), 2) + c.metric().displayUnit() + " (rel "
                        + CompareRows.percent(c.relDelta()) + ", gates " + RustFormat.display(c.metric().defaultAbs())
                        + c.metric().displayUnit() + " / " + CompareRows.percent(c.relThreshold()) + ", p "
                        + c.significance().shortText() + ")";
                if (c.verdict() == Verdict.REGRESSION) {
                    x.writeStartElement("testcase");
                    testcase(x, row.test(), c.metric().name());
                    x.writeCharacters("\n      ");
                    x.writeStartElement("failure");
                    attr(x, "type", "regression");
                    attr(x, "message", "regression of " + detail);
                    x.writeCharacters(Xml.text(detail));
                    x.writeEndElement();
                    x.writeCharacters("\n      ");
                    x.writeStartElement("system-out");
                    x.writeCharacters(Xml.text(CompareRows.verdictName(c.verdict()) + ": " + detail));
                    x.writeEndElement();
                    x.writeCharacters("\n    ");
                    x.writeEndElement();
                } else {
                    x.writeStartElement("testcase");
                    testcase(x, row.test(), c.metric().name());
                    x.writeStartElement("system-out");
                    x.writeCharacters(Xml.text(CompareRows.verdictName(c.verdict()) + ": " + detail));
                    x.writeEndElement();
                    x.writeEndElement();
                }
            }
            for (PairComparison p : skipped) {
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                testcase(x, p.label(), "(all metrics)");
                x.writeStartElement("skipped");
                attr(x, "message", "not compared: one or both sides failed or were skipped");
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing JUnit XML failed", e);
        }
        return text.toString();
    }

    private static void testcase(XMLStreamWriter x, String test, String metric) throws XMLStreamException {
        attr(x, "classname", Xml.text(test));
        attr(x, "name", Xml.text(metric));
        attr(x, "time", "0");
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n      ");
        x.writeEmptyElement("property");
        attr(x, "name", name);
        attr(x, "value", value);
    }

    private static void attr(XMLStreamWriter x, String name, Object value) throws XMLStreamException {
        x.writeAttribute(name, Xml.text(String.valueOf(value)));
    }
}
