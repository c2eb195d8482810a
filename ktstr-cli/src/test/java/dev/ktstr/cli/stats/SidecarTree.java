package dev.ktstr.cli.stats;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.schema.ScenarioStats;
import dev.ktstr.api.schema.SidecarResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/** Writes sidecar trees for the stats tests: {@code <root>/<run>/<file>.ktstr.json} through the real codec. */
final class SidecarTree {
    private final Path root;
    private int counter;

    SidecarTree(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** A passing CpuSpin sidecar on eevdf with empty stats. */
    static SidecarResult.Builder sidecar(String test, String topology) {
        return SidecarResult.builder().testName(test).topology(topology).scheduler("eevdf").workType("CpuSpin")
                .passed(true).timestamp("2026-04-27T09:12:03Z").runId("20260427T091203Z-1")
                .stats(ScenarioStats.builder().build());
    }

    /** Writes {@code sc} into run {@code run} (created) under a fresh file name; returns its path. */
    Path write(String run, SidecarResult sc) {
        Path dir = root.resolve(run);
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(sc.testName() + "-" + String.format("%016x", counter++) + ".ktstr.json");
            Files.write(file, SidecarCodec.write(sc));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes raw bytes as a sidecar-named file of {@code run}. */
    Path writeRaw(String run, String fileName, String content) {
        Path dir = root.resolve(run);
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(fileName), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an empty run directory. */
    Path emptyRun(String run) {
        try {
            return Files.createDirectories(root.resolve(run));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a run directory's mtime (newest-run selection and list order key on it). */
    void touch(String run, String instant) {
        try {
            Files.setLastModifiedTime(root.resolve(run), FileTime.from(Instant.parse(instant)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
