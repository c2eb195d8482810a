package dev.ktstr.cli.archfixture;

/** Violates "cli never imports an implementation module" and calls ServiceLoader. */
public class CliUsesFs {
    public Object bad() {
        return new dev.ktstr.fs.FsSidecarStore();
    }

    public Object alsoBad() {
        return java.util.ServiceLoader.load(Runnable.class);
    }
}
