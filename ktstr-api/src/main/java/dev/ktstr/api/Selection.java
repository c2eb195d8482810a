package dev.ktstr.api;

import dev.ktstr.api.spi.KtstrProvider;
import java.util.List;

/**
 * The outcome of a provider lookup: the chosen provider, why it was chosen, and every
 * candidate seen.
 *
 * @param spi        the SPI looked up
 * @param provider   the chosen provider instance
 * @param reason     why it was chosen, e.g. {@code system property ktstr.lock=flock}
 * @param candidates every provider found, in discovery order
 * @param <S>        the provider type
 */
public record Selection<S extends KtstrProvider>(Spi<S> spi, S provider, String reason, List<Candidate> candidates) {
    /**
     * Copies {@code candidates}, so the selection is immutable.
     *
     * @param spi        the SPI looked up
     * @param provider   the chosen provider instance
     * @param reason     why it was chosen
     * @param candidates every provider found, in discovery order; copied
     */
    public Selection {
        candidates = List.copyOf(candidates);
    }
}
