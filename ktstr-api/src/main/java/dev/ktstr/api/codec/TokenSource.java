package dev.ktstr.api.codec;

import com.fasterxml.jackson.core.JsonToken;

/**
 * What {@link JsonIn}'s slot readers need from a JSON tokenizer. Two implementations:
 * {@link FastJson}, the strict byte scanner that declines ({@link FastJson#BAIL}) wherever it
 * would have to report an error, and {@link JacksonSource}, jackson-core's parser with every
 * verdict worded and positioned as serde_json's. The reader is written once against this
 * interface; the two call sites per method stay bimorphic, which the JIT inlines.
 *
 * <p>Positions are byte offsets into the document. An implementation that declines errors may
 * return anything from the position methods, since their only use is {@link #error}.
 */
interface TokenSource {

    /** {@link #nextField}'s answer when the object ends. */
    int END = -2;

    /** Reads the document's first token; an empty document is an error. */
    void begin();

    /** After the root value: only whitespace may follow. */
    void end();

    /** Advances to the next token and returns it (null past the root value on the full path). */
    JsonToken next();

    /** The current token. */
    JsonToken current();

    /** Skips the value whose first token is current, checking its syntax as serde's skipper does. */
    void skipValue();

    /**
     * Inside an object, after its start or a member's value: advances to the next key and returns
     * its index in {@code spec}'s keys, -1 for a key not among them, or {@link #END} when the
     * object closes. {@code hint} is the index expected next (writers keep declaration order).
     */
    int nextField(JsonIn.StructSpec spec, int hint);

    /** The current string value, decoded; the current token is {@link JsonToken#VALUE_STRING}. */
    String string();

    /** The current field name, decoded; the current token is {@link JsonToken#FIELD_NAME}. */
    String fieldName();

    /** The current token as a Rust u64 or usize ({@code expected} names which), as its 64 bits. */
    long u64(String expected);

    /** The current token as a Rust u32. */
    long u32();

    /** The current token as a Rust i64. */
    long i64();

    /** The current token as a Rust i32. */
    int i32();

    /** The current token as a Rust f64. */
    double f64();

    /** Offset of the current token's first byte (a name's or string's opening quote). */
    long tokenStart();

    /** Offset just past the current token, as serde counts "consumed". */
    long afterToken();

    /** Offset just past the closing quote of the current field name. */
    long afterName();

    /** Enters a struct field or map key, for the error path. */
    void push(String key);

    /** Enters a list element, for the error path. */
    void pushIndex(int index);

    /** Leaves the innermost {@link #push} or {@link #pushIndex}. */
    void pop();

    /** The error {@code reason} at {@code index} with the current path (or a decline). */
    SidecarParseException error(String reason, long index);

    /** serde's {@code invalid type} error for the current token (or a decline). */
    SidecarParseException invalidType(String expected);

    /** JSON's four whitespace bytes, the only ones serde_json skips between tokens. */
    static boolean isWhitespace(int b) {
        return b == ' ' || b == '\n' || b == '\t' || b == '\r';
    }

    /** Offset of the first byte at or after {@code from} that is not whitespace, or -1. */
    static int firstNonWhitespace(byte[] src, int from) {
        for (int i = from; i < src.length; i++) {
            if (!isWhitespace(src[i])) {
                return i;
            }
        }
        return -1;
    }
}
