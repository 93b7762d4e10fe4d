package io.github.wolkvoxcamel.component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.wolkvoxcamel.simulator.Fault;
import io.github.wolkvoxcamel.simulator.Poison;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.sink.DeadLetterRoute;
import io.github.wolkvoxcamel.state.KafkaTransactions;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.Main;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component in a Camel application of someone else's: a bare Camel Main, none of wolkvox-camel's setup or
 * settings, only {@code camel.component.wolkvox.*} properties and one YAML route from {@code wolkvox:diagram_3}. Every
 * record of the simulator's answer reaches the route, field for field, and the component's dead letters have their
 * route there too.
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
            Main main = bareMain(simulator);
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

    /**
     * With exactly-once into Kafka, an aborted window forgets its records in the component's own store only: a route's
     * own repository would keep them and its retry would skip them, so the route does not start.
     */
    @Test
    void anIdempotentRepositoryOfTheRoutesOwnIsRefusedWithExactlyOnce() throws Exception {
        assertRouteRefused("{ idempotentRepository: \"#seen\" }", main -> {
            main.bind("seen", new MemoryIdempotentRepository());
            main.configure().addConfiguration(new CamelConfiguration() {
                @Override
                public void configure(CamelContext context) {
                    context.getComponent("wolkvox", WolkvoxComponent.class)
                            .setTransactions(new KafkaTransactions(Properties::new, Duration.ofMinutes(1)));
                }
            });
        }, "wolkvox:diagram_3: idempotentRepository cannot be used with exactly-once into Kafka "
                + "(WOLKVOX_KAFKA_EXACTLY_ONCE=true)");
    }

    /**
     * Batch mode sends a failed batch's records again one by one in the window's next attempt: without one, a record
     * Kafka refuses would take its batch to the dead letters, so the route does not start.
     */
    @Test
    void batchModeWithoutARetryIsRefused() throws Exception {
        assertRouteRefused("{ batchSize: 10 }",
                main -> main.addInitialProperty("camel.component.wolkvox.retry-max-attempts", "1"),
                "wolkvox:diagram_3: batchSize needs retryMaxAttempts (wolkvox.retry.max-attempts) of 2 or more");
    }

    /** A record thread profile of more than one thread would send a report's records out of order: refused at start. */
    @Test
    void aRecordThreadOfMoreThanOneThreadIsRefused() throws Exception {
        assertRouteRefused("{}", main -> {
            main.addInitialProperty("camel.threadpool.config[wolkvoxRecordThread].pool-size", "4");
            main.addInitialProperty("camel.threadpool.config[wolkvoxRecordThread].max-pool-size", "4");
        }, "the thread pool profile wolkvoxRecordThread must keep one thread");
    }

    /**
     * With {@code bridgeErrorHandler=true} a failed window reaches the route's error handler, here an
     * {@code onException} in YAML that writes the failure's class and message: a proxy's HTML 404 page.
     */
    @Test
    void aFailedWindowReachesTheRoutesErrorHandler() throws Exception {
        Path failures = dir.resolve("failures");
        Files.writeString(dir.resolve("smart-waits.yaml"), """
                - routeConfiguration:
                    id: wolkvox-failures
                    onException:
                      - onException:
                          exception: [ io.github.wolkvoxcamel.wolkvox.WolkvoxAnswerException ]
                          handled: { constant: "true" }
                          steps:
                            - setBody: { simple: "${exception.errorClass} ${exception.message}" }
                            - to: "file:%s"
                - route:
                    id: smart-waits
                    routeConfigurationId: wolkvox-failures
                    from:
                      uri: wolkvox:diagram_3
                      parameters: { delay: 1s, initialFrom: "-PT2H", bridgeErrorHandler: true }
                      steps:
                        - to: "file:%s"
                """.formatted(failures, dir.resolve("out")));
        try (WolkvoxSimulator simulator = WolkvoxSimulator.builder().token(TOKEN).build().start()) {
            simulator.inject("diagram_3", Fault.notFoundPage());
            Main main = bareMain(simulator);
            main.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> !files(failures, Files::readString).isEmpty());
                String failure = files(failures, Files::readString).get(0);
                assertTrue(failure.startsWith("NOT_FOUND_PAGE"), failure);
            } finally {
                main.stop();
            }
        }
    }

    /**
     * A record without its key (here {@code ani}) is a dead letter in such an application too: the component's route
     * wolkvox-dlq writes it under the dead-letter directory.
     */
    @Test
    void aRecordWithoutItsKeyIsADeadLetterThroughTheComponentsRoute() throws Exception {
        Files.writeString(dir.resolve("smart-waits.yaml"), """
                - route:
                    id: smart-waits
                    from:
                      uri: wolkvox:diagram_3
                      parameters: { delay: 1s, initialFrom: "-PT2H" }
                      steps:
                        - to: "file:%s"
                """.formatted(dir.resolve("out")));
        try (WolkvoxSimulator simulator = WolkvoxSimulator.builder().token(TOKEN)
                .poison("diagram_3", Poison.missingField("ani", 5)).build().start()) {
            Main main = bareMain(simulator);
            main.start();
            try {
                assertEquals(ServiceStatus.Started, main.getCamelContext().getRouteController()
                        .getRouteStatus(DeadLetterRoute.ROUTE_ID), "the component added the dead letters' route");
                Path letters = dir.resolve("dead").resolve("dlq");
                // the day file appears before its first line is written whole
                await().atMost(Duration.ofSeconds(60)).until(() -> files(letters, Files::readString).stream()
                        .anyMatch(text -> text.contains("\n")));
                JsonNode letter = JSON.readTree(files(letters, Files::readString).get(0).lines().findFirst().orElseThrow());
                assertEquals("diagram_3", letter.get("report").asText());
                assertFalse(letter.get("record").has("ani"), letter.toString());
            } finally {
                main.stop();
            }
        }
    }

    /**
     * The route smart-waits, {@code parameters} on its {@code wolkvox:} endpoint, in a bare Main that {@code setUp}
     * adds to, does not start, one of the causes says {@code why}, and nothing was polled.
     */
    private void assertRouteRefused(String parameters, Consumer<Main> setUp, String why) throws Exception {
        Files.writeString(dir.resolve("smart-waits.yaml"), """
                - route:
                    id: smart-waits
                    from:
                      uri: wolkvox:diagram_3
                      parameters: %s
                      steps:
                        - to: "file:%s"
                """.formatted(parameters, dir.resolve("out")));
        try (WolkvoxSimulator simulator = WolkvoxSimulator.builder().token(TOKEN).build().start()) {
            Main main = bareMain(simulator);
            setUp.accept(main);
            try {
                Exception refused = assertThrows(Exception.class, main::start);
                StringBuilder causes = new StringBuilder();
                for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
                    causes.append(cause.getMessage()).append('\n');
                }
                assertTrue(causes.toString().contains(why), causes.toString());
                assertTrue(simulator.calls().isEmpty(), "nothing was polled");
            } finally {
                main.stop();
            }
        }
    }

    /** A Camel Main of its own: none of wolkvox-camel's settings, only the component's, against the simulator. */
    private Main bareMain(WolkvoxSimulator simulator) {
        Main main = new Main();
        // not wolkvox-camel's application.properties (on this classpath): nothing but what is set here
        main.setDefaultPropertyPlaceholderLocation("false");
        main.configure().withRoutesIncludePattern("file:" + dir.resolve("smart-waits.yaml"));
        main.addInitialProperty("camel.component.wolkvox.base-url", simulator.baseUrl());
        main.addInitialProperty("camel.component.wolkvox.token", TOKEN);
        main.addInitialProperty("camel.component.wolkvox.state-dir", dir.resolve("state").toString());
        main.addInitialProperty("camel.component.wolkvox.dead-letter-dir", dir.resolve("dead").toString());
        return main;
    }

    /** The records the route wrote, one JSON object a file. */
    private static List<String> files(Path out) throws IOException {
        return files(out, file -> JSON.readTree(file.toFile()).toString());
    }

    private static List<String> files(Path out, FileReader read) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.map(file -> {
                try {
                    return read.read(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private interface FileReader {
        String read(Path file) throws IOException;
    }
}
