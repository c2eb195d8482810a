/**
 * The operator CLI {@code ktstr-sidecar}: {@code cargo ktstr stats} reports and A/B verdicts,
 * plus sidecar write, verify and probe. Providers are found through {@link dev.ktstr.api.Providers};
 * this module never reads an implementation module.
 */
module dev.ktstr.cli {
    requires dev.ktstr.api;
    requires dev.ktstr.report;
    requires info.picocli;

    opens dev.ktstr.cli to info.picocli;
    exports dev.ktstr.cli.stats;
    opens dev.ktstr.cli.stats to info.picocli;
}
