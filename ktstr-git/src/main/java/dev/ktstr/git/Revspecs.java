package dev.ktstr.git;

import dev.ktstr.api.spi.RevspecExpansion;
import dev.ktstr.api.spi.RevspecExpansion.Reason;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Expands {@code stats compare} commit filter values against one open repository, the way
 * upstream does with gitoxide's {@code rev_parse}.
 *
 * <p>The top-level revspec forms are recognised here, because JGit's
 * {@link Repository#resolve} knows none of them: {@code A..B} (range; an empty side is
 * {@code HEAD}), {@code A...B} (merge base), {@code ^A} (exclude), {@code A^@} (parents only)
 * and {@code A^!} (the commit itself, as upstream: gitoxide's {@code ExcludeParents} is kept as a
 * single commit). Everything else, and each side of those forms, goes to JGit's resolver. A form
 * is "unsupported" only when its revisions resolve; otherwise it is unresolved.
 */
final class Revspecs {

    private final Repository repo;
    private Optional<ObjectId> head; // null until read
    private Boolean headDirty; // null until probed

    private Revspecs(Repository repo) {
        this.repo = repo;
    }

    /** One expansion per entry of {@code revspecs}, in order; never throws for bad input. */
    static List<RevspecExpansion> expand(Repository repo, List<String> revspecs) {
        Revspecs r = new Revspecs(repo);
        List<RevspecExpansion> out = new ArrayList<>(revspecs.size());
        for (String spec : revspecs) {
            out.add(r.expandOne(spec));
        }
        return out;
    }

    private RevspecExpansion expandOne(String input) {
        int op = rangeOperator(input);
        if (op >= 0) {
            boolean merge = input.startsWith("...", op);
            String left = input.substring(0, op);
            String right = input.substring(op + (merge ? 3 : 2));
            Optional<ObjectId> from = resolve(left.isEmpty() ? Constants.HEAD : left);
            Optional<ObjectId> to = resolve(right.isEmpty() ? Constants.HEAD : right);
            if (from.isEmpty() || to.isEmpty()) {
                return RevspecExpansion.Literal.of(Reason.UNRESOLVED);
            }
            return merge ? RevspecExpansion.Literal.of(Reason.UNSUPPORTED_FORM) : walk(from.get(), to.get());
        }
        if (input.startsWith("^")) {
            return unsupportedIfResolves(input.substring(1));
        }
        if (input.endsWith("^@")) {
            return unsupportedIfResolves(input.substring(0, input.length() - 2));
        }
        String single = input.endsWith("^!") ? input.substring(0, input.length() - 2) : input;
        return resolve(single).<RevspecExpansion>map(id -> new RevspecExpansion.Commits(List.of(shortWithDirt(id))))
                .orElse(RevspecExpansion.Literal.of(Reason.UNRESOLVED));
    }

    private RevspecExpansion unsupportedIfResolves(String spec) {
        return RevspecExpansion.Literal.of(resolve(spec).isPresent() ? Reason.UNSUPPORTED_FORM : Reason.UNRESOLVED);
    }

    /**
     * Index of the first {@code ..} that separates two revisions, or -1. Dots inside
     * {@code @{...}} / {@code ^{...}} and after a {@code :} (a path or message search) do not count.
     */
    static int rangeOperator(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (depth == 0 && c == ':') {
                return -1;
            } else if (depth == 0 && c == '.' && s.startsWith("..", i)) {
                return i;
            }
        }
        return -1;
    }

    /** The object {@code spec} names, when it parses, resolves unambiguously and exists. */
    private Optional<ObjectId> resolve(String spec) {
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        try {
            ObjectId id = repo.resolve(spec);
            // JGit takes any full-length hex as an id without looking; gitoxide requires the object.
            return id != null && repo.getObjectDatabase().has(id) ? Optional.of(id) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private String shortWithDirt(ObjectId id) {
        String s = GitTree.shortId(id);
        return id.equals(head().orElse(null)) && headDirty() ? s + GitTree.DIRTY_SUFFIX : s;
    }

    private Optional<ObjectId> head() {
        if (head == null) {
            head = GitTree.headId(repo);
        }
        return head;
    }

    private boolean headDirty() {
        if (headDirty == null) {
            headDirty = head().flatMap(id -> GitTree.isDirty(repo, id)).orElse(false);
        }
        return headDirty;
    }

    /**
     * Every commit reachable from {@code to} and not from {@code from}, breadth first from
     * {@code to} (each commit's parents in order, each commit once), which is gitoxide's default
     * walk order. JGit computes the set; the order is imposed here. Never {@code -dirty}.
     */
    private RevspecExpansion walk(ObjectId from, ObjectId to) {
        try (RevWalk rw = new RevWalk(repo)) {
            RevCommit tip = rw.parseCommit(to);
            rw.markStart(tip);
            rw.markUninteresting(rw.parseCommit(from));
            Set<ObjectId> inRange = new HashSet<>();
            for (RevCommit c : rw) {
                inRange.add(c.toObjectId());
            }
            List<String> ids = new ArrayList<>(inRange.size());
            ArrayDeque<RevCommit> queue = new ArrayDeque<>();
            Set<ObjectId> seen = new HashSet<>();
            if (inRange.contains(tip.toObjectId())) {
                queue.add(tip);
                seen.add(tip.toObjectId());
            }
            while (!queue.isEmpty()) {
                RevCommit c = queue.poll();
                ids.add(GitTree.shortId(c));
                for (RevCommit p : c.getParents()) {
                    ObjectId pid = p.toObjectId();
                    if (inRange.contains(pid) && seen.add(pid)) {
                        queue.add(p);
                    }
                }
            }
            return new RevspecExpansion.Commits(ids);
        } catch (IOException | RuntimeException e) {
            String msg = e.getMessage();
            return new RevspecExpansion.Literal(Reason.RANGE_NOT_EXPANDED,
                    msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg);
        }
    }
}
