package dev.ktstr.api.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * jackson-core's syntax errors reworded as serde_json words them, at serde's positions. Jackson
 * says what went wrong only in its message text, so the mapping matches fragments of it; each
 * fragment is one {@link Text}, and {@code JacksonMessagePinTest} checks every one against the
 * Jackson on the class path, so an upgrade that rewords one fails the build instead of changing
 * our messages. The serde texts and positions were taken from serde_json itself (a Rust program
 * over the same inputs); a message no fragment matches keeps Jackson's words.
 */
final class JacksonErrors {

    /** A fragment of a Jackson error message that the mapping relies on. */
    enum Text {
        /** A byte that cannot start a token here (also a stray control character). */
        ILLEGAL_CHARACTER("Illegal character", true),
        /** A bare word; the word follows in single quotes. */
        UNRECOGNIZED_TOKEN("Unrecognized token '", true),
        /** Input ends early (Jackson also throws {@code JsonEOFException} for most of these). */
        END_OF_INPUT("Unexpected end-of-input", true),
        /** A key not followed by {@code :}. */
        COLON("was expecting a colon", false),
        /** Something other than a string where a key is due. */
        FIELD_NAME_QUOTE("was expecting double-quote to start field name", false),
        /** A member not followed by {@code ,} or {@code }}. */
        OBJECT_COMMA("was expecting comma to separate Object entries", false),
        /** An element not followed by {@code ,} or {@code ]}. */
        ARRAY_COMMA("was expecting comma to separate Array entries", false),
        /** A raw control character inside a string. */
        UNQUOTED_CONTROL("Illegal unquoted character", true),
        /** A backslash followed by a letter JSON does not define. */
        BAD_ESCAPE("Unrecognized character escape", true),
        /** A {@code \\u} escape with a non-hex digit. */
        BAD_HEX_ESCAPE("hex-digit for character escape", false),
        /** A number with a leading {@code +}. */
        PLUS_SIGN("plus sign", false),
        /** A malformed number (leading zero, missing digits). */
        INVALID_NUMBER("Invalid numeric value", true),
        /** A character where a number needs a digit. */
        IN_NUMBER("in numeric value", false),
        /** Nothing usable where a value is due (a comma, a closing bracket). */
        EXPECTED_A_VALUE("expected a value", false),
        /** Like {@link #EXPECTED_A_VALUE}, worded differently by another parser branch. */
        EXPECTED_A_VALID_VALUE("expected a valid value", false),
        /** A closing bracket that does not match the open container. */
        CLOSE_MARKER("Unexpected close marker", true),
        /** Any other byte that cannot come next. */
        UNEXPECTED_CHARACTER("Unexpected character", true);

        private final String fragment;
        private final boolean prefix;

        Text(String fragment, boolean prefix) {
            this.fragment = fragment;
            this.prefix = prefix;
        }

        /** The words matched. */
        String fragment() {
            return fragment;
        }

        /** Whether the message must start with {@link #fragment} (otherwise: contain it). */
        boolean prefix() {
            return prefix;
        }

        /** Whether {@code msg} (its first line) is this kind of error. */
        boolean in(String msg) {
            return prefix ? msg.startsWith(fragment) : msg.contains(fragment);
        }
    }

    /** A serde reason and the byte offset it is reported at. */
    record Verdict(String reason, long index) {
    }

    private JacksonErrors() {
    }

    /** The first line of a Jackson message, where the kind of error is stated. */
    static String firstLine(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        int nl = msg.indexOf('\n');
        return nl >= 0 ? msg.substring(0, nl) : msg;
    }

    /**
     * serde's verdict on a syntax error Jackson found. Jackson's location is the offending byte;
     * serde counts that byte as consumed, hence {@code at + 1} for most kinds.
     *
     * @param skipping whether an unknown key's value was being skipped: serde's skipper words a
     *                 few errors differently from its struct and map readers
     * @param ctx      the parser's context when it failed
     * @param current  the parser's last complete token
     */
    static Verdict syntax(JsonProcessingException e, byte[] src, boolean skipping, JsonStreamContext ctx,
            JsonToken current) {
        String msg = firstLine(e);
        long at = Math.max(0, e.getLocation() == null ? 0 : e.getLocation().getByteOffset());
        if (Text.ILLEGAL_CHARACTER.in(msg) && at > 0 && at <= src.length && (src[(int) at - 1] & 0xFF) < 0x20) {
            at--; // Jackson reports a stray control character from just past it
        }
        int here = at < src.length ? src[(int) at] & 0xFF : -1;
        int tokenStart = Text.UNRECOGNIZED_TOKEN.fragment().length();
        int tokenEnd = msg.indexOf('\'', tokenStart);
        if (Text.UNRECOGNIZED_TOKEN.in(msg) && tokenEnd > 0) {
            return unrecognizedToken(src, msg.substring(tokenStart, tokenEnd), at);
        }
        if (Text.END_OF_INPUT.in(msg)) {
            return new Verdict(eofReason(src, skipping, ctx), src.length);
        }
        String reason = null;
        long index = at + 1;
        if (Text.COLON.in(msg)) {
            reason = "expected `:`";
        } else if (Text.FIELD_NAME_QUOTE.in(msg)) {
            // serde's skipper of unknown values has no trailing-comma check; its map access does.
            reason = !skipping && here == '}' && previousNonWhitespace(src, at) == ',' ? "trailing comma"
                    : "key must be a string";
        } else if (Text.OBJECT_COMMA.in(msg)) {
            reason = "expected `,` or `}`";
        } else if (Text.ARRAY_COMMA.in(msg)) {
            reason = "expected `,` or `]`";
        } else if (Text.UNQUOTED_CONTROL.in(msg)) {
            reason = "control character (\\u0000-\\u001F) found while parsing a string";
            index = skipping ? at : at + 1; // the skipper reports before consuming the character
        } else if (Text.BAD_ESCAPE.in(msg) || Text.BAD_HEX_ESCAPE.in(msg)) {
            reason = "invalid escape";
        } else if (Text.PLUS_SIGN.in(msg)) {
            reason = SerdeErrors.EXPECTED_VALUE;
            index = at;
        } else if (Text.INVALID_NUMBER.in(msg) || Text.IN_NUMBER.in(msg)) {
            if (at >= src.length - 1 && endsInIncompleteNumber(src)) {
                return new Verdict(SerdeErrors.EOF_VALUE, src.length); // e.g. "1." at the very end
            }
            reason = "invalid number";
        } else if (Text.EXPECTED_A_VALUE.in(msg) || Text.EXPECTED_A_VALID_VALUE.in(msg)) {
            reason = !skipping && here == ']' && previousNonWhitespace(src, at) == ',' ? "trailing comma"
                    : SerdeErrors.EXPECTED_VALUE;
        }
        if (reason == null && (Text.CLOSE_MARKER.in(msg) || Text.ILLEGAL_CHARACTER.in(msg)
                || Text.UNEXPECTED_CHARACTER.in(msg))) {
            reason = unexpectedHere(src, at, ctx, current);
            index = at + 1;
        }
        return reason != null ? new Verdict(reason, index) : new Verdict("invalid JSON: " + msg, at);
    }

    /** serde's words for input that ends too early, from where it ends. */
    static String eofReason(byte[] src, boolean skipping, JsonStreamContext ctx) {
        if (endsInsideString(src)) {
            return SerdeErrors.EOF_STRING;
        }
        if (endsInIncompleteNumber(src)) {
            return SerdeErrors.EOF_VALUE;
        }
        boolean inObject = ctx != null && ctx.inObject();
        boolean inArray = ctx != null && ctx.inArray();
        int prev = previousNonWhitespace(src, src.length);
        if (prev == ':') {
            return SerdeErrors.EOF_VALUE;
        }
        if (prev == ',') {
            // After a comma serde expects a value, except its skipper (unknown keys) inside an
            // object, which reports the object.
            return skipping && inObject ? SerdeErrors.EOF_OBJECT : SerdeErrors.EOF_VALUE;
        }
        if (inObject) {
            return SerdeErrors.EOF_OBJECT;
        }
        if (inArray) {
            return SerdeErrors.EOF_LIST;
        }
        return SerdeErrors.EOF_VALUE;
    }

    /** Whether the input ends inside a number that still needs digits ({@code -}, {@code 1.}, {@code 1e+}). */
    private static boolean endsInIncompleteNumber(byte[] src) {
        if (src.length == 0) {
            return false;
        }
        byte last = src[src.length - 1];
        return last == '-' || last == '+' || last == '.' || last == 'e' || last == 'E';
    }

    /** Whether the input ends inside a string literal (an odd number of unescaped quotes). */
    private static boolean endsInsideString(byte[] src) {
        boolean inside = false;
        for (int i = 0; i < src.length; i++) {
            byte c = src[i];
            if (inside && c == '\\') {
                i++;
            } else if (c == '"') {
                inside = !inside;
            }
        }
        return inside;
    }

    /**
     * What serde expected at a byte that cannot start the next token, read from the byte before
     * it and the open container, as serde's parser state would have it.
     */
    private static String unexpectedHere(byte[] src, long at, JsonStreamContext ctx, JsonToken current) {
        int prev = previousNonWhitespace(src, at);
        boolean inObject = ctx != null && ctx.inObject();
        boolean inArray = ctx != null && ctx.inArray();
        if (prev == ':' || prev == '[' || (prev == ',' && inArray)) {
            return SerdeErrors.EXPECTED_VALUE;
        }
        if (prev == '{' || (prev == ',' && inObject)) {
            return "key must be a string";
        }
        if (inObject && current == JsonToken.FIELD_NAME) {
            return "expected `:`";
        }
        if (inObject) {
            return "expected `,` or `}`";
        }
        if (inArray) {
            return "expected `,` or `]`";
        }
        return prev < 0 ? SerdeErrors.EXPECTED_VALUE : SerdeErrors.TRAILING;
    }

    /** serde's verdict on a bare word: a mangled {@code null}/{@code true}/{@code false}, or no value at all. */
    private static Verdict unrecognizedToken(byte[] src, String token, long at) {
        int start = lastIndexOf(src, token, (int) Math.min(at, src.length));
        if (start < 0) {
            return new Verdict(SerdeErrors.EXPECTED_VALUE, at);
        }
        String literal = switch (src[start]) {
            case 'n' -> "null";
            case 't' -> "true";
            case 'f' -> "false";
            default -> null;
        };
        if (literal == null) {
            return new Verdict(SerdeErrors.EXPECTED_VALUE, start + 1);
        }
        for (int k = 1; k < literal.length(); k++) {
            if (start + k >= src.length) {
                return new Verdict(SerdeErrors.EOF_VALUE, src.length);
            }
            if (src[start + k] != literal.charAt(k)) {
                return new Verdict("expected ident", start + k + 1);
            }
        }
        return new Verdict(SerdeErrors.EXPECTED_VALUE, start + 1);
    }

    private static int lastIndexOf(byte[] src, String token, int end) {
        byte[] t = token.getBytes(StandardCharsets.UTF_8);
        for (int i = end - t.length; i >= 0; i--) {
            if (Arrays.equals(src, i, i + t.length, t, 0, t.length)) {
                return i;
            }
        }
        return -1;
    }

    private static int previousNonWhitespace(byte[] src, long at) {
        for (int i = (int) Math.min(at, src.length) - 1; i >= 0; i--) {
            if (!TokenSource.isWhitespace(src[i])) {
                return src[i];
            }
        }
        return -1;
    }
}
