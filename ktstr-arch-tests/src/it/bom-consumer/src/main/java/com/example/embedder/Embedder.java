package com.example.embedder;

import dev.ktstr.api.Providers;
import dev.ktstr.api.Spi;

/** Compiles only if the BOM-managed ktstr-api resolved. */
public final class Embedder {
    private Embedder() {
    }

    public static String storeName() {
        return Providers.select(Spi.STORE).provider().name();
    }
}
