package io.github.wolkvoxcamel.component;

import io.github.wolkvoxcamel.simulator.Fault;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.apache.camel.Processor;
import org.apache.camel.main.Main;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A poll of several windows (catching up, a backfill) calls the next window while the records of the one before are
 * still going through the route, so a slow answer does not leave the sinks idle; and no call is spent twice for it.
 */
class CallAheadTest {

    private static final String TOKEN = "call-ahead-token";

    @TempDir
    Path dir;

    @Test
    void theNextWindowIsCalledWhileThisOnesRecordsAreSent() throws Exception {
        Path out = route("1h");
        try (WolkvoxSimulator simulator = simulator()) {
            AtomicBoolean secondCallDuringFirstWindow = new AtomicBoolean();
            AtomicInteger records = new AtomicInteger();
            // the first record waits for the second window's answer: were the windows fetched in turn, it never comes
            Processor hold = exchange -> {
                if (records.incrementAndGet() == 1) {
                    secondCallDuringFirstWindow.set(awaitCalls(simulator, 2));
                }
            };
            Main main = main(simulator, hold);
            main.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> calls(simulator).size() >= 3
                        && files(out).size() >= calls(simulator).stream().mapToInt(WolkvoxSimulator.Call::records).sum());
                assertTrue(secondCallDuringFirstWindow.get(), "the second window was called while the first one's "
                        + "records were sent: " + calls(simulator));
                List<WolkvoxSimulator.Call> calls = calls(simulator);
                assertEquals(calls.size(), calls.stream().map(WolkvoxSimulator.Call::from).distinct().count(),
                        "each window called once: " + calls);
                for (int i = 1; i < calls.size(); i++) {
                    assertEquals(calls.get(i - 1).to().plusSeconds(1), calls.get(i).from(), "windows in order, no gap");
                }
                assertEquals(calls.stream().mapToInt(WolkvoxSimulator.Call::records).sum(), files(out).size(),
                        "every record of every window delivered once");
            } finally {
                main.stop();
            }
        }
    }

    /**
     * While the sink is down, each poll fetches its first window, fails to deliver it and ends: the window after it is
     * called ahead once, in the first such poll, and not again until a window gets through, so an outage does not
     * double the calls of the day.
     */
    @Test
    void aWindowThatFailsStopsCallsAheadUntilOneIsDelivered() throws Exception {
        Path out = route("1s");
        try (WolkvoxSimulator simulator = simulator()) {
            // the sink is down for the first five calls
            Processor hold = exchange -> {
                if (calls(simulator).size() < 6) {
                    throw new IOException("the sink is down");
                }
            };
            Main main = main(simulator, hold);
            main.addInitialProperty("camel.component.wolkvox.retry-max-attempts", "2");
            // a poll a second fits the day's calls
            main.addInitialProperty("camel.component.wolkvox.daily-call-limit", "1000000");
            main.start();
            try {
                // the poll after the outage: its three windows delivered
                await().atMost(Duration.ofSeconds(60)).until(() -> calls(simulator).size() >= 8
                        && files(out).size() >= calls(simulator).subList(5, 8).stream()
                        .mapToInt(WolkvoxSimulator.Call::records).sum());
                List<WolkvoxSimulator.Call> outage = calls(simulator).subList(0, 5);
                long ahead = IntStream.range(1, outage.size())
                        .filter(i -> outage.get(i).from().equals(outage.get(i - 1).to().plusSeconds(1))).count();
                assertEquals(1, ahead, "one window called ahead while the sink was down, in the first poll: " + outage);
                List<String> delivered = files(out);
                assertEquals(delivered.size(), delivered.stream().distinct().count(), "each record delivered once");
            } finally {
                main.stop();
            }
        }
    }

    /**
     * A call made ahead that fails (a 500 for the second window) fails its window once: the window's retry calls
     * Wolkvox again, and the window is delivered in the same poll.
     */
    @Test
    void aWindowWhoseCallAheadFailedIsCalledAgain() throws Exception {
        Path out = route("1h");
        try (WolkvoxSimulator simulator = simulator()) {
            // the first call answers as always, the second (the second window's, made ahead) is a 500
            simulator.inject("diagram_1", Fault.delay(Duration.ZERO));
            simulator.inject("diagram_1", Fault.serverError());
            Main main = main(simulator, exchange -> { });
            main.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> calls(simulator).stream()
                        .filter(call -> call.status() == 200).count() >= 3);
                List<WolkvoxSimulator.Call> all = simulator.calls().stream()
                        .filter(call -> call.api().equals("diagram_1")).toList();
                assertEquals(500, all.get(1).status(), "the call made ahead failed: " + all);
                List<WolkvoxSimulator.Call> answered = all.stream().filter(call -> call.status() == 200).toList();
                // the same hour again, not halves of it after retries that never called
                assertEquals(answered.get(0).to().plusSeconds(1), answered.get(1).from(), "the second window was called "
                        + "again and answered: " + all);
                assertEquals(answered.get(1).from().plusHours(1).minusSeconds(1), answered.get(1).to(), all.toString());
                assertEquals(answered.size() + 1, all.size(), "one failed call, each window answered once: " + all);
                await().atMost(Duration.ofSeconds(30)).until(() -> files(out).size()
                        == answered.stream().mapToInt(WolkvoxSimulator.Call::records).sum());
            } finally {
                main.stop();
            }
        }
    }

    /**
     * A route polling three hours of diagram_1 every {@code delay}, each record through the bean {@code hold}, then to a
     * file of its own.
     *
     * @return the files' directory
     */
    private Path route(String delay) throws IOException {
        Path out = dir.resolve("out");
        Files.writeString(dir.resolve("ivr.yaml"), """
                - route:
                    id: ivr
                    from:
                      uri: wolkvox:diagram_1
                      parameters: { delay: %s, initialFrom: "-PT3H" }
                      steps:
                        - process: { ref: hold }
                        - to: "file:%s?fileName=${exchangeId}.json"
                """.formatted(delay, out));
        return out;
    }

    /** The simulator, with a diagram_1 record every 20 s: 180 an hour, each window has records. */
    private static WolkvoxSimulator simulator() {
        return WolkvoxSimulator.builder().token(TOKEN).spacing("diagram_1", Duration.ofSeconds(20)).build().start();
    }

    private Main main(WolkvoxSimulator simulator, Processor hold) {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("false");
        main.configure().withRoutesIncludePattern("file:" + dir.resolve("ivr.yaml"));
        main.addInitialProperty("camel.component.wolkvox.base-url", simulator.baseUrl());
        main.addInitialProperty("camel.component.wolkvox.token", TOKEN);
        main.addInitialProperty("camel.component.wolkvox.state-dir", dir.resolve("state").toString());
        main.addInitialProperty("camel.component.wolkvox.dead-letter-dir", dir.resolve("dead").toString());
        // three windows or more, each with records
        main.addInitialProperty("camel.component.wolkvox.chunk-span", "1h");
        // a window that failed is tried again at once
        main.addInitialProperty("camel.component.wolkvox.retry-base-delay", "100ms");
        main.addInitialProperty("camel.component.wolkvox.retry-max-delay", "200ms");
        main.bind("hold", hold);
        return main;
    }

    private static boolean awaitCalls(WolkvoxSimulator simulator, int calls) {
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> calls(simulator).size() >= calls);
            return true;
        } catch (ConditionTimeoutException notCalled) {
            return false;
        }
    }

    private static List<WolkvoxSimulator.Call> calls(WolkvoxSimulator simulator) {
        return simulator.calls().stream().filter(call -> call.api().equals("diagram_1") && call.from() != null).toList();
    }

    /** The records the route wrote, one a file. */
    private static List<String> files(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.map(file -> {
                try {
                    return Files.readString(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
