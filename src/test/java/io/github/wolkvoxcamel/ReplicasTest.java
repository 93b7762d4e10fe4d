package io.github.wolkvoxcamel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas (JVMs of their own) on one file cluster root and one Kafka: the first leads the token and catches up
 * a day and a half of diagram_1; it is killed with SIGKILL half-way; the second takes over, resumes from the watermark and the
 * delivered records the first left in the state topics, and delivers the rest. No gap, never two calls in flight for
 * the token; the standby is ready (its readiness probe passes) while it waits. At least once, the only repeats are
 * records of the window in flight at the kill; exactly once, a read_committed consumer sees every record once, whether
 * the leader is killed or stops gracefully in the middle of a window.
 */
class ReplicasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** What the test allows for a takeover: 5 heartbeats of 2 s before the dead leader's lock counts as free, and margin. */
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(30);

    /**
     * @param exactlyOnce WOLKVOX_KAFKA_EXACTLY_ONCE
     * @param graceful the leader is stopped with SIGTERM (its routes stop, leadership is handed over) instead of SIGKILL
     */
    @ParameterizedTest(name = "exactly once: {0}, graceful stop: {1}")
    @CsvSource({"false, false", "true, false", "true, true"})
    void theSecondReplicaTakesOverFromAKilledLeaderWithoutAGap(boolean exactlyOnce, boolean graceful) throws Exception {
        TestKafka kafka = TestKafka.get();
        // recent enough that every record is within the delivered fingerprints' retention (re-pull 24h + a day)
        LocalDateTime from = LocalDateTime.now(WolkvoxTime.BOGOTA).minusHours(36).truncatedTo(ChronoUnit.HOURS);
        // each answer takes a moment, so the kill lands in the middle of the catching up
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().responseDelay(Duration.ofMillis(300)), Map.of())) {
            Path root = env.stateDir.getParent();
            Path routes = root.resolve("routes");
            TestEnvironment.copyRoutes(routes);
            Files.writeString(routes.resolve("reports.yaml"), """
                    - templatedRoute:
                        routeTemplateRef: wolkvox-report
                        routeId: wolkvox-diagram_1
                        parameters:
                          - { name: api, value: diagram_1 }
                          - { name: keyFields, value: "conn_id,rp_id,date" }
                          - { name: dateField, value: date }
                          - { name: params, value: "customer_id=" }
                          - { name: records, value: "direct:records-diagram_1" }
                    """);
            String prefix = "replicas-test-" + root.getFileName() + ".";
            String mode = (exactlyOnce ? "eos" : "alo") + (graceful ? "-term" : "-kill");
            Map<String, String> common = Map.of(
                    "KAFKA_BROKERS", kafka.bootstrapServers(),
                    "WOLKVOX_KAFKA_EXACTLY_ONCE", Boolean.toString(exactlyOnce),
                    "KAFKA_TOPIC_PREFIX", prefix,
                    "KAFKA_STATE_TOPIC", "replicas-test-state-" + root.getFileName(),
                    "CAMEL_CLUSTER_FILE_ENABLED", "true",
                    "CAMEL_CLUSTER_FILE_ROOT", root.resolve("cluster").toString(),
                    // a dead leader's lock is free after 5 intervals: 5 s here, 10 s by default
                    "CAMEL_CLUSTER_FILE_ACQUIRE_LOCK_INTERVAL", "1s",
                    "WOLKVOX_INITIAL_FROM", from.toString(),
                    "WOLKVOX_POLL_PERIOD", "5s",
                    "WOLKVOX_DAILY_CALL_LIMIT", "100000");
            List<String> jvm = List.of("-Dwolkvox.chunk-span=2h", "-Dcamel.main.routes-include-pattern=file:" + routes + "/*.yaml");

            // the first leader stays half-way, in a call, until it is stopped, however fast it got there (a window called
            // ahead included): the second's start takes what it takes
            LocalDateTime halfWay = from.plusHours(12);
            env.simulator.holdFrom(halfWay);
            Process first = ChildApp.launch(env, jvm, new String[0], "replica-a-" + mode, replica(common, root, "a"));
            Process second = null;
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> leads("replica-a-" + mode));
                Map<String, String> secondEnv = replica(common, root, "b");
                second = ChildApp.launch(env, jvm, new String[0], "replica-b-" + mode, secondEnv);
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(ChildApp.log("replica-b-" + mode))
                        .contains("Leader election on"));
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    LocalDateTime mark = watermark(env, root, "a");
                    return mark != null && !mark.isBefore(halfWay.minusSeconds(1));
                });
                assertFalse(leads("replica-b-" + mode), "the second replica waits while the first leads");
                URI ready = URI.create("http://127.0.0.1:" + secondEnv.get("MANAGEMENT_PORT") + "/observe/health/ready");
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> HTTP.send(
                        HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

                if (graceful) {
                    first.destroy();
                } else {
                    first.destroyForcibly();
                }
                Instant killed = Instant.now();
                // a stopping leader ends its held call and hands over; a killed one's call is answered to no one
                env.simulator.release();
                first.waitFor(30, TimeUnit.SECONDS);
                LocalDateTime markAtKill = watermark(env, root, "a");
                assertTrue(markAtKill.isBefore(from.plusHours(30)), "killed before the end: " + markAtKill);

                await().atMost(TAKEOVER_LIMIT).until(() -> leads("replica-b-" + mode));
                Duration takeover = Duration.between(killed, Instant.now());
                assertTrue(takeover.compareTo(TAKEOVER_LIMIT) < 0, "took over in " + takeover);

                LocalDateTime caughtUp = LocalDateTime.now(WolkvoxTime.BOGOTA).minusMinutes(5);
                await().atMost(Duration.ofSeconds(120)).until(() -> {
                    LocalDateTime mark = watermark(env, root, "b");
                    return mark != null && mark.isAfter(caughtUp);
                });
                LocalDateTime end = watermark(env, root, "b");
                String firstCall = env.simulator.calls().stream().filter(call -> call.api().equals("diagram_1"))
                        .map(call -> call.params().get("date_ini")).findFirst().orElseThrow();
                assertEquals(WolkvoxTime.formatRequest(from), firstCall, "the first leader started at the initial start");

                Set<String> expected = env.simulator.records("reports_manager", "diagram_1", from, end, Map.of("customer_id", ""))
                        .stream().map(r -> r.get("conn_id") + "|" + r.get("rp_id") + "|" + r.get("date")).collect(Collectors.toSet());
                List<String> delivered = new ArrayList<>();
                List<ConsumerRecord<String, String>> records = exactlyOnce
                        ? kafka.readCommitted(List.of(prefix + "diagram_1")) : kafka.readAll(List.of(prefix + "diagram_1"));
                for (ConsumerRecord<String, String> record : records) {
                    Map<?, ?> value = JSON.readValue(record.value(), Map.class);
                    LocalDateTime at = LocalDateTime.parse((String) value.get("date"), WolkvoxTime.RECORD_FORMAT);
                    if (!at.isAfter(end)) {
                        delivered.add(value.get("conn_id") + "|" + value.get("rp_id") + "|" + value.get("date"));
                    }
                }
                assertTrue(expected.size() > 5_000, "a day and a half of records: " + expected.size());
                if (exactlyOnce) {
                    RecordAssertions.assertExactlyOnce("diagram_1 across a takeover, read_committed", expected, delivered);
                } else {
                    Set<String> missing = new TreeSet<>(expected);
                    missing.removeAll(Set.copyOf(delivered));
                    assertTrue(missing.isEmpty(), missing.size() + " records of the range missing in Kafka, e.g. "
                            + missing.stream().limit(3).toList());
                    assertEquals(expected, Set.copyOf(delivered), "nothing outside the range");
                    // the delivered records' fingerprints followed the leader: only the window in flight went twice
                    Map<String, Long> copies = delivered.stream().collect(Collectors.groupingBy(key -> key, Collectors.counting()));
                    LocalDateTime inFlightEnd = markAtKill.plusHours(2);
                    copies.forEach((key, count) -> {
                        LocalDateTime at = LocalDateTime.parse(key.substring(key.lastIndexOf('|') + 1), WolkvoxTime.RECORD_FORMAT);
                        assertTrue(count == 1 || count == 2 && at.isAfter(markAtKill) && !at.isAfter(inFlightEnd),
                                key + " delivered " + count + " times; the window in flight at the kill: "
                                        + markAtKill + " .. " + inFlightEnd);
                    });
                }
                assertEquals(1, env.simulator.maxInFlightSeen(TestEnvironment.TOKEN),
                        "never more than one call in flight for the token, before, during or after the takeover");
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroyForcibly();
                    second.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static Map<String, String> replica(Map<String, String> common, Path root, String name) {
        Map<String, String> env = new HashMap<>(common);
        env.put("STATE_DIR", root.resolve("state-" + name).toString());
        env.put("CAMEL_CLUSTER_FILE_ID", "replica-" + name);
        env.put("MANAGEMENT_PORT", Integer.toString(TestEnvironment.freePort()));
        return env;
    }

    private static boolean leads(String replica) throws Exception {
        Path log = ChildApp.log(replica);
        return Files.exists(log) && Files.readString(log).contains("This replica leads route wolkvox-diagram_1");
    }

    private static LocalDateTime watermark(TestEnvironment env, Path root, String replica) throws Exception {
        Path file = env.scopeDir(root.resolve("state-" + replica)).resolve("wolkvox-diagram_1.watermark");
        return Files.exists(file) ? WolkvoxTime.parseRequest(Files.readString(file).trim()) : null;
    }
}
