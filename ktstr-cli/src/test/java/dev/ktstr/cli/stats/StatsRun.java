package dev.ktstr.cli.stats;

import dev.ktstr.api.env.Env;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@link StatsCommand} in memory with a fixed environment and captures its streams. */
record StatsRun(int exit, String out, String err) {

    /** Runs with {@code CARGO_TARGET_DIR=targetDir} (so the runs root is {@code targetDir/ktstr}) plus {@code extra}. */
    static StatsRun run(Path targetDir, Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("CARGO_TARGET_DIR", targetDir.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = StatsCommand.commandLine(StatsCommand.withEnv(Env.of(env)));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new StatsRun(exit, out.toString(), err.toString());
    }

    static StatsRun run(Path targetDir, String... args) {
        return run(targetDir, Map.of(), args);
    }
}
