package io.github.wolkvoxcamel.component;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.apache.camel.main.Main;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component in a Camel application of someone else's: a bare Camel Main, none of wolkvox-camel's setup or
 * settings, only {@code camel.component.wolkvox.*} properties and one YAML route from {@code wolkvox:diagram_3}. Every
 * record of the simulator's answer reaches the route, field for field.
 */
class BareCamelMainTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "bare-main-token";

    @TempDir
    Path dir;

    @Test
    void aCamelApplicationOfItsOwnGetsEveryRecord() throws Exception {
        Path out = dir.resolve("out");
        Files.writeString(dir.resolve("smart-waits.yaml"), """
                - route:
                    id: smart-waits
                    from:
                      uri: wolkvox:diagram_3
                      parameters: { delay: 1s, initialFrom: "-PT2H", idempotentRepository: "#seen" }
                      steps:
                        - to: "file:%s?fileName=${exchangeId}.json"
                """.formatted(out));
        try (WolkvoxSimulator simulator = WolkvoxSimulator.builder().token(TOKEN).build().start()) {
            Main main = new Main();
            // not wolkvox-camel's application.properties (on this classpath): nothing but what is set here
            main.setDefaultPropertyPlaceholderLocation("false");
            main.configure().withRoutesIncludePattern("file:" + dir.resolve("smart-waits.yaml"));
            main.addInitialProperty("camel.component.wolkvox.base-url", simulator.baseUrl());
            main.addInitialProperty("camel.component.wolkvox.token", TOKEN);
            main.addInitialProperty("camel.component.wolkvox.state-dir", dir.resolve("state").toString());
            main.addInitialProperty("camel.component.wolkvox.dead-letter-dir", dir.resolve("dead").toString());
            // the application's own record of what was delivered, as camel-file's idempotentRepository
            MemoryIdempotentRepository seen = new MemoryIdempotentRepository();
            main.bind("seen", seen);
            main.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> simulator.calls().stream()
                        .anyMatch(call -> call.api().equals("diagram_3") && call.status() == 200));
                WolkvoxSimulator.Call first = simulator.calls().stream()
                        .filter(call -> call.api().equals("diagram_3") && call.status() == 200).findFirst().orElseThrow();
                List<String> served = simulator.servedRecords(first).stream().map(r -> JSON.valueToTree(r).toString())
                        .sorted().toList();
                assertTrue(served.size() > 10, "the simulator served smart-wait rows: " + served.size());
                await().atMost(Duration.ofSeconds(30)).until(() -> files(out).size() >= served.size());
                assertEquals(served, files(out).stream().sorted().toList(), "every record once, field for field");
                assertTrue(seen.getCache().size() >= served.size(), "each delivered record in the route's repository: "
                        + seen.getCache().size());
            } finally {
                main.stop();
            }
        }
    }

    /** The records the route wrote, one JSON object a file. */
    private static List<String> files(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.map(file -> {
                try {
                    return JSON.readTree(file.toFile()).toString();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
