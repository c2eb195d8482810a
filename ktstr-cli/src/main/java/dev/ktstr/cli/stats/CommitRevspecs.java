package dev.ktstr.cli.stats;

import dev.ktstr.report.text.TerminalText;
import dev.ktstr.api.ProviderException;
import dev.ktstr.api.spi.CommitProbe;
import dev.ktstr.api.spi.RevspecExpansion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Step 2 of {@code stats compare}: git revspecs in the six commit filter lists become the short
 * ids sidecars record. Project lists resolve in the repository enclosing the project directory,
 * kernel lists in exactly the {@code KTSTR_KERNEL} tree; an entry that does not expand stays a
 * literal filter value, with upstream's stderr line when it looked like an attempted revspec.
 */
final class CommitRevspecs {

    /** The shape of a recorded commit; such a literal is expected and draws no warning. */
    private static final Pattern HASH_LIKE = Pattern.compile("[0-9a-fA-F]{7,40}(-dirty)?");

    private final Supplier<CommitProbe> probeLookup;
    private final Path projectDir;
    private final Optional<Path> kernelDir;
    private final PrintWriter err;
    private Optional<CommitProbe> probe; // null until looked up

    /**
     * @param probeLookup finds the commit probe; called at most once, and only when some list
     *     has an entry and a repository directory
     * @param projectDir where the project repository is searched upward from
     * @param kernelDir the kernel tree ({@code KTSTR_KERNEL}, already redirected); relative
     *     paths resolve against {@code projectDir}
     */
    CommitRevspecs(Supplier<CommitProbe> probeLookup, Path projectDir, Optional<Path> kernelDir, PrintWriter err) {
        this.probeLookup = Objects.requireNonNull(probeLookup, "probeLookup");
        this.projectDir = Objects.requireNonNull(projectDir, "projectDir");
        this.kernelDir = kernelDir.map(projectDir::resolve);
        this.err = Objects.requireNonNull(err, "err");
    }

    /** {@code raw} of {@code --project-commit}-like flag {@code flag} (no dashes), expanded. */
    List<String> project(String flag, List<String> raw) {
        return expand(flag, raw, Optional.of(projectDir), true);
    }

    /** {@code raw} of {@code --kernel-commit}-like flag {@code flag} (no dashes), expanded. */
    List<String> kernel(String flag, List<String> raw) {
        return expand(flag, raw, kernelDir, false);
    }

    private List<String> expand(String flag, List<String> raw, Optional<Path> repoDir, boolean discoverUpward) {
        if (raw.isEmpty() || repoDir.isEmpty()) {
            return raw;
        }
        Optional<CommitProbe> p = probe();
        if (p.isEmpty()) {
            return raw;
        }
        List<RevspecExpansion> expanded = p.get().expand(repoDir.get(), discoverUpward, raw);
        if (expanded.size() != raw.size()) {
            throw new IllegalStateException("commit probe '" + p.get().name() + "' returned " + expanded.size()
                    + " expansions for " + raw.size() + " revspecs");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String input = raw.get(i);
            RevspecExpansion e = expanded.get(i);
            if (e instanceof RevspecExpansion.Commits c) {
                out.addAll(c.ids());
                continue;
            }
            RevspecExpansion.Literal l = (RevspecExpansion.Literal) e;
            warning(flag, input, l).ifPresent(w -> {
                err.println(TerminalText.visible(w));
                err.flush();
            });
            out.add(input);
        }
        return out;
    }

    /** Upstream's stderr line for an entry left literal, if it has one. */
    static Optional<String> warning(String flag, String input, RevspecExpansion.Literal literal) {
        switch (literal.reason()) {
            case RANGE_NOT_EXPANDED:
                return Optional.of("cargo ktstr: --" + flag + " range '" + input + "' could not be expanded: "
                        + literal.error() + "; using as literal filter");
            case UNSUPPORTED_FORM:
                return Optional.of("cargo ktstr: --" + flag + " '" + input + "' uses an unsupported revspec form"
                        + " (Exclude/Merge/IncludeOnlyParents); using as literal filter");
            case UNRESOLVED:
                return HASH_LIKE.matcher(input).matches() ? Optional.empty()
                        : Optional.of("cargo ktstr: --" + flag + " '" + input
                                + "' did not resolve as a revspec; using as literal filter");
            case NO_REPOSITORY:
            default:
                return Optional.empty();
        }
    }

    private Optional<CommitProbe> probe() {
        if (probe == null) {
            try {
                probe = Optional.of(probeLookup.get());
            } catch (ProviderException e) {
                probe = Optional.empty();
                String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                err.println("cargo ktstr: commit revspecs are not expanded, no commit probe is available ("
                        + first + "); using every --*-commit value as a literal filter");
                err.flush();
            }
        }
        return probe;
    }
}
