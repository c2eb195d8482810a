package dev.ktstr.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ktstr.api.schema.SidecarResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path ({@link FastJson}) against the full jackson-core path it stands in for: whenever
 * the fast path returns a value, the full path must return an equal one; the fast path must
 * not decline the documents it exists for; and it must decline everything serde rejects.
 */
class FastPathDifferentialTest {

    private static final byte[] FULL = TestFiles.fixture("example-full.ktstr.json");
    /** A number literal of 19 or more digits: the only thing the fast path declines in writer output. */
    private static final Pattern LONG_NUMBER = Pattern.compile("[:\\[,]\\s*-?[0-9]{19,}");

    private static SidecarResult fast(byte[] doc) {
        try {
            return JsonIn.parseFast(doc, SchemaCodec::readSidecarResult);
        } catch (RuntimeException declined) {
            return null;
        }
    }

    /** The full path's value, or null with the error in {@code error[0]}. */
    private static SidecarResult full(byte[] doc, String[] error) {
        try {
            return JsonIn.parseFull(doc, SchemaCodec::readSidecarResult);
        } catch (RuntimeException e) {
            error[0] = e.getClass().getSimpleName() + ": " + e.getMessage();
            return null;
        }
    }

    /** Whatever the fast path accepts, the full path accepts with an equal value. Returns the fast value. */
    private static SidecarResult agree(byte[] doc) {
        SidecarResult f = fast(doc);
        if (f != null) {
            String[] error = new String[1];
            SidecarResult v = full(doc, error);
            assertNull(error[0], () -> "fast path accepted what the full path rejects (" + error[0] + "):\n" + text(doc));
            assertEquals(v, f, () -> "fast and full paths read different values from:\n" + text(doc));
        }
        return f;
    }

    private static String text(byte[] doc) {
        String s = new String(doc, StandardCharsets.UTF_8);
        return s.length() > 4000 ? s.substring(0, 4000) + "…" : s;
    }

    @Test
    void fixturesTakeTheFastPath() {
        for (String name : TestFiles.FIXTURES) {
            assertNotNull(agree(TestFiles.fixture(name)), name + " declined by the fast path");
        }
    }

    @Property(tries = 600)
    void writerOutputTakesTheFastPathAndReadsBack(@ForAll long seed) {
        SidecarResult s = new RandomSidecars(seed).sidecar();
        byte[] doc = SidecarCodec.write(s);
        SidecarResult f = agree(doc);
        if (f == null) {
            assertTrue(LONG_NUMBER.matcher(text(doc)).find(), () -> "declined without a 19-digit number:\n" + text(doc));
        } else {
            assertEquals(s, f);
        }
    }

    @Property(tries = 300)
    void validVariationsTakeTheFastPath(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        byte[] base = r.nextBoolean() ? FULL : SidecarCodec.write(new RandomSidecars(seed).sidecar());
        SidecarResult expected = JsonIn.parseFull(base, SchemaCodec::readSidecarResult);
        Object tree = tree(base);
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) tree;
        shuffleKeys(root, r);
        addUnknownKeys(root, r);
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) root.get("stats");
        shuffleKeys(stats, r);
        addUnknownKeys(stats, r);
        StringBuilder sb = new StringBuilder();
        emit(tree, sb, r);
        byte[] doc = sb.toString().getBytes(StandardCharsets.UTF_8);
        SidecarResult f = agree(doc);
        if (f == null) {
            assertTrue(LONG_NUMBER.matcher(sb).find(), () -> "valid variation declined:\n" + text(doc));
        } else {
            assertEquals(expected, f);
        }
    }

    @Property(tries = 4000)
    void mutantsAreNeverAcceptedByTheFastPathAlone(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] doc = r.nextInt(3) == 0 ? SidecarCodec.write(new RandomSidecars(seed).sidecar()) : FULL.clone();
        byte[] alphabet = "{}[]:,\"\\ \t\n\r0123456789-+.eEtrufalsn/bx\u0001\u007f".getBytes(StandardCharsets.ISO_8859_1);
        int edits = 1 + r.nextInt(3);
        for (int k = 0; k < edits && doc.length > 0; k++) {
            int at = r.nextInt(doc.length);
            int op = r.nextInt(4);
            byte b = r.nextInt(5) == 0 ? (byte) (0x80 + r.nextInt(0x80)) : alphabet[r.nextInt(alphabet.length)];
            if (op == 0) {
                doc[at] = b;
            } else if (op == 1) {
                byte[] d = new byte[doc.length - 1];
                System.arraycopy(doc, 0, d, 0, at);
                System.arraycopy(doc, at + 1, d, at, doc.length - at - 1);
                doc = d;
            } else if (op == 2) {
                byte[] d = new byte[doc.length + 1];
                System.arraycopy(doc, 0, d, 0, at);
                d[at] = b;
                System.arraycopy(doc, at, d, at + 1, doc.length - at);
                doc = d;
            } else {
                doc = java.util.Arrays.copyOf(doc, at); // truncation
            }
        }
        agree(doc);
    }

    /** Unknown-key values the full path rejects: the fast path's skipper must decline each too. */
    @ParameterizedTest
    @ValueSource(strings = {"01", "1.", ".5", "-", "1e", "1e+", "+1", "-01", "1.e3", "[1,]", "{\"a\":1,}", "[1 2]",
        "{\"a\" 1}", "{\"a\":}", "{,}", "[,1]", "\"\\x\"", "\"\\u12G4\"", "\"a\tb\"", "\"\\\"", "tru", "nulll", "falsy",
        "NaN", "Infinity", "'a'", "[", "{", "]", "}", "{1:2}", "[1]]", "\"\\u00\"", "--1", "1e5.5", "truefalse"})
    void invalidSkippedValuesAreDeclinedAndRejected(String value) {
        byte[] doc = withRootKey("zz_unknown", value);
        assertNull(fast(doc), () -> "fast path accepted invalid " + value);
        String[] error = new String[1];
        assertNull(full(doc, error), () -> "full path accepted invalid " + value);
    }

    /** Unknown-key values both accept: the fast path reads past them to the same record. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "-0.0e-0", "1E+2", "123456789012345678901234567890", "1e400", "[]", "{}",
        "[1,{\"a\":[true,false,null]},-0.5e-3,\"\\u0041\\/\\b\\f\\n\\r\\t\\\\\\\"\"]", "\"\u00e9\u20ac\ud83d\ude00\"",
        "{\"k\":{\"k\":{\"k\":[[[[[[]]]]]]}}}", "\"\u007f\""})
    void validSkippedValuesAreReadPast(String value) {
        SidecarResult expected = JsonIn.parseFull(FULL, SchemaCodec::readSidecarResult);
        SidecarResult f = agree(withRootKey("zz_unknown", value));
        assertEquals(expected, f, () -> "fast path declined valid " + value);
    }

    /** Typed slots: the fast path declines what it leaves to the full path, which decides. */
    @ParameterizedTest
    @ValueSource(strings = {"18446744073709551615", "-1", "1.0", "1e2", "\"1\"", "null", "true", "-0"})
    void typedValuesOutsideTheFastPathAreDeclined(String value) {
        String doc = new String(FULL, StandardCharsets.UTF_8);
        String replaced = doc.replaceFirst("\"total_workers\": [0-9]+", "\"total_workers\": " + value);
        assertTrue(!replaced.equals(doc));
        byte[] bytes = replaced.getBytes(StandardCharsets.UTF_8);
        assertNull(fast(bytes), () -> "fast path took " + value + " as a usize");
        String[] error = new String[1];
        SidecarResult v = full(bytes, error);
        if (value.equals("18446744073709551615")) {
            assertNull(error[0]);
            assertEquals(-1L, v.stats().totalWorkers());
        } else {
            assertNotNull(error[0], () -> value + " read as a usize by the full path");
        }
    }

    @Test
    void surrogateEscapesAreLeftToTheFullPath() {
        byte[] pair = withRootKey("zz", "\"\\ud83d\\ude00\"");
        assertNull(fast(pair));
        assertNotNull(full(pair, new String[1]));
        String doc = new String(FULL, StandardCharsets.UTF_8);
        byte[] lone = doc.replace("\"steal_under_pressure\"", "\"steal\\ud83d\"").getBytes(StandardCharsets.UTF_8);
        assertNull(fast(lone));
        String[] error = new String[1];
        assertNull(full(lone, error));
        assertTrue(error[0].contains("hex escape"), error[0]);
    }

    @Test
    void invalidUtf8InsideStringsIsDeclined() {
        for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0x80})) {
            byte[] head = "{\"zz\": \"".getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\"," + new String(FULL, StandardCharsets.UTF_8).substring(1)).getBytes(StandardCharsets.UTF_8);
            byte[] doc = new byte[head.length + bad.length + tail.length];
            System.arraycopy(head, 0, doc, 0, head.length);
            System.arraycopy(bad, 0, doc, head.length, bad.length);
            System.arraycopy(tail, 0, doc, head.length + bad.length, tail.length);
            assertNull(fast(doc));
            String[] error = new String[1];
            assertNull(full(doc, error));
            assertTrue(error[0].startsWith("SidecarEncodingException"), error[0]);
        }
    }

    private static byte[] withRootKey(String key, String value) {
        String doc = new String(FULL, StandardCharsets.UTF_8);
        return ("{\"" + key + "\": " + value + "," + doc.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- a tiny tree and a varied emitter

    /** A scalar kept as its JSON text. */
    private record Raw(String json) {
    }

    private static Object tree(byte[] doc) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(doc)) {
            p.nextToken();
            return node(p);
        }
    }

    private static Object node(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Object> m = new LinkedHashMap<>();
            while (p.nextToken() != JsonToken.END_OBJECT) {
                String k = p.currentName();
                p.nextToken();
                m.put(k, node(p));
            }
            return m;
        }
        if (t == JsonToken.START_ARRAY) {
            List<Object> l = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                l.add(node(p));
            }
            return l;
        }
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        return new Raw(p.getText());
    }

    private static void shuffleKeys(Map<String, Object> m, Random r) {
        List<Map.Entry<String, Object>> entries = new ArrayList<>(m.entrySet());
        Collections.shuffle(entries, r);
        m.clear();
        for (Map.Entry<String, Object> e : entries) {
            m.put(e.getKey(), e.getValue());
        }
    }

    private static void addUnknownKeys(Map<String, Object> m, Random r) {
        int k = r.nextInt(4);
        for (int i = 0; i < k; i++) {
            m.put("zz_unknown_" + i + "_\u00e9", randomValue(r, 0));
        }
        shuffleKeys(m, r);
    }

    private static Object randomValue(Random r, int depth) {
        switch (depth > 4 ? r.nextInt(4) : r.nextInt(6)) {
            case 0:
                return new Raw(List.of("true", "false", "null").get(r.nextInt(3)));
            case 1:
                return new Raw(List.of("0", "-7", "3.25", "-1.5e-7", "12E+3", "98765432109876543210", "1e999").get(r.nextInt(7)));
            case 2:
                return "s\u00e9\"\\/\n\u0001\u007f\ud83d\ude00" + r.nextInt(100);
            case 3:
                return "";
            case 4: {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    l.add(randomValue(r, depth + 1));
                }
                return l;
            }
            default: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    m.put("k" + i, randomValue(r, depth + 1));
                }
                return m;
            }
        }
    }

    private static void ws(StringBuilder sb, Random r) {
        int n = r.nextInt(3) == 0 ? r.nextInt(3) : 0;
        for (int i = 0; i < n; i++) {
            sb.append(" \t\n\r".charAt(r.nextInt(4)));
        }
    }

    private static void emit(Object node, StringBuilder sb, Random r) {
        ws(sb, r);
        if (node instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                ws(sb, r);
                String key = (String) e.getKey();
                // serde reads a numeric map key from its raw bytes: an escape there is an error.
                string(key, sb, key.matches("[0-9]+") ? null : r);
                ws(sb, r);
                sb.append(':');
                emit(e.getValue(), sb, r);
            }
            ws(sb, r);
            sb.append('}');
        } else if (node instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                emit(l.get(i), sb, r);
            }
            ws(sb, r);
            sb.append(']');
        } else if (node instanceof String s) {
            string(s, sb, r);
        } else {
            sb.append(((Raw) node).json());
        }
        ws(sb, r);
    }

    /** A JSON string, escaping some characters that need no escape (never as surrogate escapes; none when r is null). */
    private static void string(String s, StringBuilder sb, Random r) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean surrogate = Character.isSurrogate(c);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else if (!surrogate && r != null && r.nextInt(8) == 0) {
                sb.append(c == '/' && r.nextBoolean() ? "\\/" : String.format(r.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
