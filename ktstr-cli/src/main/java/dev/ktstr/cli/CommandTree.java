package dev.ktstr.cli;

import dev.ktstr.cli.stats.StatsCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The command tree, as data, and picocli's model built from it: either whole, or only along the
 * path a command line names.
 *
 * <p>Why: picocli builds a command's model by reflection when the command is registered, and
 * registering the whole tree (about thirty commands, several with twenty options) took about half
 * of {@code stats list-metrics}' start-up (docs/PERFORMANCE.md, "CLI start-up"). So the
 * {@code @Command} annotations list no {@code subcommands}; the tree lives here, and
 * {@link #forArgs} registers at each level only the child the arguments name, or every child
 * (without their own children) when they name none, which is all that level's usage shows.
 */
final class CommandTree {

    /** One command: how to make it, its children in help order, and whether it reads the whole tree. */
    record Node(String name, Supplier<Object> command, List<Node> children, boolean wholeTree) {
    }

    /** {@code ktstr-sidecar} and everything under it, in help order. */
    static final Node ROOT = group("ktstr-sidecar", KtstrSidecar::new,
            leaf("probe", ProbeCommand::new),
            group("sidecar", SidecarCommand::new,
                    leaf("write", SidecarWriteCommand::new),
                    leaf("append-metrics", SidecarAppendMetricsCommand::new),
                    leaf("verify", SidecarVerifyCommand::new),
                    leaf("push", SidecarPushCommand::new),
                    leaf("pull", SidecarPullCommand::new)),
            leaf("providers", KtstrSidecar.ProvidersCommand::new),
            new Node("stats", StatsCommand::new, leaves(StatsCommand.subcommands()), false),
            leaf("show-host", ShowHostCommand::new),
            leaf("locks", LocksCommand::new),
            // completion scripts describe every command
            new Node("completions", CompletionsCommand::new, List.of(), true),
            group("cache", CacheCommand::new,
                    leaf("info", CacheCommand.Info::new),
                    leaf("clear", CacheCommand.Clear::new)));

    /** The standard help and version options: with one of them, a level prints its usage listing every child. */
    private static final java.util.Set<String> HELP = java.util.Set.of("-h", "--help", "-V", "--version");

    private CommandTree() {
    }

    /** Every command with every option: completions, embedding, and command lines {@link #forArgs} cannot prune. */
    static CommandLine whole() {
        return whole(ROOT, ROOT.command().get());
    }

    /**
     * The commands {@code args} can reach: at each level the first argument that names a child
     * selects it alone, unless a help or version option comes first. An option value spelled like a command can select the wrong child; the
     * parse then fails, and {@link KtstrSidecar} parses again with {@link #whole()}.
     */
    static CommandLine forArgs(String... args) {
        return prune(ROOT, ROOT.command().get(), args, 0);
    }

    /** The whole subtree under {@code node}, with {@code command} as its root object. */
    static CommandLine whole(Node node, Object command) {
        CommandLine cl = new CommandLine(command);
        for (Node child : node.children()) {
            cl.addSubcommand(child.name(), whole(child, child.command().get()));
        }
        return cl;
    }

    private static CommandLine prune(Node node, Object command, String[] args, int from) {
        CommandLine cl = new CommandLine(command);
        for (int i = from; i < args.length; i++) {
            if (HELP.contains(args[i])) {
                // this level's usage or version: it lists every child
                break;
            }
            for (Node child : node.children()) {
                if (child.name().equals(args[i])) {
                    if (child.wholeTree()) {
                        return whole();
                    }
                    cl.addSubcommand(child.name(), prune(child, child.command().get(), args, i + 1));
                    return cl;
                }
            }
            if (args[i].equals("--")) {
                break;
            }
        }
        for (Node child : node.children()) {
            // usage lists a child's name and description only: its own children are not needed
            cl.addSubcommand(child.name(), new CommandLine(child.command().get()));
        }
        return cl;
    }

    private static Node leaf(String name, Supplier<Object> command) {
        return new Node(name, command, List.of(), false);
    }

    private static Node group(String name, Supplier<Object> command, Node... children) {
        return new Node(name, command, List.of(children), false);
    }

    private static List<Node> leaves(Map<String, Supplier<Object>> commands) {
        List<Node> nodes = new ArrayList<>();
        commands.forEach((name, command) -> nodes.add(leaf(name, command)));
        return List.copyOf(nodes);
    }
}
