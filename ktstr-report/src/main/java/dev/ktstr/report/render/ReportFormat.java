package dev.ktstr.report.render;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The renderings a report command can print: {@code --format text|json|markdown|html|junit}. */
public enum ReportFormat {
    /** Terminal text: upstream's output where upstream has one. */
    TEXT,
    /** Pretty JSON (shapes: docs/cli-json.md). */
    JSON,
    /** GitHub-flavoured Markdown, for a pull-request comment or a CI job summary. */
    MARKDOWN,
    /** One self-contained HTML file: inline CSS and SVG, no network, readable with scripts off. */
    HTML,
    /** JUnit XML, for CI systems that read test reports. */
    JUNIT;

    /**
     * The name on the command line.
     *
     * @return the lower-case constant name
     */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format named {@code name} (case-insensitive), if any.
     *
     * @param name the name as typed
     * @return the format, or empty when no format has that name
     */
    public static Optional<ReportFormat> parse(String name) {
        return Arrays.stream(values()).filter(f -> f.cliName().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * {@code text, json, ...}: the names, for messages.
     *
     * @return the lower-case names, comma-separated, in declaration order
     */
    public static String names() {
        return Arrays.stream(values()).map(ReportFormat::cliName).collect(Collectors.joining(", "));
    }
}
