package dev.ktstr.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Syntax errors worded and placed as serde_json words and places them. Every expected line was
 * printed by serde_json itself (1.0.87, Debian's librust-serde-json-dev) for the same bytes:
 * {@code serde_json::from_slice::<serde_json::Value>} for inputs whose error lies in a known field
 * or in the top-level object (the typed path), {@code from_slice::<serde::de::IgnoredAny>} for
 * inputs under the unknown key {@code zz} (serde's skipper). See {@code tools/serde-oracle/}.
 */
class SerdeSyntaxErrorTest {

    private static final List<Map.Entry<String, String>> CASES = List.of(
            Map.entry("{\"test_name\" \"x\"}", "expected `:` at line 1 column 14"),
            Map.entry("{\"test_name\": \"x\",}", "trailing comma at line 1 column 19"),
            Map.entry("{\"test_name\": \"x\" \"topology\": \"y\"}", "expected `,` or `}` at line 1 column 19"),
            Map.entry("{\"test_name\": \"a\u0001b\"}", "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 17"),
            Map.entry("{\"test_name\": \"\\q\"}", "invalid escape at line 1 column 17"),
            Map.entry("{\"test_name\": 01}", "invalid number at line 1 column 16"),
            Map.entry("{\"test_name\": tru}", "expected ident at line 1 column 18"),
            Map.entry("nul", "EOF while parsing a value at line 1 column 3"),
            Map.entry("{\"test_name\": \"x\", 1: 2}", "key must be a string at line 1 column 20"),
            Map.entry("{\"test_name\": x}", "expected value at line 1 column 15"),
            Map.entry("{\"test_name\": -}", "invalid number at line 1 column 16"),
            Map.entry("{\"test_name\": 1.}", "invalid number at line 1 column 17"),
            Map.entry("{\"test_name\": 1e}", "invalid number at line 1 column 17"),
            Map.entry("{\"test_name\": \"\\u12\"}", "invalid escape at line 1 column 20"),
            Map.entry("{\"test_name\": +1}", "expected value at line 1 column 15"),
            Map.entry("{\"test_name\": .5}", "expected value at line 1 column 15"),
            Map.entry("{\"test_name\": \"x\",", "EOF while parsing a value at line 1 column 18"),
            Map.entry("{\"zz\": {\"a\" 1}}", "expected `:` at line 1 column 13"),
            Map.entry("{\"zz\": {\"a\": 1,}}", "key must be a string at line 1 column 16"),
            Map.entry("{\"zz\": [1,]}", "expected value at line 1 column 11"),
            Map.entry("{\"zz\": [1 2]}", "expected `,` or `]` at line 1 column 11"),
            Map.entry("{\"zz\": {\"a\": 1 \"b\": 2}}", "expected `,` or `}` at line 1 column 16"),
            Map.entry("{\"zz\": \"\\q\"}", "invalid escape at line 1 column 10"),
            Map.entry("{\"zz\": 01}", "invalid number at line 1 column 9"),
            Map.entry("{\"zz\": tru}", "expected ident at line 1 column 11"),
            Map.entry("{\"zz\": x}", "expected value at line 1 column 8"),
            Map.entry("{\"zz\": -}", "invalid number at line 1 column 9"),
            Map.entry("{\"zz\": [1.]}", "invalid number at line 1 column 11"),
            Map.entry("{\"zz\": {1: 2}}", "key must be a string at line 1 column 9"),
            Map.entry("{\"zz\": \"\\u12\"}", "invalid escape at line 1 column 13"),
            Map.entry("{\"zz\": [+1]}", "expected value at line 1 column 9"),
            Map.entry("{\"zz\": \"a\u0001b\"}", "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 9"),
            Map.entry("{\"zz\": [1,", "EOF while parsing a value at line 1 column 10"),
            Map.entry("{\"zz\": {\"a\": 1,", "EOF while parsing an object at line 1 column 15"),
            Map.entry("{\"zz\": {\"a\": 1", "EOF while parsing an object at line 1 column 14"),
            Map.entry("{\"test_name\": \"ab", "EOF while parsing a string at line 1 column 17"),
            Map.entry("{\"test_name\"", "EOF while parsing an object at line 1 column 12"),
            Map.entry("{\"test_name\": 1.", "EOF while parsing a value at line 1 column 16"),
            Map.entry("{\"test_name\": -", "EOF while parsing a value at line 1 column 15"),
            Map.entry("{\"test_name\": \"x\",\n  \u0001 \"topology\": \"y\"}", "key must be a string at line 2 column 3"),
            Map.entry("{\"test_name\": \"x\"\u0001}", "expected `,` or `}` at line 1 column 18"),
            Map.entry("{\"test_name\": \u0001\"x\"}", "expected value at line 1 column 15"),
            Map.entry("{\"test_name\": \"x\",\n", "EOF while parsing a value at line 2 column 0"),
            Map.entry("{\"metrics\": [", "EOF while parsing a list at line 1 column 13"));

    @TestFactory
    List<DynamicTest> sameTextAndPositionAsSerde() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.getKey(), () -> {
            byte[] bytes = c.getKey().getBytes(StandardCharsets.ISO_8859_1);
            SidecarParseException e = org.junit.jupiter.api.Assertions.assertThrows(SidecarParseException.class,
                    () -> SidecarCodec.read(bytes));
            assertEquals(c.getValue(), e.serdeMessage());
        })).toList();
    }
}
