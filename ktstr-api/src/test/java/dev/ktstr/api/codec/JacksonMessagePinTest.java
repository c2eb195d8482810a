package dev.ktstr.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Pins the Jackson behaviour {@link JacksonErrors} relies on to word syntax errors as serde_json
 * does: for each {@link JacksonErrors.Text}, an input whose error message (first line) has that
 * fragment, at the byte offset the mapping counts from. Jackson states the kind of a syntax
 * error only in its message text, so <b>a failure here means a jackson-core upgrade changed its
 * wording or positions</b>: review the mapping in {@link JacksonErrors} against the new messages
 * (and {@code SerdeSyntaxErrorTest}) before updating a sample.
 */
class JacksonMessagePinTest {

    /** A document and what Jackson says about it. */
    private record Sample(String json, int offset, String firstLine) {
    }

    /** Every fragment with one sample input; the exact first lines are jackson-core 2.20's. */
    private static final Map<JacksonErrors.Text, Sample> SAMPLES = new EnumMap<>(Map.ofEntries(
            Map.entry(JacksonErrors.Text.ILLEGAL_CHARACTER, new Sample("\u0001", 1,
                    "Illegal character ((CTRL-CHAR, code 1)): only regular white space (\\r, \\n, \\t) is allowed"
                            + " between tokens")),
            Map.entry(JacksonErrors.Text.UNRECOGNIZED_TOKEN, new Sample("[nul]", 5,
                    "Unrecognized token 'nul': was expecting (JSON String, Number, Array, Object or token 'null',"
                            + " 'true' or 'false')")),
            // Not every early end is a JsonEOFException: after a comma Jackson throws its parent class.
            Map.entry(JacksonErrors.Text.END_OF_INPUT, new Sample("[1,", 3,
                    "Unexpected end-of-input within/between Array entries")),
            Map.entry(JacksonErrors.Text.COLON, new Sample("{\"a\" 1}", 5,
                    "Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value")),
            Map.entry(JacksonErrors.Text.FIELD_NAME_QUOTE, new Sample("{\"a\":1,}", 7,
                    "Unexpected character ('}' (code 125)): was expecting double-quote to start field name")),
            Map.entry(JacksonErrors.Text.OBJECT_COMMA, new Sample("{\"a\":1 \"b\":2}", 7,
                    "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries")),
            Map.entry(JacksonErrors.Text.ARRAY_COMMA, new Sample("[1 2]", 3,
                    "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries")),
            Map.entry(JacksonErrors.Text.UNQUOTED_CONTROL, new Sample("\"a\u0001\"", 2,
                    "Illegal unquoted character ((CTRL-CHAR, code 1)): has to be escaped using backslash to be"
                            + " included in string value")),
            Map.entry(JacksonErrors.Text.BAD_ESCAPE, new Sample("\"\\q\"", 2,
                    "Unrecognized character escape 'q' (code 113)")),
            Map.entry(JacksonErrors.Text.BAD_HEX_ESCAPE, new Sample("\"\\u12G4\"", 5,
                    "Unexpected character ('G' (code 71)): expected a hex-digit for character escape sequence")),
            Map.entry(JacksonErrors.Text.PLUS_SIGN, new Sample("+1", 1,
                    "Unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow numbers to have"
                            + " plus signs: enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow")),
            Map.entry(JacksonErrors.Text.INVALID_NUMBER, new Sample("01", 1,
                    "Invalid numeric value: Leading zeroes not allowed")),
            Map.entry(JacksonErrors.Text.IN_NUMBER, new Sample("[1.]", 3,
                    "Unexpected character (']' (code 93)) in numeric value: Decimal point not followed by a digit")),
            Map.entry(JacksonErrors.Text.EXPECTED_A_VALUE, new Sample("[1,]", 3,
                    "Unexpected character (']' (code 93)): expected a value")),
            Map.entry(JacksonErrors.Text.EXPECTED_A_VALID_VALUE, new Sample("@", 0,
                    "Unexpected character ('@' (code 64)): expected a valid value (JSON String, Number, Array,"
                            + " Object or token 'null', 'true' or 'false')")),
            Map.entry(JacksonErrors.Text.CLOSE_MARKER, new Sample("]", 0,
                    "Unexpected close marker ']': no open Array to close")),
            Map.entry(JacksonErrors.Text.UNEXPECTED_CHARACTER, new Sample("1x", 1,
                    "Unexpected character ('x' (code 120)): Expected space separating root-level values"))));

    @Test
    void everyFragmentTheMappingMatchesHasASample() {
        for (JacksonErrors.Text text : JacksonErrors.Text.values()) {
            assertTrue(SAMPLES.containsKey(text), "no sample pins " + text + " (\"" + text.fragment() + "\")");
        }
    }

    @TestFactory
    List<DynamicTest> jacksonStillWordsEachErrorAsTheMappingExpects() {
        List<DynamicTest> tests = new ArrayList<>();
        SAMPLES.forEach((text, sample) -> tests.add(DynamicTest.dynamicTest(text.name(), () -> {
            JsonProcessingException e = failure(sample.json());
            String line = JacksonErrors.firstLine(e);
            assertTrue(text.in(line), "Jackson no longer says \"" + text.fragment() + "\" here: " + line);
            assertEquals(sample.firstLine(), line, "Jackson's wording changed");
            assertEquals(sample.offset(), e.getLocation().getByteOffset(), "Jackson's error position changed");
        })));
        return tests;
    }

    /** The mapping takes the bare word from between the first pair of single quotes. */
    @Test
    void unrecognizedTokenQuotesTheWholeWord() {
        String line = JacksonErrors.firstLine(failure("{\"a\": trux}"));
        String prefix = JacksonErrors.Text.UNRECOGNIZED_TOKEN.fragment();
        assertTrue(line.startsWith(prefix), line);
        assertEquals("trux", line.substring(prefix.length(), line.indexOf('\'', prefix.length())));
    }

    /** {@link JacksonSource} words most early ends from the exception's class (the rest by {@code END_OF_INPUT}). */
    @Test
    void truncatedInputThrowsJsonEofException() {
        for (String json : List.of("{\"a\":1", "[1", "\"abc", "{\"a\":", "{", "-", "{\"a")) {
            assertInstanceOf(JsonEOFException.class, failure(json), json);
        }
    }

    /** Reads every token (and every string's text, which Jackson decodes lazily) until Jackson fails. */
    private static JsonProcessingException failure(String json) {
        try (JsonParser p = JacksonSource.FACTORY.createParser(json.getBytes(StandardCharsets.UTF_8))) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_STRING) {
                    p.getText();
                }
            }
        } catch (JsonProcessingException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return fail("Jackson accepted " + json);
    }
}
