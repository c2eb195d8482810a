/**
 * Reports over collected sidecars: the stats pipeline, the metric registry, A/B compare,
 * and the formatters and tables of {@code cargo ktstr stats}. Pure functions: no filesystem
 * access.
 */
module dev.ktstr.report {
    requires transitive dev.ktstr.api;
    requires org.apache.commons.statistics.inference;

    exports dev.ktstr.report;
    exports dev.ktstr.report.compare;
    exports dev.ktstr.report.text;
}
