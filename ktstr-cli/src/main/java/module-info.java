/**
 * The operator CLI {@code ktstr-sidecar}: {@code cargo ktstr stats} reports and A/B verdicts,
 * plus sidecar write, verify and probe. Providers are found through {@link dev.ktstr.api.Providers};
 * this module never reads an implementation module.
 */
module dev.ktstr.cli {
    requires transitive dev.ktstr.api; // StatsCommand (exported, for embedding) takes its Env and SidecarReader
    requires dev.ktstr.report;
    requires transitive info.picocli; // StatsCommand.commandLine returns a picocli CommandLine
    // The CLI's own --json views (CliJson): records bound by databind, written through SerdeJson.
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    opens dev.ktstr.cli to info.picocli, com.fasterxml.jackson.databind;
    exports dev.ktstr.cli.stats;
    opens dev.ktstr.cli.stats to info.picocli;
}
