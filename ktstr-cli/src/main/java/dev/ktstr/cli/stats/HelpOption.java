package dev.ktstr.cli.stats;

import picocli.CommandLine.Option;

/** {@code -h, --help} on every stats command (as clap gives each subcommand; no per-subcommand version). */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print help.")
    boolean help;
}
