package dev.ktstr.pg.archfixture;

/** Violates "pg depends on api only". */
public class PgUsesFs {
    public Object bad() {
        return new dev.ktstr.fs.FsSidecarStore();
    }
}
