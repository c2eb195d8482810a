package dev.ktstr.api.codec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A long-lived python3 process running a driver next to the reference tools: one request line
 * in, one answer line out. Lets property tests consult the reference thousands of times.
 */
public final class PythonServer implements AutoCloseable {
    private final Process process;
    private final OutputStream in;
    private final BufferedReader out;
    private final Path dir;

    /** Starts {@code driver} (Python source) in a temp dir holding copies of the tools. */
    public PythonServer(String driver) throws IOException {
        dir = Files.createTempDirectory("ktstr-pytools");
        TestFiles.tool(dir, "serde_pretty.py");
        Files.writeString(dir.resolve("driver.py"), driver);
        process = new ProcessBuilder("python3", "driver.py").directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = process.getOutputStream();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Sends one request line (ASCII) and returns the answer line. */
    public synchronized String ask(String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        String answer = out.readLine();
        if (answer == null) {
            throw new IOException("python driver ended unexpectedly");
        }
        return answer;
    }

    @Override
    public void close() throws IOException {
        in.close();
        process.destroy();
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir.resolve("__pycache__"));
        Files.deleteIfExists(dir);
    }

    /** Hex of bytes, for passing arbitrary data on a request line. */
    public static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
