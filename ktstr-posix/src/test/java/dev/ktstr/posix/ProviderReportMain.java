package dev.ktstr.posix;

import dev.ktstr.api.Providers;
import dev.ktstr.api.Spi;

/** Child-JVM probe: prints the flock provider's unavailable reason and the provider the lookup chose. */
public final class ProviderReportMain {
    private ProviderReportMain() {
    }

    public static void main(String[] args) {
        System.out.println("reason=" + new FlockRunLock().unavailableReason().orElse("<none>"));
        System.out.println("chosen=" + Providers.select(Spi.LOCK).provider().name());
    }
}
