package dev.ktstr.cli.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.schema.SidecarResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML, Markdown and JUnit reports of {@code stats compare}, {@code stats matrix} and
 * {@code stats trend}, produced by the real launcher {@code bin/ktstr-sidecar} (module path) over
 * the sample runs in {@code examples/runs}, and the HTML rendered by a real headless Chromium:
 * the rendered DOM holds as many rows of each verdict as the text report counts, inline SVG
 * charts, no network request and no console error, with scripts on and off. Screenshots go to
 * {@code target/report-screenshots/}. Under {@code CI=true} a missing chromium fails; elsewhere
 * the browser tests are skipped with the reason.
 */
class ReportsBrowserIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path LAUNCHER = REPO.resolve("bin/ktstr-sidecar");
    private static final Path EXAMPLES = REPO.resolve("examples/runs");
    private static final Path SHOTS = Path.of("target", "report-screenshots").toAbsolutePath();
    private static final String[] COMPARE = {"stats", "compare", "--dir", EXAMPLES.toString(), "--a-project-commit",
        "abc1234", "--b-project-commit", "def5678"};

    @TempDir
    static Path tmp;

    static HeadlessChromium browser;

    record Result(int exit, String out, String err) {
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        Path chromium = HeadlessChromium.find();
        if (chromium == null) {
            String reason = "chromium is not installed (Debian package `chromium`; .ci/run installs it)";
            if ("true".equals(System.getenv("CI"))) {
                fail(reason + ": under CI=true the browser tests must run");
            }
            Assumptions.abort(reason + ": browser tests skipped");
        }
        Files.createDirectories(SHOTS);
        browser = new HeadlessChromium(chromium, Files.createDirectories(tmp.resolve("chromium-profile")));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    static Result launch(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().put("KTSTR_SIDECAR_NO_BUILD", "1");
        pb.environment().remove("KTSTR_SIDECAR_DIR");
        pb.environment().remove("KTSTR_STORE");
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher did not exit");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    static String[] with(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    /** The counts of the text report's summary line. */
    record Summary(int regressions, int improvements, int unchanged, int skipped) {
        static Summary of(String text) {
            Matcher m = Pattern.compile("(?m)^summary: (\\d+) regressions, (\\d+) improvements, (\\d+) unchanged$")
                    .matcher(text);
            assertTrue(m.find(), text);
            Matcher s = Pattern.compile("(?m)^  (\\d+) pairing-key row pair\\(s\\) skipped").matcher(text);
            return new Summary(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), s.find() ? Integer.parseInt(s.group(1)) : 0);
        }
    }

    /** The file is one self-contained page: no URL to load anything from, nothing external. */
    static void assertSelfContained(String html) {
        assertFalse(Pattern.compile("(?i)https?:").matcher(html).find(), "the HTML names an http(s) URL");
        assertFalse(Pattern.compile("(?i)\\s(src|href)\\s*=").matcher(html).find(), "the HTML loads or links something");
        assertFalse(Pattern.compile("(?i)@import|url\\(").matcher(html).find(), "the CSS loads something");
    }

    void render(Path html) throws Exception {
        browser.load(html.toUri().toString());
        assertEquals(List.of(), browser.errors, "console errors or exceptions");
        for (String url : browser.requests) {
            assertTrue(url.equals(html.toUri().toString()) || url.startsWith("data:"), "network request: " + url);
        }
    }

    void shoot(String name, int maxHeight) throws IOException {
        byte[] png = browser.screenshot(maxHeight);
        assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG screenshot");
        Files.write(SHOTS.resolve(name), png);
    }

    int count(String selector) throws IOException {
        return browser.eval("document.querySelectorAll(" + quote(selector) + ").length").asInt();
    }

    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void compareHtmlRendersTheTextReportsCountsWithChartsAndNoNetwork() throws Exception {
        Result text = launch(COMPARE);
        assertEquals(1, text.exit(), text.err());
        Summary s = Summary.of(text.out());
        assertTrue(s.regressions() > 0, "the sample runs hold a regression");

        Path file = tmp.resolve("compare.html");
        Result html = launch(with(COMPARE, "--format", "html", "--output", file.toString()));
        assertEquals(1, html.exit(), "the exit status follows the regressions: " + html.err());
        assertEquals("", html.out(), "--output leaves stdout empty");
        String page = Files.readString(file);
        assertSelfContained(page);
        assertTrue(page.length() < 1_000_000, "report size " + page.length());

        render(file);
        assertEquals(s.regressions(), count("#comparisons tbody tr[data-verdict=\"regression\"]"));
        assertEquals(s.improvements(), count("#comparisons tbody tr[data-verdict=\"improvement\"]"));
        assertEquals(s.unchanged(), count("#comparisons tbody tr[data-verdict=\"unchanged\"]"));
        assertEquals(s.regressions() + s.improvements() + s.unchanged(), count("#comparisons tbody tr"));
        assertEquals(count("#comparisons tbody tr"), count("#comparisons tbody tr[data-metric]"));
        // The regression's metric has an inline chart, and every chart is inline SVG with drawn content.
        String metric = browser.eval("document.querySelector('tr[data-verdict=\"regression\"]').dataset.metric")
                .asText();
        assertEquals(1, count("figure[data-metric=\"" + metric + "\"] > svg"));
        assertTrue(count("figure > svg") >= 1);
        assertEquals(count("figure > svg"), count("figure > svg:has(circle, ellipse)"));
        JsonNode box = browser.eval("(() => { const r = document.querySelector('figure > svg')"
                + ".getBoundingClientRect(); return {w: r.width, h: r.height}; })()");
        assertTrue(box.path("w").asDouble() > 300 && box.path("h").asDouble() > 100, "chart laid out: " + box);
        assertEquals(Integer.toString(s.regressions()) + " regressions",
                browser.eval("document.querySelector('[data-count=regressions]').textContent").asText());
        shoot("compare.png", 2400);

        // The sorting script works: sorting by delta puts the smallest delta first.
        browser.eval("document.querySelectorAll('#comparisons thead button')[4].click()");
        JsonNode deltas = browser.eval("Array.from(document.querySelectorAll('#comparisons tbody tr td:nth-child(5)'))"
                + ".map(td => Number(td.dataset.sort))");
        for (int i = 1; i < deltas.size(); i++) {
            assertTrue(deltas.get(i - 1).asDouble() <= deltas.get(i).asDouble(), "sorted ascending: " + deltas);
        }
        assertEquals(List.of(), browser.errors);

        // Readable with scripts off: the same rows and charts.
        browser.scripts(false);
        try {
            browser.load(file.toUri().toString());
            // Runtime.evaluate still runs with page scripts disabled.
            assertEquals(s.regressions(), count("tr[data-verdict=\"regression\"]"));
            assertTrue(count("figure > svg") >= 1);
        } finally {
            browser.scripts(true);
        }
    }

    @Test
    void compareJunitHasOneFailurePerRegression() throws Exception {
        Summary s = Summary.of(launch(COMPARE).out());
        Result junit = launch(with(COMPARE, "--format", "junit"));
        assertEquals(1, junit.exit(), junit.err());
        // A real XML parser reads it: Chromium's DOMParser, on a blank page.
        browser.load("about:blank");
        browser.eval("window.junit = new DOMParser().parseFromString("
                + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(junit.out())
                + ", 'application/xml'); true");
        assertEquals("testsuites", browser.eval("junit.documentElement.nodeName").asText());
        assertEquals(0, browser.eval("junit.getElementsByTagName('parsererror').length").asInt(), "well-formed");
        assertEquals(s.regressions(), browser.eval("junit.querySelectorAll('testcase > failure').length").asInt());
        assertEquals(s.skipped(), browser.eval("junit.querySelectorAll('testcase > skipped').length").asInt());
        assertEquals(s.regressions() + s.improvements() + s.unchanged() + s.skipped(),
                browser.eval("junit.querySelectorAll('testcase').length").asInt());
        assertEquals(Integer.toString(s.regressions()),
                browser.eval("junit.documentElement.getAttribute('failures')").asText());
        assertEquals("worst_spread", browser.eval("junit.querySelector('failure').parentNode.getAttribute('name')")
                .asText());
    }

    @Test
    void compareMarkdownHasATableRowWithTheRegression() throws Exception {
        Summary s = Summary.of(launch(COMPARE).out());
        Result md = launch(with(COMPARE, "--format", "markdown"));
        assertEquals(1, md.exit(), md.err());
        List<String> regressionRows = md.out().lines()
                .filter(l -> l.startsWith("| `") && l.endsWith("| :red_circle: **REGRESSION** |")).toList();
        assertEquals(s.regressions(), regressionRows.size(), md.out());
        assertTrue(regressionRows.get(0).contains("| `worst_spread` |"), regressionRows.get(0));
        assertTrue(md.out().contains("<details><summary>" + s.unchanged() + " unchanged rows</summary>"));
        assertTrue(md.out().startsWith("### ktstr compare: abc1234 \u2192 def5678\n\n:red_circle: **"
                + s.regressions() + " regressions**"), md.out());
    }

    @Test
    void jsonFlagAndFormatJsonAreTheSameBytes() throws Exception {
        Result a = launch(with(COMPARE, "--json"));
        Result b = launch(with(COMPARE, "--format", "json"));
        assertEquals(a, b);
        Result both = launch(with(COMPARE, "--json", "--format", "html"));
        assertEquals(2, both.exit(), both.err());
        assertTrue(both.err().contains("--json conflicts with --format html"), both.err());
        Result bad = launch(with(COMPARE, "--format", "pdf"));
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("expected one of text, json, markdown, html, junit"), bad.err());
    }

    @Test
    void matrixHtmlRendersTheTextGrid() throws Exception {
        String[] matrix = {"stats", "matrix", "--dir", EXAMPLES.toString(), "--rows", "test", "--cols",
            "project-commit"};
        Result text = launch(matrix);
        assertEquals(0, text.exit(), text.err());
        Matcher total = Pattern.compile("(?m)^total: (\\d+) pass, (\\d+) fail, (\\d+) skip over (\\d+) sidecars")
                .matcher(text.out());
        assertTrue(total.find(), text.out());
        long textRows = text.out().lines().takeWhile(l -> !l.isEmpty()).count() - 1; // minus the header
        Path file = tmp.resolve("matrix.html");
        assertEquals(0, launch(with(matrix, "--format", "html", "--output", file.toString())).exit());
        assertSelfContained(Files.readString(file));
        render(file);
        assertEquals(textRows, count("#matrix tbody tr"));
        int pass = browser.eval("Array.from(document.querySelectorAll('#matrix td')).reduce((a, td) =>"
                + " a + Number(td.dataset.pass), 0)").asInt();
        int fail = browser.eval("Array.from(document.querySelectorAll('#matrix td')).reduce((a, td) =>"
                + " a + Number(td.dataset.fail), 0)").asInt();
        int skip = browser.eval("Array.from(document.querySelectorAll('#matrix td')).reduce((a, td) =>"
                + " a + Number(td.dataset.skip), 0)").asInt();
        assertEquals(Integer.parseInt(total.group(1)), pass);
        assertEquals(Integer.parseInt(total.group(2)), fail);
        assertEquals(Integer.parseInt(total.group(3)), skip);
        assertEquals(textRows * 2, count("#matrix td[data-state]"), "one cell per row and commit");
        assertTrue(count("#matrix td[data-state=skip]") > 0, "host_gate only skips in the samples");
        String colour = browser.eval("getComputedStyle(document.querySelector('#matrix td[data-state=pass]'))"
                + ".backgroundColor").asText();
        assertEquals("rgb(184, 236, 184)", colour, "a passing cell is green");
        shoot("matrix.png", 1200);
    }

    @Test
    void trendHtmlDrawsALinePerTestAndMarksTheCrossing() throws Exception {
        Path root = threeCohorts();
        String[] trend = {"stats", "trend", "--dir", root.toString(), "--metric", "worst_spread"};
        Result text = launch(trend);
        assertEquals(0, text.exit(), text.err());
        Matcher sum = Pattern.compile("(?m)^summary: (\\d+) tests, (\\d+) crossed a threshold, (\\d+) cohorts")
                .matcher(text.out());
        assertTrue(sum.find(), text.out());
        assertEquals("3", sum.group(3));
        assertTrue(text.out().contains("abc1234, def5678, fed9876"), text.out());
        Path file = tmp.resolve("trend.html");
        assertEquals(0, launch(with(trend, "--format", "html", "--output", file.toString())).exit());
        assertSelfContained(Files.readString(file));
        render(file);
        assertEquals(Integer.parseInt(sum.group(1)), count("section.trend"));
        assertEquals(Integer.parseInt(sum.group(1)), count("section.trend svg"));
        assertEquals(Integer.parseInt(sum.group(2)), count("section.trend[data-crossing]"));
        // cgroup_steady doubles its spread from abc1234 to def5678: the first crossing is def5678.
        JsonNode crossing = browser.eval("document.querySelector('section.trend[data-test^=\"cgroup_steady/\"]')"
                + ".dataset.crossing");
        assertEquals("def5678", crossing.asText());
        assertTrue(count("section.trend svg path") >= Integer.parseInt(sum.group(1)), "one line per test");
        shoot("trend.png", 1400);
    }

    /** The sample runs plus a third, later cohort (fed9876) derived from def5678 with the spread halved. */
    static Path threeCohorts() throws IOException {
        Path root = tmp.resolve("three-cohorts");
        copyTree(EXAMPLES, root);
        Path from = EXAMPLES.resolve("6.14.2-def5678");
        Path to = root.resolve("6.14.2-fed9876");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".ktstr.json")).toList()) {
                SidecarResult sc = SidecarCodec.read(Files.readAllBytes(p));
                SidecarResult later = sc.toBuilder().projectCommit("fed9876")
                        .timestamp(sc.timestamp().replace("2026-04-2", "2026-05-2"))
                        .stats(sc.stats().toBuilder().worstSpread(sc.stats().worstSpread() / 2).build()).build();
                Path target = to.resolve(from.relativize(p));
                Files.createDirectories(target.getParent());
                Files.write(target, SidecarCodec.write(later));
            }
        }
        return root;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
