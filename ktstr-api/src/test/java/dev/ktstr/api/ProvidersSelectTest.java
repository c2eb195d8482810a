package dev.ktstr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.spi.RunLock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The selection rule over explicit inputs; {@link ProviderLookupProcessTest} runs it through real ServiceLoader lookups. */
class ProvidersSelectTest {

    record FakeLock(String name, int priority, String refusal) implements RunLock {
        @Override
        public Optional<String> unavailableReason() {
            return refusal.isEmpty() ? Optional.empty() : Optional.of(refusal);
        }

        @Override
        public Held acquire(dev.ktstr.api.spi.RunRef run, Mode mode, Duration timeout) {
            throw new UnsupportedOperationException();
        }
    }

    private static final UnaryOperator<String> NONE = k -> null;

    private static UnaryOperator<String> map(String k, String v) {
        return Map.of(k, v)::get;
    }

    @Test
    void highestPriorityWinsAndTiesBreakByName() {
        FakeLock low = new FakeLock("low", 1, "");
        FakeLock high = new FakeLock("high", 5, "");
        FakeLock refused = new FakeLock("best", 99, "no native library");
        Selection<RunLock> s = Providers.select(Spi.LOCK, List.of(low, refused, high), NONE, NONE);
        assertSame(high, s.provider());
        assertTrue(s.reason().startsWith("highest priority (5)"), s.reason());
        assertEquals(3, s.candidates().size());

        FakeLock b = new FakeLock("b", 3, "");
        FakeLock a = new FakeLock("a", 3, "");
        assertSame(a, Providers.select(Spi.LOCK, List.of(b, a), NONE, NONE).provider());
    }

    /** The class path lists jars in a folder's order and the module path in its own: the listing must not follow either. */
    @Test
    void candidatesAreListedByPriorityThenNameWhateverTheDiscoveryOrder() {
        FakeLock a = new FakeLock("a", 3, "");
        FakeLock b = new FakeLock("b", 3, "");
        FakeLock refused = new FakeLock("best", 99, "no native library");
        FakeLock low = new FakeLock("low", -200, "");
        List<String> expected = List.of("best", "a", "b", "low");
        for (List<RunLock> order : List.<List<RunLock>>of(List.of(low, b, refused, a), List.of(a, refused, low, b),
                List.of(b, a, low, refused))) {
            assertEquals(expected, Providers.select(Spi.LOCK, order, NONE, NONE).candidates().stream()
                    .map(Candidate::name).toList(), order.toString());
        }
    }

    @Test
    void propertyBeatsEnvironmentBeatsPriority() {
        FakeLock one = new FakeLock("one", 1, "");
        FakeLock two = new FakeLock("two", 2, "");
        FakeLock three = new FakeLock("three", 3, "");
        List<RunLock> all = List.of(one, two, three);
        Selection<RunLock> byEnv = Providers.select(Spi.LOCK, all, NONE, map("KTSTR_LOCK", "two"));
        assertSame(two, byEnv.provider());
        assertEquals("environment variable KTSTR_LOCK=two", byEnv.reason());
        Selection<RunLock> byProp = Providers.select(Spi.LOCK, all, map("ktstr.lock", "one"), map("KTSTR_LOCK", "two"));
        assertSame(one, byProp.provider());
        assertEquals("system property ktstr.lock=one", byProp.reason());
        // An empty choice counts as no choice, as upstream treats empty variables as unset.
        assertSame(three, Providers.select(Spi.LOCK, all, map("ktstr.lock", ""), NONE).provider());
    }

    @Test
    void explicitChoiceNeverFallsBackSilently() {
        FakeLock ok = new FakeLock("ok", 1, "");
        FakeLock broken = new FakeLock("broken", 9, "jnr-posix native stub did not load");
        ProviderException missing = assertThrows(ProviderException.class,
                () -> Providers.select(Spi.LOCK, List.of(ok), map("ktstr.lock", "nope"), NONE));
        assertTrue(missing.getMessage().contains("'nope'") && missing.getMessage().contains("ok ("), missing.getMessage());
        ProviderException unusable = assertThrows(ProviderException.class,
                () -> Providers.select(Spi.LOCK, List.of(ok, broken), NONE, map("KTSTR_LOCK", "broken")));
        assertTrue(unusable.getMessage().contains("jnr-posix native stub did not load"), unusable.getMessage());
    }

    @Test
    void duplicateNamesAreAnError() {
        ProviderException e = assertThrows(ProviderException.class, () -> Providers.select(Spi.LOCK,
                List.of(new FakeLock("same", 1, ""), new FakeLock("same", 2, "")), NONE, NONE));
        assertTrue(e.getMessage().contains("named 'same'"), e.getMessage());
    }

    @Test
    void noUsableProviderNamesSpiCandidatesAndModule() {
        ProviderException none = assertThrows(ProviderException.class,
                () -> Providers.select(Spi.STORE, List.of(), NONE, NONE));
        assertTrue(none.getMessage().contains("dev.ktstr.api.spi.SidecarStore"), none.getMessage());
        assertTrue(none.getMessage().contains("dev.ktstr.fs (Maven artifact dev.ktstr:ktstr-fs)"), none.getMessage());

        ProviderException refused = assertThrows(ProviderException.class, () -> Providers.select(Spi.LOCK,
                List.of(new FakeLock("flock", 100, "not Linux")), NONE, NONE));
        assertTrue(refused.getMessage().contains("flock (") && refused.getMessage().contains("refused: not Linux"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("dev.ktstr.posix"), refused.getMessage());
    }
}
