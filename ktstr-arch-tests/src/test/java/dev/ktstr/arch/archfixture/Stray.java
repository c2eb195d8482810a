package dev.ktstr.arch.archfixture;

/** Treated as a class of dev.ktstr.cli while its package says otherwise; also a module cycle with the API fixture. */
public class Stray {
    public dev.ktstr.api.archfixture.ApiUsesReport api;
}
