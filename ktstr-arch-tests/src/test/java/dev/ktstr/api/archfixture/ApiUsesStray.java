package dev.ktstr.api.archfixture;

/** Closes a module-level cycle (api -> arch -> api) for the "no module cycles" rule. */
public class ApiUsesStray {
    public dev.ktstr.arch.archfixture.Stray stray;
}
