package dev.ktstr.cli.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol with the
 * minimal WebSocket client ({@link DevToolsSocket}): loads a page, records console errors, uncaught exceptions and every
 * network request, evaluates JavaScript against the rendered DOM and takes screenshots.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final DevToolsSocket socket;
    private final Path profile;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private String session;
    /** Console errors, uncaught exceptions and error log entries, as text. */
    final List<String> errors = new ArrayList<>();
    /** Every URL the page requested. */
    final List<String> requests = new ArrayList<>();

    /** The chromium executable on PATH, or null. */
    static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    HeadlessChromium(Path executable, Path profile) throws IOException, InterruptedException {
        this.profile = profile;
        process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--hide-scrollbars",
                "--force-device-scale-factor=1", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IOException("chromium exited without a DevTools endpoint"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        String ws;
        try {
            ws = url.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("chromium did not start: " + e, e);
        }
        socket = new DevToolsSocket(URI.create(ws));
        Thread pump = new Thread(this::pump, "devtools-reader");
        pump.setDaemon(true);
        pump.start();
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .path("sessionId").asText();
        for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
            call(session, domain + ".enable", Map.of());
        }
        call(session, "Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Reads every message: replies complete their calls, events are queued. */
    private void pump() {
        try {
            while (true) {
                JsonNode msg = JSON.readTree(socket.receive());
                if (msg.has("id")) {
                    CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                    if (f != null) {
                        f.complete(msg);
                    }
                } else {
                    events.add(msg);
                }
            }
        } catch (IOException e) {
            pending.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    JsonNode call(String sessionId, String method, Map<String, Object> params) throws IOException {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            msg.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.send(JSON.writeValueAsString(msg));
        JsonNode reply;
        try {
            reply = f.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException(method + " got no reply: " + e, e);
        }
        if (reply.has("error")) {
            throw new IOException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Navigates to {@code url} and waits for its load event, recording errors and requests on the way. */
    void load(String url) throws IOException, InterruptedException {
        errors.clear();
        requests.clear();
        events.clear();
        call(session, "Page.navigate", Map.of("url", url));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean loaded = false;
        while (!loaded && System.nanoTime() < deadline) {
            JsonNode e = events.poll(1, TimeUnit.SECONDS);
            if (e != null) {
                loaded = record(e) || loaded;
            }
        }
        if (!loaded) {
            throw new IOException("no load event for " + url);
        }
        // Let scripts that run after load report their errors too.
        Thread.sleep(300);
        JsonNode e;
        while ((e = events.poll()) != null) {
            record(e);
        }
    }

    private boolean record(JsonNode e) {
        String method = e.path("method").asText();
        JsonNode p = e.path("params");
        switch (method) {
            case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    errors.add("console." + type + ": " + p.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if (p.path("entry").path("level").asText().equals("error")) {
                    errors.add("log: " + p.path("entry").path("text").asText() + " "
                            + p.path("entry").path("url").asText());
                }
            }
            case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
            case "parse-error" -> errors.add(e.path("text").asText());
            default -> {
            }
        }
        return method.equals("Page.loadEventFired");
    }

    /** Turns the page's own scripts on or off (evaluation from here keeps working). */
    void scripts(boolean enabled) throws IOException {
        call(session, "Emulation.setScriptExecutionDisabled", Map.of("value", !enabled));
    }

    /** The value of {@code expression} in the page (JSON-serialisable results only). */
    JsonNode eval(String expression) throws IOException {
        JsonNode r = call(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new IOException("evaluation failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** A PNG of the whole page (up to {@code maxHeight} pixels tall), 1280 pixels wide. */
    byte[] screenshot(int maxHeight) throws IOException {
        int height = Math.min(maxHeight, eval("Math.ceil(document.documentElement.scrollHeight)").asInt());
        call(session, "Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", Math.max(height, 200), "deviceScaleFactor", 1, "mobile", false));
        JsonNode shot = call(session, "Page.captureScreenshot", Map.of("format", "png"));
        call(session, "Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        return Base64.getDecoder().decode(shot.path("data").asText());
    }

    @Override
    public void close() throws IOException {
        socket.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path profile() {
        return profile;
    }
}
