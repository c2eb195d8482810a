package dev.ktstr.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sidecar}: commands on sidecars ({@code write}, {@code append-metrics}, {@code verify}, {@code push}, {@code pull}). */
@Command(name = "sidecar", mixinStandardHelpOptions = true,
        description = "Write sidecars from JSON, append payload metrics to one, verify sidecar files, push a runs root"
                + " into the selected store, pull a run back.")
final class SidecarCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // A group alone is a usage error, like a missing required argument.
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand: write, append-metrics, verify, push or pull");
    }
}
