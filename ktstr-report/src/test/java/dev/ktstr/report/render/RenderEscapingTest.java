package dev.ktstr.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.schema.ScenarioStats;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.report.Sidecars;
import dev.ktstr.report.compare.Compare;
import dev.ktstr.report.compare.CompareOptions;
import dev.ktstr.report.compare.CompareResult;
import dev.ktstr.report.compare.CompareText;
import dev.ktstr.report.compare.Dimension;
import dev.ktstr.report.compare.PooledSidecar;
import dev.ktstr.report.compare.RowFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Names from sidecars and filters are text in every format, never markup. */
class RenderEscapingTest {
    private static final String EVIL_A = "scx_<b>&\"a'";
    private static final String EVIL_B = "scx_<script>alert(1)</script>|b`*_";
    private static final String TEST = "t<img onerror=x>|y\u0007";

    private static CompareResult compare() {
        List<PooledSidecar> pool = new ArrayList<>();
        int i = 0;
        for (String sched : List.of(EVIL_A, EVIL_B)) {
            for (int trial = 0; trial < 3; trial++) {
                double spread = sched.equals(EVIL_A) ? 10 + trial : 40 + trial;
                SidecarResult sc = Sidecars.base(TEST, "1n2l4c1t").scheduler(sched).kernelVersion("6.14.2")
                        .projectCommit("abc1234").runSource("local")
                        .stats(ScenarioStats.builder().worstSpread(spread).worstGapMs(100).build()).build();
                pool.add(new PooledSidecar("run", String.format("f%05d.ktstr.json", i++), sc));
            }
        }
        RowFilter a = RowFilter.none().with(Dimension.SCHEDULER, List.of(EVIL_A));
        RowFilter b = RowFilter.none().with(Dimension.SCHEDULER, List.of(EVIL_B));
        return Compare.run(pool, a, b, CompareOptions.defaults());
    }

    @Test
    void htmlEscapesEveryNameAndHasOneRowPerCountedComparison() {
        CompareResult r = compare();
        String html = CompareHtml.render(r, RowFilter.none().with(Dimension.SCHEDULER, List.of(EVIL_A)),
                RowFilter.none().with(Dimension.SCHEDULER, List.of(EVIL_B)));
        assertFalse(html.contains("<script>alert"), "a name became markup");
        assertFalse(html.contains("<img"), "a name became markup");
        assertFalse(html.contains("<b>&"), "a name became markup");
        assertEquals(1, count(html, "<script>"), "only our own script");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertEquals(r.regressions(), count(html, "<tr data-verdict=\"regression\""));
        assertEquals(r.unchanged(), count(html, "<tr data-verdict=\"unchanged\""));
        assertFalse(Pattern.compile("(?i)https?:").matcher(html).find(), "no URL");
        assertTrue(html.contains("<svg id='chart-0'"));
        // Inside the SVG, JFreeSVG escapes the labels it draws.
        Matcher svg = Pattern.compile("(?s)<svg .*?</svg>").matcher(html);
        assertTrue(svg.find());
        assertFalse(svg.group().contains("<script"), svg.group());
        assertFalse(svg.group().contains("<img"), svg.group());
    }

    @Test
    void markdownCellsCannotBreakTheTable() {
        CompareResult r = compare();
        String md = CompareMarkdown.render(r, RowFilter.none(), RowFilter.none());
        String row = md.lines().filter(l -> l.endsWith("**REGRESSION** |")).findFirst().orElseThrow();
        // Seven unescaped pipes: six cells.
        assertEquals(7, row.replace("\\|", "").chars().filter(c -> c == '|').count(), row);
        // Outside code spans (literal in GFM) no name is markup.
        String prose = md.replaceAll("`[^`\n]*`", "");
        assertFalse(prose.contains("<script>"), md);
        assertFalse(prose.contains("<img"), md);
    }

    @Test
    void junitCarriesNamesAsEscapedXmlAndOneFailurePerRegression() {
        CompareResult r = compare();
        String xml = CompareJunit.render(r);
        assertEquals(r.regressions(), count(xml, "<failure "));
        assertFalse(xml.contains("\u0007"), "XML 1.0 cannot carry BEL");
        assertFalse(xml.contains("<img"), xml);
        assertTrue(xml.contains("t&lt;img onerror=x&gt;|y\uFFFD"), xml);
    }

    @Test
    void textStaysUpstreamsBytes() {
        CompareResult r = compare();
        assertEquals(CompareText.render(r), CompareText.render(r, false, false));
        assertTrue(CompareText.render(r).contains("summary: " + r.regressions() + " regressions"));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
