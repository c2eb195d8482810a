package dev.ktstr.api.layout;

import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.schema.Utf8Order;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Upstream's {@code sidecar_variant_hash}: SipHash-1-3 with zero keys over a byte stream built
 * from the fields that identify a test variant.
 *
 * <pre>
 * topology 00 scheduler 00 FC [payload] 00 work_type 00
 * FE (flag 00)* FD (sorted sysctl 00)* FF (sorted karg 00)*
 * </pre>
 * Flags are hashed in stored order (writers store them canonically); sysctls and kargs are
 * hashed sorted by UTF-8 bytes. The test name, commits, host and results are not hashed.
 */
public final class VariantHash {
    private VariantHash() {
    }

    /**
     * The variant hash of a sidecar.
     *
     * @param s the sidecar whose identifying fields are hashed
     * @return the 64-bit hash, as in its file name
     */
    public static long of(SidecarResult s) {
        return compute(s.topology(), s.scheduler(), s.payload(), s.workType(), s.activeFlags(), s.sysctls(), s.kargs());
    }

    /**
     * The variant hash of the identifying fields.
     *
     * @param topology    the topology spec, e.g. {@code 1n2l4c2t}
     * @param scheduler   the scheduler name
     * @param payload     the payload name; empty hashes like the empty string
     * @param workType    the work type name
     * @param activeFlags the scheduler flags, hashed in the order given (store them canonically)
     * @param sysctls     the sysctl settings, hashed in UTF-8 byte order
     * @param kargs       the kernel arguments, hashed in UTF-8 byte order
     * @return the 64-bit hash: {@link #sipHash13} of {@link #hashInput}
     */
    public static long compute(String topology, String scheduler, Optional<String> payload, String workType,
            List<String> activeFlags, List<String> sysctls, List<String> kargs) {
        return sipHash13(hashInput(topology, scheduler, payload, workType, activeFlags, sysctls, kargs));
    }

    /**
     * The exact byte stream that is hashed (layout in the class comment).
     *
     * @param topology    the topology spec, e.g. {@code 1n2l4c2t}
     * @param scheduler   the scheduler name
     * @param payload     the payload name; empty hashes like the empty string
     * @param workType    the work type name
     * @param activeFlags the scheduler flags, hashed in the order given (store them canonically)
     * @param sysctls     the sysctl settings, hashed in UTF-8 byte order
     * @param kargs       the kernel arguments, hashed in UTF-8 byte order
     * @return a new array holding the stream
     */
    public static byte[] hashInput(String topology, String scheduler, Optional<String> payload, String workType,
            List<String> activeFlags, List<String> sysctls, List<String> kargs) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        terminated(b, topology);
        terminated(b, scheduler);
        b.write(0xFC);
        terminated(b, payload.orElse(""));
        terminated(b, workType);
        b.write(0xFE);
        for (String f : activeFlags) {
            terminated(b, f);
        }
        b.write(0xFD);
        for (String s : Utf8Order.sorted(sysctls)) {
            terminated(b, s);
        }
        b.write(0xFF);
        for (String k : Utf8Order.sorted(kargs)) {
            terminated(b, k);
        }
        return b.toByteArray();
    }

    /**
     * The hash as upstream prints it.
     *
     * @param hash a variant hash, read as unsigned
     * @return 16 lowercase hex digits, zero-padded
     */
    public static String hex(long hash) {
        String h = Long.toHexString(hash);
        return "0".repeat(16 - h.length()) + h;
    }

    private static void terminated(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        b.write(0);
    }

    /**
     * SipHash-1-3 with both keys zero (one compression round, three finalization rounds).
     *
     * @param data the bytes to hash
     * @return the 64-bit hash, as Rust's {@code SipHasher13::finish}
     */
    public static long sipHash13(byte[] data) {
        long v0 = 0x736f6d6570736575L;
        long v1 = 0x646f72616e646f6dL;
        long v2 = 0x6c7967656e657261L;
        long v3 = 0x7465646279746573L;
        int n = data.length;
        int end = n - (n % 8);
        for (int i = 0; i < end; i += 8) {
            long m = littleEndian(data, i, 8);
            v3 ^= m;
            // one SipRound
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            v0 ^= m;
        }
        long last = ((long) (n & 0xFF) << 56) | littleEndian(data, end, n - end);
        v3 ^= last;
        v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
        v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        v0 ^= last;
        v2 ^= 0xFF;
        for (int r = 0; r < 3; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static long littleEndian(byte[] data, int from, int len) {
        long m = 0;
        for (int k = 0; k < len; k++) {
            m |= (data[from + k] & 0xFFL) << (8 * k);
        }
        return m;
    }
}
