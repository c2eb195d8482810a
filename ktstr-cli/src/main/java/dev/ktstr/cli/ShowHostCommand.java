package dev.ktstr.cli;

import dev.ktstr.api.Providers;
import dev.ktstr.api.codec.SerdeJson;
import dev.ktstr.api.schema.HostContext;
import dev.ktstr.report.HostReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code show-host}: this host's context now (upstream {@code cargo ktstr show-host}), collected
 * by the host probe as {@code sidecar write --fill} records it, rendered like
 * {@code stats show-host}.
 */
@Command(name = "show-host", mixinStandardHelpOptions = true,
        description = {"Print this host's context now: what sidecar write --fill records as host.",
            "CPU, memory, hugepages, THP policy, sched_* tunables, online CPUs, NUMA nodes, cpufreq governors,"
                + " uname and kernel command line, read by the host probe (ktstr-sidecar providers shows which)."
                + " A field that cannot be read is shown as (unknown)."})
final class ShowHostCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Emit the host context as JSON (the shape of stats show-host --json).")
    boolean json;

    @Override
    public Integer call() {
        HostContext h = Providers.host().hostContext();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(SerdeJson.pretty(g -> HostReport.writeHostJson(g, h)));
            out.print('\n');
        } else {
            out.print(HostReport.formatHuman(h));
        }
        out.flush();
        return 0;
    }
}
