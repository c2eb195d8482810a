/**
 * The report formats beyond text and JSON: GitHub-flavoured Markdown, self-contained HTML
 * (Mustache templates, inline CSS and JFreeSVG charts, no URL) and JUnit XML (the JDK's StAX
 * writer), for compare, the pass matrix and trends.
 */
package dev.ktstr.report.render;
