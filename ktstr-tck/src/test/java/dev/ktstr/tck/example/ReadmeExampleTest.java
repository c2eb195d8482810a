package dev.ktstr.tck.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README's "Writing a provider" shows MapSidecarStore as compiled here, class body for class body. */
class ReadmeExampleTest {

    private static final String CLASS_START = "public final class MapSidecarStore";

    @Test
    void readmeShowsTheCompiledMinimalStore() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```java\n" + CLASS_START);
        if (start < 0) {
            throw new AssertionError("README.md has no java block starting with '" + CLASS_START + "'");
        }
        int bodyStart = start + "```java\n".length();
        String shown = readme.substring(bodyStart, readme.indexOf("```\n", bodyStart));
        String source = Files.readString(Path.of("src/test/java/dev/ktstr/tck/example/MapSidecarStore.java"));
        String compiled = source.substring(source.indexOf(CLASS_START));
        assertEquals(compiled, shown, "README's MapSidecarStore must be the compiled one");
    }
}
