package dev.ktstr.api.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * String order by UTF-8 bytes compared as unsigned, which is Rust's {@code str} order and
 * Unicode code-point order. {@link String#compareTo} compares UTF-16 units instead and differs
 * for characters above U+FFFF, so it must not be used where upstream sorts.
 */
public final class Utf8Order implements Comparator<String> {
    /** The comparator. */
    public static final Utf8Order INSTANCE = new Utf8Order();

    private Utf8Order() {
    }

    @Override
    public int compare(String a, String b) {
        // UTF-16 units order like code points except around surrogates: compare units, and
        // take the code-point loop below only when the first difference involves a surrogate.
        int n = Math.min(a.length(), b.length());
        int k = 0;
        while (k < n && a.charAt(k) == b.charAt(k)) {
            k++;
        }
        if (k == n) {
            return Integer.compare(a.length(), b.length());
        }
        char x = a.charAt(k);
        char y = b.charAt(k);
        if (!Character.isSurrogate(x) && !Character.isSurrogate(y)) {
            return Integer.compare(x, y);
        }
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * A copy sorted in this order; duplicates are kept.
     *
     * @param strings the strings to sort; not changed
     * @return a new mutable list of the same strings in UTF-8 byte order
     */
    public static List<String> sorted(Collection<String> strings) {
        List<String> copy = new ArrayList<>(strings);
        copy.sort(INSTANCE);
        return copy;
    }
}
