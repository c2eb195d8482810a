package dev.ktstr.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds {@code metadata.json} text in upstream's pretty layout and key order (as
 * upstream's kernel cache writes it); values are raw JSON so tests can plant wrong types.
 */
final class Meta {
    private final Map<String, String> fields = new LinkedHashMap<>();

    private Meta() {
    }

    static Meta local(String version, String sourceTree) {
        Meta m = new Meta();
        m.fields.put("version", version == null ? "null" : quote(version));
        m.fields.put("source", "{\n    \"type\": \"local\",\n    \"source_tree_path\": "
                + (sourceTree == null ? "null" : quote(sourceTree)) + ",\n    \"git_hash\": \"deadbee\"\n  }");
        m.fields.put("arch", "\"x86_64\"");
        m.fields.put("image_name", "\"bzImage\"");
        m.fields.put("config_hash", "\"1a2b3c4d\"");
        m.fields.put("built_at", "\"2026-04-26T12:00:00Z\"");
        m.fields.put("ktstr_kconfig_hash", "\"5e6f7a8b\"");
        m.fields.put("has_vmlinux", "true");
        m.fields.put("vmlinux_stripped", "true");
        m.fields.put("source_vmlinux_size", "412345678");
        m.fields.put("source_vmlinux_mtime_secs", "1745668800");
        return m;
    }

    static Meta tarball(String version) {
        Meta m = local(version, null);
        m.fields.put("source", "{\n    \"type\": \"tarball\"\n  }");
        m.fields.put("source_vmlinux_size", "null");
        m.fields.put("source_vmlinux_mtime_secs", "null");
        return m;
    }

    static Meta git(String version) {
        Meta m = tarball(version);
        m.fields.put("source", "{\n    \"type\": \"git\",\n    \"git_hash\": \"abc1234\",\n    \"ref\": \"main\"\n  }");
        return m;
    }

    Meta set(String key, String rawJson) {
        fields.put(key, rawJson);
        return this;
    }

    Meta without(String key) {
        fields.remove(key);
        return this;
    }

    String json() {
        return fields.entrySet().stream().map(e -> "  " + quote(e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(",\n", "{\n", "\n}"));
    }

    /** Writes {@code metadata.json} and, unless told otherwise, the image it names. */
    Path writeEntry(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metadata.json"), json(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("bzImage"), "image", StandardCharsets.UTF_8);
        return dir;
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
