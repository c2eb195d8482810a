package dev.ktstr.posix;

import dev.ktstr.api.Providers;
import dev.ktstr.api.Selection;
import dev.ktstr.api.Spi;
import dev.ktstr.api.spi.RunLock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * Child-JVM lock holder for the tests: {@code LockHolderMain <file> x|s} takes the lock through
 * the provider lookup, prints {@code locked <provider name>}, and holds it until stdin closes.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    private static RunLock.Held acquireFile(RunLock lock, java.nio.file.Path file, RunLock.Mode mode) throws Exception {
        Duration t = Duration.ofSeconds(10);
        return lock instanceof FlockRunLock f ? f.acquire(file, mode, t) : ((NioRunLock) lock).acquire(file, mode, t);
    }

    public static void main(String[] args) throws Exception {
        Selection<RunLock> selection = Providers.select(Spi.LOCK);
        RunLock.Mode mode = args[1].equals("x") ? RunLock.Mode.EXCLUSIVE : RunLock.Mode.SHARED;
        try (RunLock.Held held = acquireFile(selection.provider(), Paths.get(args[0]), mode)) {
            System.out.println("locked " + selection.provider().name() + " " + FileHeld.of(held));
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
    }
}
