package dev.ktstr.cli.archfixture.cyc.b;

/** The other half of a package cycle. */
public class B {
    public dev.ktstr.cli.archfixture.cyc.a.A a;
}
