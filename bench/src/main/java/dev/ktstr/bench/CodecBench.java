package dev.ktstr.bench;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.VariantHash;
import dev.ktstr.api.schema.SidecarResult;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** JMH: encode and decode of the example-full sidecar (8.4 KB), and its variant hash. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBench {

    private byte[] json;
    private SidecarResult sidecar;

    @Setup
    public void setup() throws IOException {
        json = PoolGen.template().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        sidecar = SidecarCodec.read(json);
    }

    @Benchmark
    public SidecarResult read() {
        return SidecarCodec.read(json);
    }

    @Benchmark
    public byte[] write() {
        return SidecarCodec.write(sidecar);
    }

    @Benchmark
    public long variantHash() {
        return VariantHash.of(sidecar);
    }
}
