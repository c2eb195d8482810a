package dev.ktstr.cli.stats;

import dev.ktstr.api.read.CachedProjection;
import dev.ktstr.api.schema.ScenarioStats;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.report.ValueList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The pool index's compact form of {@link ValueList#dimensionsOnly}'s records: the nine fields
 * that projection keeps, and nothing else (every other field of such a record is the builder's
 * default). {@code decode(encode(dimensionsOnly(s)))} equals {@code dimensionsOnly(s)};
 * {@code PoolIndexDifferentialTest} holds it to that.
 */
final class DimensionsCodec {
    private DimensionsCodec() {
    }

    /**
     * What list-values keeps of a sidecar, cacheable in the store's pool index. Each call gives a
     * projection with its own interner, because a pool repeats a few names in every sidecar: the
     * kept records, parsed or decoded from the index, share their strings, flag lists and an empty
     * stats block. A kept sidecar then costs its record (about 100 bytes) instead of about 1 KB,
     * which keeps the heap of a 100,000-sidecar pool flat (docs/PERFORMANCE.md, "Persistent pool
     * index").
     */
    static CachedProjection projection() {
        Map<Object, Object> shared = new ConcurrentHashMap<>();
        ScenarioStats noStats = ScenarioStats.builder().build();
        UnaryOperator<SidecarResult> slim = s -> SidecarResult.builder()
                .testName(share(shared, s.testName())).topology(share(shared, s.topology()))
                .scheduler(share(shared, s.scheduler())).workType(share(shared, s.workType()))
                .activeFlags(share(shared, List.copyOf(s.activeFlags())))
                .kernelVersion(share(shared, s.kernelVersion())).projectCommit(share(shared, s.projectCommit()))
                .kernelCommit(share(shared, s.kernelCommit())).runSource(share(shared, s.runSource()))
                .stats(noStats).build();
        // slim reads only the dimension fields, so it is dimensionsOnly already: applied to the
        // full record it builds one record per sidecar instead of two.
        return new CachedProjection("list-values.dimensions", slim, DimensionsCodec.class, DimensionsCodec::encode,
                bytes -> slim.apply(decode(bytes)));
    }

    @SuppressWarnings("unchecked")
    private static <T> T share(Map<Object, Object> shared, T value) {
        return (T) shared.computeIfAbsent(value, v -> v);
    }

    static byte[] encode(SidecarResult s) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(1); // form
            out.writeUTF(s.testName());
            out.writeUTF(s.topology());
            out.writeUTF(s.scheduler());
            out.writeUTF(s.workType());
            out.writeInt(s.activeFlags().size());
            for (String f : s.activeFlags()) {
                out.writeUTF(f);
            }
            optional(out, s.kernelVersion());
            optional(out, s.projectCommit());
            optional(out, s.kernelCommit());
            optional(out, s.runSource());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void optional(DataOutputStream out, Optional<String> v) throws IOException {
        out.writeBoolean(v.isPresent());
        if (v.isPresent()) {
            out.writeUTF(v.get());
        }
    }

    static SidecarResult decode(byte[] b) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
        if (in.readByte() != 1) {
            throw new IOException("unknown form");
        }
        String test = in.readUTF();
        String topology = in.readUTF();
        String scheduler = in.readUTF();
        String workType = in.readUTF();
        int n = in.readInt();
        if (n < 0 || n > b.length) {
            throw new IOException("bad flag count");
        }
        List<String> flags = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            flags.add(in.readUTF());
        }
        Optional<String> kernel = optional(in);
        Optional<String> commit = optional(in);
        Optional<String> kernelCommit = optional(in);
        Optional<String> source = optional(in);
        if (in.available() != 0) {
            throw new IOException("trailing bytes");
        }
        return SidecarResult.builder().testName(test).topology(topology).scheduler(scheduler).workType(workType)
                .activeFlags(flags).kernelVersion(kernel).projectCommit(commit).kernelCommit(kernelCommit)
                .runSource(source).build();
    }

    private static Optional<String> optional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
    }
}
