package dev.ktstr.cli;

import dev.ktstr.api.Candidate;
import dev.ktstr.api.env.Env;
import dev.ktstr.api.KtstrException;
import dev.ktstr.api.Providers;
import dev.ktstr.api.Selection;
import dev.ktstr.api.Spi;
import dev.ktstr.api.kernel.RunSource;
import dev.ktstr.api.layout.RunKey;
import dev.ktstr.api.layout.SidecarDirs;
import dev.ktstr.api.spi.CommitProbe;
import dev.ktstr.api.spi.HostProbe;
import dev.ktstr.api.spi.KtstrProvider;
import dev.ktstr.api.spi.SidecarStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code probe}: what the next sidecar write from this directory and environment would use —
 * runs root, sidecar directory, kernel and project identity, run source — and which providers
 * were selected and why.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {
            "Show what the next sidecar write from here would use: runs root, sidecar directory, kernel"
                    + " version and commit, project commit, run source, and the store, probe and lock"
                    + " providers with why each was chosen.",
            "Reads CARGO_TARGET_DIR, KTSTR_SIDECAR_DIR, KTSTR_KERNEL, KTSTR_CI and the git repository"
                    + " around the working directory, as the writer does.",
            "Exit 1 when a provider cannot be selected (the report is still printed)."})
final class ProbeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print JSON (shape: docs/cli-json.md).")
    boolean json;

    /** One SPI's lookup: the selection, or the error that prevented one. */
    record ProviderReport(Spi<?> spi, Optional<Selection<?>> selection, String error) {
    }

    /** Everything {@code probe} reports. Empty optionals are unknown values. */
    record ProbeReport(String runsRoot, String sidecarDir, boolean override, Optional<String> kernelVersion,
            Optional<String> kernelCommit, Optional<String> projectCommit, Optional<String> runSource,
            List<ProviderReport> providers) {
    }

    @Override
    public Integer call() throws IOException {
        ProbeReport r = probe(Env.system(), Path.of("").toAbsolutePath());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(r));
        } else {
            out.print(text(r));
        }
        out.flush();
        int status = 0;
        for (ProviderReport p : r.providers()) {
            if (p.selection().isEmpty()) {
                spec.commandLine().getErr().println("error: " + p.error());
                status = 1;
            }
        }
        return status;
    }

    static ProbeReport probe(Env env, Path cwd) {
        List<ProviderReport> providers = new ArrayList<>();
        Optional<SidecarStore> store = Optional.empty();
        Optional<CommitProbe> probe = Optional.empty();
        Optional<HostProbe> host = Optional.empty();
        for (Spi<?> spi : Spi.ALL) {
            try {
                Selection<?> s = Providers.selected(spi);
                providers.add(new ProviderReport(spi, Optional.of(s), ""));
                KtstrProvider p = s.provider();
                if (p instanceof SidecarStore st) {
                    store = Optional.of(st);
                } else if (p instanceof CommitProbe cp) {
                    probe = Optional.of(cp);
                } else if (p instanceof HostProbe hp) {
                    host = Optional.of(hp);
                }
            } catch (KtstrException e) {
                providers.add(new ProviderReport(spi, Optional.empty(), spi.key() + ": " + e.getMessage()));
            }
        }
        Optional<HostProbe> hp = host;
        Optional<String> kernelVersion = hp.flatMap(h -> h.kernelVersion(env));
        Optional<CommitProbe> cp = probe;
        Optional<String> kernelCommit = hp.flatMap(h -> h.kernelSourceDir(env))
                .flatMap(dir -> cp.flatMap(c -> c.kernelCommit(dir)));
        Optional<String> projectCommit = cp.flatMap(c -> c.projectCommit(cwd));
        String runsRoot = store.map(s -> s.defaultRoot(env)).orElseGet(() -> SidecarDirs.runsRoot(env));
        Optional<String> override = SidecarDirs.override(env);
        String runName = new RunKey(kernelVersion.orElse(""), projectCommit.orElse("")).dirName();
        Optional<SidecarStore> st = store;
        String sidecarDir = override.orElseGet(() -> st.map(s -> s.runLocation(runsRoot, runName))
                .orElseGet(() -> Path.of(runsRoot).resolve(runName).toString()));
        return new ProbeReport(runsRoot, sidecarDir, override.isPresent(), kernelVersion, kernelCommit,
                projectCommit, Optional.of(RunSource.detect(env)), providers);
    }

    static String text(ProbeReport r) {
        StringBuilder b = new StringBuilder();
        line(b, "runs root", r.runsRoot());
        line(b, "sidecar dir", r.sidecarDir() + (r.override()
                ? "  (KTSTR_SIDECAR_DIR: used as is, no lock, no pre-clear)"
                : "  ({runs_root}/{kernel}-{project_commit}; locked, pre-cleared once per process)"));
        line(b, "kernel version", r.kernelVersion().orElse("unknown"));
        line(b, "kernel commit", r.kernelCommit().orElse("unknown"));
        line(b, "project commit", r.projectCommit().orElse("unknown"));
        line(b, "run source", r.runSource().orElse("unknown"));
        b.append("providers:\n");
        for (ProviderReport p : r.providers()) {
            if (p.selection().isEmpty()) {
                b.append("  ").append(p.spi().key()).append(": NONE: ").append(p.error().replace("\n", "\n    "))
                        .append('\n');
                continue;
            }
            Selection<?> s = p.selection().get();
            b.append("  ").append(p.spi().key()).append(": ").append(s.provider().name()).append(" (")
                    .append(s.reason()).append(")\n");
            for (Candidate c : s.candidates()) {
                b.append("    ").append(c.describe()).append('\n');
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append(String.format("%-16s%s%n", key + ":", value));
    }

    /** The {@code --json} view; absent values are {@code null}. */
    record ProbeJson(String runsRoot, String sidecarDir, boolean sidecarDirOverride, String kernelVersion,
            String kernelCommit, String projectCommit, String runSource, Map<String, ProviderJson> providers) {
    }

    /** One SPI's lookup in {@link ProbeJson}; a candidate is a map because one of its keys is {@code class}. */
    record ProviderJson(String name, String reason, String error, List<Map<String, Object>> candidates) {
    }

    static String json(ProbeReport r) {
        Map<String, ProviderJson> providers = new LinkedHashMap<>();
        for (ProviderReport p : r.providers()) {
            Optional<Selection<?>> s = p.selection();
            List<Map<String, Object>> candidates = new ArrayList<>();
            for (Candidate c : s.map(Selection::candidates).orElse(List.of())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", c.name());
                m.put("priority", c.priority());
                m.put("class", c.className());
                m.put("module", c.module());
                m.put("usable", c.usable());
                m.put("refusal", c.refusedBecause().orElse(null));
                candidates.add(m);
            }
            providers.put(p.spi().key(), new ProviderJson(s.map(x -> x.provider().name()).orElse(null),
                    s.map(Selection::reason).orElse(null), p.error().isEmpty() ? null : p.error(), candidates));
        }
        return CliJson.pretty(new ProbeJson(r.runsRoot(), r.sidecarDir(), r.override(),
                r.kernelVersion().orElse(null), r.kernelCommit().orElse(null), r.projectCommit().orElse(null),
                r.runSource().orElse(null), providers));
    }
}
