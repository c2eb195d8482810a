package dev.ktstr.cli.archfixture.cyc.a;

/** One half of a package cycle. */
public class A {
    public dev.ktstr.cli.archfixture.cyc.b.B b;
}
