package dev.ktstr.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Both UTF-8 comparators ({@link Utf8Order} and the schema's own copy) against the definition:
 * code points compared one by one, which for well-formed strings is the unsigned order of
 * their UTF-8 bytes (checked too).
 */
class Utf8OrderPropertyTest {

    @Property(tries = 5000)
    void comparatorsFollowCodePointOrder(@ForAll("mixed") String a, @ForAll("mixed") String b) {
        int expected = Integer.signum(Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
        assertEquals(expected, Integer.signum(Utf8Order.INSTANCE.compare(a, b)), () -> dump(a) + " vs " + dump(b));
        assertEquals(expected, Integer.signum(SchemaMaps.UTF8.compare(a, b)), () -> dump(a) + " vs " + dump(b));
        if (wellFormed(a) && wellFormed(b)) {
            byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(expected, Integer.signum(Arrays.compareUnsigned(x, y)));
        }
    }

    /**
     * The keyed sort (bytes compared once encoded) gives exactly the comparator's stable order,
     * also when a key has an unpaired surrogate (then it falls back to the comparator).
     */
    @Property(tries = 2000)
    void keyedSortEqualsComparatorSort(@ForAll("lists") java.util.List<String> keys) {
        java.util.List<java.util.Map.Entry<String, Integer>> elements = new java.util.ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            elements.add(java.util.Map.entry(keys.get(i), i));
        }
        java.util.List<java.util.Map.Entry<String, Integer>> expected = new java.util.ArrayList<>(elements);
        expected.sort((x, y) -> Utf8Order.INSTANCE.compare(x.getKey(), y.getKey()));
        java.util.List<java.util.Map.Entry<String, Integer>> actual = new java.util.ArrayList<>(elements);
        Utf8Order.sort(actual, java.util.Map.Entry::getKey);
        assertEquals(expected, actual);
        assertEquals(expected.stream().map(java.util.Map.Entry::getKey).toList(), Utf8Order.sorted(keys));
    }

    @Provide
    Arbitrary<java.util.List<String>> lists() {
        return mixed().list().ofMaxSize(12);
    }

    /** Short strings over a small alphabet that straddles the surrogate range, so prefixes collide often. */
    @Provide
    Arbitrary<String> mixed() {
        return Arbitraries.of('a', 'b', '\u00e9', '\ud7ff', '\ud83d', '\ude00', '\udbff', '\udfff', '\ue000', '\uffff')
                .list().ofMaxSize(5).map(cs -> {
                    StringBuilder sb = new StringBuilder();
                    cs.forEach(sb::append);
                    return sb.toString();
                });
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String dump(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(String.format("\\u%04x", c)));
        return sb.toString();
    }
}
