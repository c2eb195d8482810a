package dev.ktstr.tck.example;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.schema.Utf8Order;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.api.spi.WriteSession;
import dev.ktstr.api.store.IoError;
import dev.ktstr.api.store.ParseError;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.api.store.SidecarParser;
import dev.ktstr.api.store.StoredSidecar;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/**
 * The minimal store of README "Writing a provider": the six methods a store must implement,
 * everything else inherited. It passes {@link dev.ktstr.tck.SidecarStoreContract}
 * ({@code MapSidecarStoreContractTest}). A run's location is {@code root/name}.
 */
public final class MapSidecarStore implements SidecarStore {
    private final Map<String, Map<String, byte[]>> runs = new ConcurrentHashMap<>(); // location -> file -> bytes
    private final Map<String, Instant> modified = new ConcurrentHashMap<>();

    @Override public String name() { return "map"; }

    @Override public String defaultRoot(Env env) { return "map"; }

    @Override public WriteSession openRun(RunRef run, RunLock.Held held) {
        if (!held.run().equals(run)) {
            throw new IllegalArgumentException("the held lock is on " + held.run() + ", not on " + run);
        }
        return session(run.toString(), true);
    }

    @Override public WriteSession openLocation(String location) { return session(location, false); }

    @Override public <T> RunCollection<T> collect(String location, SidecarParser<T> parser) {
        List<StoredSidecar<T>> valid = new ArrayList<>();
        List<ParseError> rejected = new ArrayList<>();
        List<IoError> unreadable = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : runs.getOrDefault(location, Map.of()).entrySet()) {
            String at = location + "/" + e.getKey();
            try {
                valid.add(new StoredSidecar<>(at, parser.parse(at, e.getValue().clone())));
            } catch (IOException x) {
                unreadable.add(new IoError(at, String.valueOf(x.getMessage())));
            } catch (Exception x) {
                rejected.add(ParseError.of(at, String.valueOf(x.getMessage())));
            }
        }
        int walked = valid.size() + rejected.size() + unreadable.size();
        return new RunCollection<>(location, walked, valid, rejected, unreadable, List.of());
    }

    @Override public List<RunInfo> listRuns(String root) {
        String prefix = root.endsWith("/") ? root : root + "/";
        return runs.keySet().stream()
                .filter(l -> l.startsWith(prefix) && l.indexOf('/', prefix.length()) < 0)
                .map(l -> new RunInfo(l.substring(prefix.length()), l, modified.getOrDefault(l, Instant.MIN)))
                .filter(r -> !r.name().startsWith("."))
                .sorted(Comparator.comparing(RunInfo::modified, Comparator.reverseOrder())
                        .thenComparing(RunInfo::name, Utf8Order.INSTANCE))
                .collect(Collectors.toList());
    }

    private WriteSession session(String location, boolean locked) {
        Map<String, byte[]> run = runs.computeIfAbsent(location, l -> new ConcurrentSkipListMap<>(Utf8Order.INSTANCE));
        modified.put(location, Instant.now());
        return new WriteSession() {
            @Override public String location() { return location; }

            @Override public int preClear() {
                if (!locked) {
                    throw new IllegalStateException(location + " was opened without the run lock: never pre-cleared");
                }
                int removed = 0;
                for (String fileName : run.keySet()) {
                    removed += run.remove(fileName) != null ? 1 : 0;
                }
                modified.put(location, Instant.now());
                return removed;
            }

            @Override public String write(String fileName, byte[] json, String runId) {
                run.put(fileName, json.clone());
                modified.put(location, Instant.now());
                return location + "/" + fileName;
            }
        };
    }
}
