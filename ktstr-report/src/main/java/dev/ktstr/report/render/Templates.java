package dev.ktstr.report.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTML templates of the reports (Mustache, HTML-escaped by default: {@code {{x}}} escapes
 * {@code & < > " ' ` =}, only {@code {{{x}}}} inserts markup, used for SVG drawn by JFreeSVG and
 * for our own CSS and script). Scopes are maps and lists, so the engine reflects on no class of
 * ours and this module opens nothing to it. Resources are read through this module's own class,
 * which works on the module path and the class path alike.
 */
final class Templates {
    private static final MustacheFactory FACTORY = new DefaultMustacheFactory();
    private static final Map<String, Mustache> COMPILED = new ConcurrentHashMap<>();

    private Templates() {
    }

    /** Renders template {@code name} (a resource beside this class) over {@code scope}. */
    static String render(String name, Map<String, Object> scope) {
        Mustache m = COMPILED.computeIfAbsent(name,
                n -> FACTORY.compile(new StringReader(resource(n)), n));
        StringWriter out = new StringWriter();
        m.execute(out, scope);
        return out.toString();
    }

    /** A text resource beside this class (templates, CSS, script). */
    static String resource(String name) {
        try (InputStream in = Templates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing report resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
