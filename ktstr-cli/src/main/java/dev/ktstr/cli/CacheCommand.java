package dev.ktstr.cli;

import dev.ktstr.api.KtstrException;
import dev.ktstr.api.Providers;
import dev.ktstr.api.Spi;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.api.spi.StoreCache;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cache info|clear}: the filesystem store's pool index, which lets {@code stats}
 * commands over an unchanged pool skip reparsing it. Not in upstream.
 */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"Show or clear the pool index of the filesystem store.",
            "The index lives under $XDG_CACHE_HOME/ktstr-java/ (default ~/.cache/ktstr-java/), never in run"
                + " directories. A file's cached result is used only when its device, inode, size, mtime and ctime"
                + " are unchanged. Reading commands take --no-cache; KTSTR_CACHE=off turns it off. Not in upstream."})
final class CacheCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: info or clear");
    }

    /** The filesystem store's cache (the one {@code --dir} reads use). */
    static StoreCache cache() {
        SidecarStore store = Providers.named(Spi.STORE, "fs");
        return store.cache().orElseThrow(() -> new KtstrException("the fs store has no pool index"));
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print where the pool index is, how many index files and entries it holds, and their size.")
    static final class Info implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "Print JSON: {\"location\", \"enabled\", \"files\", \"bytes\","
                + " \"entries\", \"limit_bytes\"}.")
        boolean json;

        /** The {@code --json} view. */
        record InfoJson(String location, boolean enabled, long files, long bytes, long entries, long limitBytes) {
        }

        @Override
        public Integer call() throws IOException {
            StoreCache.Info i = cache().info();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(CliJson.pretty(new InfoJson(i.location(), i.enabled(), i.files(), i.bytes(), i.entries(),
                        i.limitBytes())));
            } else {
                out.println("location: " + i.location());
                out.println("enabled: " + (i.enabled() ? "yes" : "no (KTSTR_CACHE=off)"));
                out.println("index files: " + i.files());
                out.println("entries: " + i.entries());
                out.println("size: " + i.bytes() + " bytes (limit " + i.limitBytes() + ")");
            }
            return 0;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Remove every pool index file.")
    static final class Clear implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            StoreCache c = cache();
            int removed = c.clear();
            spec.commandLine().getOut().println("removed " + removed + " index file" + (removed == 1 ? "" : "s")
                    + " from " + c.info().location());
            return 0;
        }
    }
}
