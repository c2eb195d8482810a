package dev.ktstr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The pruned command tree parses and prints exactly as the whole one, for every command path. */
class CommandTreeTest {

    @Test
    void prunedTreeHoldsOnlyTheNamedPath() {
        CommandLine cl = CommandTree.forArgs("stats", "list-metrics");
        assertEquals(Set.of("stats"), cl.getSubcommands().keySet());
        assertEquals(Set.of("list-metrics"), cl.getSubcommands().get("stats").getSubcommands().keySet());
    }

    @Test
    void everyPathShowsTheSameUsageAsTheWholeTree() {
        List<List<String>> paths = new ArrayList<>();
        collect(CommandTree.whole(), new ArrayList<>(), paths);
        assertEquals(true, paths.size() > 20, "paths: " + paths);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            assertSame(args.toArray(String[]::new));
        }
    }

    @Test
    void errorsAndOddCommandLinesMatchTheWholeTree() {
        // unknown commands, a command group alone, an option value spelled like a command, version
        for (String[] args : new String[][] {
                {}, {"stat"}, {"stats", "lst"}, {"sidecar"}, {"cache"}, {"--version"}, {"stats", "--dir", "list"},
                {"stats", "--dir", "list", "list-metrics"}, {"stats", "list-metrics", "--bogus"},
                {"sidecar", "write", "--help"}, {"--help", "stats"}, {"stats", "--help", "compare"}}) {
            assertSame(args);
        }
    }

    private static void assertSame(String... args) {
        assertEquals(execute(CommandTreeTest::whole, args), execute(null, args), String.join(" ", args));
    }

    private static CommandLine whole() {
        return KtstrSidecar.commandLine();
    }

    /** Exit code, stdout and stderr of the CLI, through {@link KtstrSidecar#run} or a given tree. */
    private static String execute(java.util.function.Supplier<CommandLine> tree, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        if (tree == null) {
            exit = KtstrSidecar.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        } else {
            CommandLine cl = tree.get();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            exit = cl.execute(args);
        }
        return exit + "\n--- out\n" + out + "--- err\n" + err;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            path.add(e.getKey());
            collect(e.getValue(), path, into);
            path.remove(path.size() - 1);
        }
    }
}
