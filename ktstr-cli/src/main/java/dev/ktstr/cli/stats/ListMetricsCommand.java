package dev.ktstr.cli.stats;

import dev.ktstr.report.MetricList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stats list-metrics}: the metric registry; reads no file. */
@Command(name = "list-metrics",
        description = {"List the registered regression metrics and their default thresholds.", "",
            "Shows each metric of the registry with its polarity, absolute-delta gate, relative-delta gate"
                + " and display unit: the names a compare policy's per_metric_percent may use, and the gates"
                + " they start from."})
final class ListMetricsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--json", description = "Emit JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        return StatsIo.guarded(spec, () -> {
            spec.commandLine().getOut().print(json ? MetricList.json() : MetricList.text());
            return 0;
        });
    }
}
