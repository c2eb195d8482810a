package dev.ktstr.tck.archfixture;

/** Violates "tck depends on api only": the kit must test providers through the SPI, not name one. */
public class TckUsesPg {
    public Object bad() {
        return new dev.ktstr.pg.PgSidecarStore();
    }
}
