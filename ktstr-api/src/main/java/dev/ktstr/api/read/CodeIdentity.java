package dev.ktstr.api.read;

import java.io.File;
import java.net.URL;
import java.security.CodeSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which build of a class is loaded: its jar's path, size and modification time (or its class
 * file's, when loaded from a directory). Part of a {@link CachedProjection}'s cache key, so a
 * rebuilt jar never reads entries an older build cached.
 */
final class CodeIdentity {
    private static final Map<Class<?>, String> KNOWN = new ConcurrentHashMap<>();

    private CodeIdentity() {
    }

    static String of(Class<?> c) {
        return KNOWN.computeIfAbsent(c, CodeIdentity::compute);
    }

    /**
     * The class whose class file holds {@code c}'s code: a lambda or other hidden class has no
     * file of its own, and its name carries an address that differs on every run, so it is
     * identified by the class that defined it.
     */
    private static String fileClassName(Class<?> c) {
        String name = c.getName();
        if (!c.isHidden()) {
            return name;
        }
        int lambda = name.indexOf("$$Lambda");
        int slash = name.indexOf('/');
        return lambda > 0 ? name.substring(0, lambda) : slash > 0 ? name.substring(0, slash) : name;
    }

    private static String compute(Class<?> c) {
        try {
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            URL url = cs == null ? null : cs.getLocation();
            if (url == null || !"file".equals(url.getProtocol())) {
                // No file to identify (a jlinked image): the runtime's own build identifies it.
                return c.getName() + "@" + Runtime.version() + "@" + String.valueOf(url);
            }
            File f = new File(url.toURI());
            if (f.isDirectory()) {
                f = new File(f, fileClassName(c).replace('.', '/') + ".class");
            }
            return f.getPath() + ":" + f.length() + ":" + f.lastModified();
        } catch (Exception | LinkageError e) {
            return c.getName() + "@unknown";
        }
    }
}
