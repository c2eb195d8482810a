package dev.ktstr.api.codec;

import dev.ktstr.api.schema.SidecarResult;
import java.io.IOException;
import java.util.Objects;

/**
 * A compact binary form of a sidecar record, for caches such as the filesystem store's pool
 * index: a few hundred bytes where the JSON takes kilobytes, and decoded without parsing text.
 *
 * <p>This is a cache form <b>for this build only</b>, not an interchange format: it has no field
 * names, follows the schema's declaration order, and changes whenever the schema or this class
 * does, so whoever stores it must key the entries by the build of this API (as
 * {@link dev.ktstr.api.read.CachedProjection} does). The bytes start with a format byte, then
 * every field in declaration order: {@code Optional} as a presence byte, {@code bool} as 0 or 1,
 * unsigned integers ({@code u32}, {@code u64}, {@code usize}, kept as their 64 bits) as unsigned
 * varints, signed ones as zigzag varints, {@code f64} as its raw 8 bits (so {@code -0.0} and any
 * NaN come back bit for bit), strings as a varint length and UTF-8 (a lone surrogate as its
 * 3-byte form), lists and maps as a varint count and their elements or entries in iteration
 * order (map keys strictly ascending); maps of strings are framed by their length.
 *
 * <p>{@code decode(encode(x))} equals {@code x} for every record. Decoding never returns a record
 * for bytes {@code encode} could not have written: truncated, trailing or malformed bytes throw.
 * A {@link #sharingDecoder()} also hands back one map for equal bytes of a map of strings (the
 * host's {@code sched_tunables} and {@code cpufreq_governor}, which repeat across a pool's
 * sidecars and are most of the host's bytes) and one string for equal string bytes, saving their
 * decoding and most of a pool's heap.
 */
public final class CompactCodec {
    /** How many distinct strings a sharing decoder keeps. */
    static final int SHARED_STRINGS = 4096;
    /** The first byte of every encoding; bumped when the layout changes incompatibly. */
    private static final int FORMAT = 1;

    private CompactCodec() {
    }

    /**
     * Encodes a sidecar record.
     *
     * @param sidecar the record; not {@code null}
     * @return its compact form, starting with the format byte
     */
    public static byte[] encode(SidecarResult sidecar) {
        Objects.requireNonNull(sidecar, "sidecar");
        CompactOut out = new CompactOut();
        out.u8(FORMAT);
        CompactSchemaCodec.writeSidecarResult(out, sidecar);
        return out.toBytes();
    }

    /**
     * Decodes what {@link #encode} wrote.
     *
     * @param bytes the whole encoding; not {@code null}
     * @return the record that was encoded
     * @throws IOException when the bytes are not exactly an encoding of this build: another
     *                     format byte, truncated, trailing bytes, or malformed contents
     */
    public static SidecarResult decode(byte[] bytes) throws IOException {
        return decode(bytes, null, null);
    }

    /**
     * A decoder that shares the maps of strings and the strings it decodes from equal bytes
     * between its calls (they are immutable, and records keep such maps without copying, so
     * sharing cannot be observed but by identity). It keeps at most a few hundred distinct maps
     * and a few thousand distinct strings of up to 256 bytes; it is thread-safe.
     *
     * @return a new decoder with nothing shared yet
     */
    public static Decoder sharingDecoder() {
        return new Decoder();
    }

    /** {@link CompactCodec#decode} with maps of strings and strings shared between calls; see {@link CompactCodec#sharingDecoder()}. */
    public static final class Decoder {
        private final SharedRecords shared = new SharedRecords();
        private final SharedRecords strings = new SharedRecords(SHARED_STRINGS);

        private Decoder() {
        }

        /**
         * Decodes what {@link CompactCodec#encode} wrote, as {@link CompactCodec#decode} does.
         *
         * @param bytes the whole encoding; not {@code null}
         * @return the record that was encoded, its maps of strings and strings possibly those of an earlier call
         * @throws IOException when the bytes are not exactly an encoding of this build
         */
        public SidecarResult decode(byte[] bytes) throws IOException {
            return CompactCodec.decode(bytes, shared, strings);
        }
    }

    private static SidecarResult decode(byte[] bytes, SharedRecords shared, SharedRecords strings) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        CompactIn in = new CompactIn(bytes, shared, strings);
        int format = in.u8();
        if (format != FORMAT) {
            throw new IOException("compact sidecar: format " + format + ", expected " + FORMAT);
        }
        SidecarResult r;
        try {
            r = CompactSchemaCodec.readSidecarResult(in);
        } catch (IllegalArgumentException | NullPointerException e) {
            // a record's own checks (a u32 range, a polarity's target) refused a decoded value
            throw new IOException("compact sidecar: " + e.getMessage(), e);
        }
        in.end();
        return r;
    }
}
