package dev.ktstr.fs;

import dev.ktstr.api.layout.RunKey;
import dev.ktstr.api.spi.SidecarStore;
import java.io.IOException;
import java.util.List;

/** Filesystem sidecar store (first draft: registration only; the write and read paths are the store issue). */
public final class FsSidecarStore implements SidecarStore {
    @Override
    public String name() {
        return "fs";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public String write(String runsRoot, RunKey run, String fileName, byte[] json) throws IOException {
        throw new UnsupportedOperationException("FsSidecarStore.write is not implemented yet");
    }

    @Override
    public List<String> listRuns(String runsRoot) throws IOException {
        throw new UnsupportedOperationException("FsSidecarStore.listRuns is not implemented yet");
    }
}
