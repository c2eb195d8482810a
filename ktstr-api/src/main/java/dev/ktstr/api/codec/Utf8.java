package dev.ktstr.api.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Well-formed UTF-8 as RFC 3629 defines it (no overlong forms, no surrogates, nothing above
 * U+10FFFF): the check serde_json's reader makes before it reads a sidecar. A hand-written scan
 * because a {@code CharsetDecoder} per file showed up as a tenth of pool-read time; sidecars are
 * mostly ASCII.
 */
final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8() {
    }

    /** Offset of the first byte that is not well-formed UTF-8, or -1. */
    static int firstInvalid(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            // Eight ASCII bytes at a time: the common case is a file without a single high bit.
            if (i + 8 <= n && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
                i += 8;
                continue;
            }
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            int end = sequenceEnd(b, i);
            if (end < 0) {
                return i;
            }
            i = end;
        }
        return -1;
    }

    /**
     * Where the multi-byte sequence starting at {@code b[i]} (a byte with the high bit set) ends,
     * or -1 when it is not well-formed (overlong, a surrogate, above U+10FFFF, truncated).
     */
    static int sequenceEnd(byte[] b, int i) {
        int c = b[i] & 0xFF;
        int len;
        int min;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + len > b.length) {
            return -1;
        }
        int cp = c & (0xFF >> (len + 1));
        for (int k = 1; k < len; k++) {
            int x = b[i + k];
            if ((x & 0xC0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (x & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return -1;
        }
        return i + len;
    }
}
