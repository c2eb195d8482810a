package dev.ktstr.bench;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.Providers;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.write.SidecarWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Sidecars written per second, side by side in one JVM: {@code WritePath <dir> <perRound> <rounds>}.
 * <ul>
 *   <li>{@code full}: {@link SidecarWriter#write} on the default path with the real providers
 *       (flock lock, pre-clear once, fill, encode, staging file, fsync, rename, directory fsync);</li>
 *   <li>{@code bare}: the same pre-encoded bytes, write + fsync + rename, nothing else;</li>
 *   <li>{@code bare+dirsync}: bare plus the directory fsync (what durability of the rename costs).</li>
 * </ul>
 * Each round writes {@code perRound} distinct sidecars of the example-full size; rounds alternate.
 */
public final class WritePath {

    private WritePath() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int perRound = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        String template = PoolGen.template();
        Random rnd = new Random(3);
        List<SidecarResult> drafts = new ArrayList<>();
        for (int i = 0; i < perRound; i++) {
            drafts.add(PoolGen.sidecar(template, rnd, "6.14.2", "abc1234", 0, i));
        }
        Path project = Files.createDirectories(dir.resolve("project"));
        SidecarWriter writer = SidecarWriter.builder().env(Env.of(Map.of("CARGO_TARGET_DIR", dir.resolve("target").toString())))
                .projectDir(project).kernelVersion(() -> Optional.of("6.14.2")).kernelSourceDir(Optional::empty)
                .meterRegistry(new SimpleMeterRegistry()).build();
        Path bareDir = Files.createDirectories(dir.resolve("bare"));
        List<byte[]> encoded = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (SidecarResult d : drafts) {
            SidecarResult filled = writer.fill(d);
            encoded.add(SidecarCodec.write(filled));
            names.add(SidecarNames.fileName(filled));
        }
        double[] full = new double[rounds];
        double[] bare = new double[rounds];
        double[] bareSync = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            for (SidecarResult d : drafts) {
                writer.write(d);
            }
            full[r] = perRound / ((System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                bareWrite(bareDir, names.get(i), encoded.get(i), false);
            }
            bare[r] = perRound / ((System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                bareWrite(bareDir, names.get(i), encoded.get(i), true);
            }
            bareSync[r] = perRound / ((System.nanoTime() - t) / 1e9);
        }
        System.out.printf(Locale.ROOT, "lock=%s store=%s per_round=%d rounds=%d bytes_each~%d%n",
                Providers.lock().name(), Providers.store().name(), perRound, rounds, encoded.get(0).length);
        System.out.printf(Locale.ROOT, "full_per_s=%.0f bare_per_s=%.0f bare_dirsync_per_s=%.0f full/bare=%.2f "
                + "full/bare_dirsync=%.2f%n", median(full), median(bare), median(bareSync),
                median(full) / median(bare), median(full) / median(bareSync));
    }

    private static void bareWrite(Path dir, String name, byte[] bytes, boolean dirSync) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (dirSync) {
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        }
    }

    private static double median(double[] xs) {
        double[] c = xs.clone();
        java.util.Arrays.sort(c);
        return c[c.length / 2];
    }
}
