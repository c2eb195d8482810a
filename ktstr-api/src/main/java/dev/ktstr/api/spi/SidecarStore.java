package dev.ktstr.api.spi;

import dev.ktstr.api.layout.RunKey;
import java.io.IOException;
import java.util.List;

/**
 * Where sidecars live. Speaks in runs roots (a locator string: a directory for the
 * filesystem store), run keys and sidecar bytes, so that a store without files can implement it.
 */
public interface SidecarStore extends KtstrProvider {

    /**
     * Writes one sidecar atomically: a reader sees the previous content or the new one, never
     * a part.
     *
     * @return where the sidecar now lives (a path for the filesystem store)
     */
    String write(String runsRoot, RunKey run, String fileName, byte[] json) throws IOException;

    /** The run names under {@code runsRoot}, newest first. */
    List<String> listRuns(String runsRoot) throws IOException;
}
