package dev.ktstr.cli.stats;

import dev.ktstr.api.KtstrException;
import dev.ktstr.api.read.SidecarReader;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.report.HostReport;
import dev.ktstr.report.ReportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Resolves a {@code --run ID} against a runs root, as {@code show-host} and {@code explain-sidecar} do. */
final class RunArgument {
    private RunArgument() {
    }

    /**
     * The run directory {@code root/id} (for a store without files: the run {@code id} of its root).
     *
     * @throws ReportException upstream's "not found" message, with a "did you mean" suggestion
     *     among the runs of {@code root} when one is close
     */
    static String existingRunDir(SidecarReader reader, String root, String id) {
        boolean filesystem = StatsCommand.isFilesystem(reader);
        String runDir = filesystem ? StatsIo.join(root, id) : reader.store().runLocation(root, id);
        if (filesystem && exists(runDir)) {
            return runDir;
        }
        List<String> names;
        try {
            names = reader.listRuns(root).stream().map(RunInfo::name).toList();
        } catch (IOException e) {
            if (!filesystem) {
                throw new KtstrException(e.getMessage(), e); // a database that cannot be read is not "no such run"
            }
            names = List.of();
        }
        if (!filesystem && names.contains(id)) {
            return runDir; // a store without directories knows its runs only by listing them
        }
        Optional<String> suggestion = HostReport.suggestRun(id, names);
        throw new ReportException(HostReport.runNotFoundMessage(id, root, suggestion));
    }

    private static boolean exists(String location) {
        try {
            return Files.exists(Path.of(location));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
