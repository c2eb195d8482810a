package dev.ktstr.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The start-up floor of any picocli command on this JVM: one command with one option, printing a
 * line. {@code bench/cli-startup} times it beside the CLI, so the part of the CLI's start-up that
 * picocli itself takes is measured, not guessed.
 */
@Command(name = "floor", mixinStandardHelpOptions = true)
public final class PicocliFloor implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        System.out.println(json ? "{}" : "floor");
        return 0;
    }

    /**
     * Runs the command.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new PicocliFloor()).execute(args));
    }
}
