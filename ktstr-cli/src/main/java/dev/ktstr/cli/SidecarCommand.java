package dev.ktstr.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sidecar}: commands on single sidecar files ({@code write}, {@code verify}). */
@Command(name = "sidecar", mixinStandardHelpOptions = true,
        description = "Write sidecars from JSON, or verify sidecar files.",
        subcommands = {SidecarWriteCommand.class, SidecarVerifyCommand.class})
final class SidecarCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // A group alone is a usage error, like a missing required argument.
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand: write or verify");
    }
}
