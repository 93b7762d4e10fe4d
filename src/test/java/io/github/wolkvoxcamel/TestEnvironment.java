package io.github.wolkvoxcamel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.state.StateScope;
import io.github.wolkvoxcamel.time.WolkvoxTime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A simulator on loopback and temporary sink and state directories, handed to the application as JVM system
 * properties (which camel-main reads over application.properties). Set up in {@code @BeforeAll}, before the
 * Camel context of a {@code @CamelMainTest} starts.
 */
public final class TestEnvironment implements AutoCloseable {

    public static final String TOKEN = "test-token-5e1f0c2b9d";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final WolkvoxSimulator simulator;
    public final Path sinkDir;
    public final Path stateDir;
    /** Where dead letters go: {@code <root>/dlq/<day>.jsonl}. */
    public final Path deadLetterDir;
    /** Where the first poll of every report starts. */
    public final LocalDateTime initialFrom;
    /** Where /observe/health and /observe/metrics answer. */
    public final int managementPort;
    private final Map<String, String> properties = new HashMap<>();

    private TestEnvironment(WolkvoxSimulator simulator, Path root, Duration lookBack, Map<String, String> overrides) {
        this.simulator = simulator;
        this.sinkDir = root.resolve("out");
        this.stateDir = root.resolve("state");
        this.deadLetterDir = root.resolve("dlq");
        this.initialFrom = LocalDateTime.now(WolkvoxTime.BOGOTA).minus(lookBack).truncatedTo(ChronoUnit.MINUTES);
        properties.put("wolkvox.base-url", simulator.baseUrl());
        properties.put("wolkvox.token", TOKEN);
        properties.put("wolkvox.poll-period", "1h");
        properties.put("wolkvox.initial-from", initialFrom.toString());
        properties.put("sink.file-dir", sinkDir.toString());
        properties.put("state.dir", stateDir.toString());
        properties.put("dlq.dir", root.toString());
        // watermarks mirrored to Kafka are shared by whoever reads the topic: each test keeps its own
        properties.put("kafka.state-topic", "test-state-" + root.getFileName());
        // tests poll every few seconds: a budget that fits that, so the quota plan keeps their periods
        properties.put("wolkvox.daily-call-limit", "10000000");
        // retries as in production, only faster
        properties.put("wolkvox.retry.base-delay", "200ms");
        properties.put("wolkvox.retry.max-delay", "1s");
        managementPort = freePort();
        properties.put("camel.management.port", Integer.toString(managementPort));
        properties.putAll(overrides);
        properties.forEach(System::setProperty);
    }

    /** Starts a simulator that accepts {@link #TOKEN}; {@code overrides} replace the default test settings. */
    public static TestEnvironment start(WolkvoxSimulator.Builder simulator, Map<String, String> overrides) {
        return start(simulator, Duration.ofHours(6), overrides);
    }

    /** As {@link #start(WolkvoxSimulator.Builder, Map)}, with the first poll starting {@code lookBack} ago. */
    public static TestEnvironment start(WolkvoxSimulator.Builder simulator, Duration lookBack, Map<String, String> overrides) {
        try {
            return new TestEnvironment(simulator.token(TOKEN).build().start(),
                    Files.createTempDirectory("wolkvox-camel-test"), lookBack, overrides);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the four windowed reports of routes/reports.yaml have each delivered a window. */
    public boolean windowedReportsDelivered() {
        return List.of("diagram_1", "diagram_3", "campaign_10", "agents_detail").stream()
                .allMatch(api -> watermark("wolkvox-" + api) != null);
    }

    /** Whether every shipped report has polled once: the windowed ones delivered and calls_last_10 answered. */
    public boolean everyReportPolled() {
        return windowedReportsDelivered()
                && simulator.calls().stream().anyMatch(call -> call.api().equals("calls_last_10") && call.status() == 200);
    }

    /** A copy of the shipped routes/*.yaml in {@code directory}, for a test that edits them. */
    public static void copyRoutes(Path directory) {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            Files.createDirectories(directory);
            for (Path file : files.toList()) {
                Files.copy(file, directory.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the application keeps the state of the simulator's default token: {@code <STATE_DIR>/<scope directory>}. */
    public Path scopeDir() {
        return scopeDir(stateDir);
    }

    /** The directory of the simulator's default token in the state directory {@code stateDir}. */
    public Path scopeDir(Path stateDir) {
        return stateDir.resolve(StateScope.directory(StateScope.of(StateScope.server("", simulator.baseUrl()), "default")));
    }

    /**
     * A copy of the shipped routes/*.yaml in {@code directory} with one line of routes/sinks.yaml replaced (a report's
     * records sent somewhere else); fails when sinks.yaml no longer has that line.
     */
    public static void copyRoutes(Path directory, String sinksLine, String replacement) {
        copyRoutes(directory);
        Path sinks = directory.resolve("sinks.yaml");
        try {
            String shipped = Files.readString(sinks);
            if (!shipped.contains(sinksLine)) {
                throw new IllegalStateException("routes/sinks.yaml has no line " + sinksLine.strip());
            }
            Files.writeString(sinks, shipped.replace(sinksLine, replacement));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LocalDateTime watermark(String routeId) {
        Path file = scopeDir().resolve(routeId + ".watermark");
        try {
            return Files.exists(file) ? WolkvoxTime.parseRequest(Files.readString(file).trim()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every dead letter, day files in name order. */
    public List<Map<String, Object>> deadLetters() {
        return jsonLines(deadLetterDir);
    }

    /** Every record written to a file sink, day files in name order, lines in file order. */
    public List<Map<String, Object>> fileRecords(String sink) {
        return jsonLines(sinkDir.resolve(sink));
    }

    private static List<Map<String, Object>> jsonLines(Path dir) {
        List<Map<String, Object>> records = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return records;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String day = file.getFileName().toString().replace(".jsonl", "");
                // a last line without its line break is still being written: not a record yet
                String text = Files.readString(file);
                for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> record = JSON.readValue(line, LinkedHashMap.class);
                    record.put("@file", day);
                    records.add(record);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    @Override
    public void close() {
        properties.keySet().forEach(System::clearProperty);
        simulator.close();
    }
}
