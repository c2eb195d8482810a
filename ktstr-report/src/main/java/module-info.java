/**
 * Reports over collected sidecars: the stats pipeline, the metric registry, A/B compare, the
 * pass matrix and trends, and the formatters and tables of {@code cargo ktstr stats} (text,
 * JSON, Markdown, HTML with inline SVG charts, JUnit XML). Pure functions: no filesystem access.
 */
module dev.ktstr.report {
    requires transitive dev.ktstr.api;
    // JSON views write through jackson-core's generator; policy files are bound with databind.
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.databind;
    requires org.apache.commons.statistics.inference;
    // HTML reports: charts drawn through Graphics2D (java.desktop) into SVG; templates; JUnit XML via StAX.
    requires org.jfree.svg;
    requires com.github.mustachejava;
    requires java.desktop;
    requires java.xml;

    exports dev.ktstr.report;
    exports dev.ktstr.report.compare;
    exports dev.ktstr.report.matrix;
    exports dev.ktstr.report.render;
    exports dev.ktstr.report.text;
    exports dev.ktstr.report.trend;

    // databind builds ComparisonPolicy's private file record reflectively.
    opens dev.ktstr.report.compare to com.fasterxml.jackson.databind;
}
