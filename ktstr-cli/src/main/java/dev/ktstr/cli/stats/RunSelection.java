package dev.ktstr.cli.stats;

import picocli.CommandLine.Option;

/** The {@code --run RUN [--dir DIR]} pair of {@code show-host} and {@code explain-sidecar}. */
final class RunSelection {
    @Option(names = "--run", required = true, paramLabel = "RUN",
            description = "Run key (e.g. `6.14-abc1234` or `6.14-abc1234-dirty`; from `stats list`).")
    String run;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Alternate runs root to resolve --run against. Defaults to"
                    + " {CARGO_TARGET_DIR or \"target\"}/ktstr/.")
    String dir;
}
