package dev.ktstr.api.codec;

import dev.ktstr.api.schema.SidecarResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads and writes sidecar JSON exactly as upstream ktstr (serde_json 1.0.149) does.
 *
 * <p>Writing gives the bytes of serde_json's {@code to_string_pretty} for the same record: every
 * key in declaration order, {@code null}/{@code []} for empty top-level values, two-space indent,
 * serde's float text, lowercase hex escapes for control characters, raw non-ASCII, no trailing newline. The
 * per-vCPU KVM maps, whose order upstream leaves arbitrary, are written in UTF-8 key order.
 *
 * <p>Reading accepts what upstream's serde-derived reader accepts and rejects what it rejects:
 * unknown keys are ignored at any depth, absent optional keys read as empty, absent or
 * {@code null} required keys, duplicate struct keys, floats in integer slots and out-of-range
 * integers are errors; a struct may also be given as an array of its field values.
 */
public final class SidecarCodec {
    private SidecarCodec() {
    }

    /**
     * Writes a sidecar as upstream would.
     *
     * @param sidecar the record to write; not {@code null}
     * @return the UTF-8 bytes of serde_json's pretty form, without a trailing newline
     */
    public static byte[] write(SidecarResult sidecar) {
        PrettyJson w = new PrettyJson();
        SchemaCodec.writeSidecarResult(w, Objects.requireNonNull(sidecar, "sidecar"));
        return w.toBytes();
    }

    /**
     * {@link #write} as a string.
     *
     * @param sidecar the record to write; not {@code null}
     * @return the same text {@link #write} encodes as UTF-8
     */
    public static String writeString(SidecarResult sidecar) {
        PrettyJson w = new PrettyJson();
        SchemaCodec.writeSidecarResult(w, Objects.requireNonNull(sidecar, "sidecar"));
        return w.toString();
    }

    /**
     * Parses one sidecar document.
     *
     * @param json the whole document, UTF-8 encoded; not {@code null}
     * @return the parsed record
     * @throws SidecarEncodingException when the bytes are not UTF-8 (upstream: an I/O error)
     * @throws SidecarParseException    when upstream's reader would reject the document
     */
    public static SidecarResult read(byte[] json) {
        return JsonIn.parse(Objects.requireNonNull(json, "json"), SchemaCodec::readSidecarResult);
    }

    /**
     * {@link #read(byte[])} of a string's UTF-8 bytes.
     *
     * @param json the whole document
     * @return the parsed record
     * @throws SidecarParseException when upstream's reader would reject the document
     */
    public static SidecarResult read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a whole stream (not closed) and parses it; one sidecar is small, so callers walking
     * large pools read one file at a time.
     *
     * @param in the stream holding one whole document; read to its end, not closed
     * @return the parsed record
     * @throws IOException              when reading the stream fails
     * @throws SidecarEncodingException when the bytes are not UTF-8
     * @throws SidecarParseException    when upstream's reader would reject the document
     */
    public static SidecarResult read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }
}
