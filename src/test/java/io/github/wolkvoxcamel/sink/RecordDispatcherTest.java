package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.state.DeliveredRecords;
import io.github.wolkvoxcamel.state.Fingerprint;
import io.github.wolkvoxcamel.wolkvox.EnvelopeReader;
import io.github.wolkvoxcamel.wolkvox.RecordKeys;
import io.github.wolkvoxcamel.wolkvox.ReportPoller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One window's records to the report's sink and the matching rule routes, on files; and a Kafka that cannot take them. */
class RecordDispatcherTest {

    private static final String ANSWER = """
            {"code":200,"error":null,"msg":"4 records were found","data":[
            {"id":"1","kind":"x"},{"id":"2","kind":"y"},{"id":"1","kind":"x"},{"id":"3","kind":"x"}]}""";
    private static final String DATE = "2026-11-21 10:00:00";
    private static final Map<String, String> WINDOW = Map.of(ReportPoller.HEADER_REPORT, "r",
            ReportPoller.HEADER_WINDOW_START, "2026-11-21T00:00-05:00", ReportPoller.HEADER_WINDOW_END, "2026-11-21T01:00-05:00",
            ReportPoller.HEADER_FETCHED_AT, "2026-11-21T01:00:01-05:00");

    @TempDir
    Path dir;
    private final DefaultCamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void eachNewRecordReachesItsReportSinkAndTheRulesItMatches() throws Exception {
        DeliveredRecords keys = delivered();
        RecordDispatcher dispatcher = dispatcher(keys, null);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("wolkvox-records:r?when=${body[kind]} == 'x'").routeId("rule-x").to("wolkvox-sink:copies");
            }
        });
        context.start();

        int delivered = dispatch(dispatcher);

        assertEquals(3, delivered, "the repeated row of id 1 counts once");
        assertEquals(List.of("{\"id\":\"1\",\"kind\":\"x\"}", "{\"id\":\"2\",\"kind\":\"y\"}", "{\"id\":\"3\",\"kind\":\"x\"}"),
                Files.readAllLines(dir.resolve("out/r/2026-11-21.jsonl")));
        assertEquals(List.of("{\"id\":\"1\",\"kind\":\"x\"}", "{\"id\":\"3\",\"kind\":\"x\"}"),
                Files.readAllLines(dir.resolve("out/copies/2026-11-21.jsonl")));
        assertTrue(keys.contains(fingerprint("1", "x")) && keys.contains(fingerprint("2", "y"))
                && keys.contains(fingerprint("3", "x")));
        assertEquals(0, dispatch(dispatcher), "a window fetched again delivers nothing twice");
    }

    @Test
    void aKafkaThatCannotTakeTheRecordsFailsTheWindowAtOnceAndMarksNothingDelivered() throws Exception {
        DeliveredRecords keys = delivered();
        Properties unreachable = new Properties();
        unreachable.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "no-such-host.invalid:9092");
        KafkaSink kafka = new KafkaSink(() -> unreachable, "t.", new KafkaTopics(unreachable, 1));
        RecordDispatcher dispatcher = dispatcher(keys, kafka);
        context.start();

        RuntimeException failure = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(RuntimeException.class, () -> dispatch(dispatcher)));

        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(String.valueOf(root.getMessage()).contains("bootstrap"), "the cause names the brokers setting: " + root);
        assertFalse(keys.contains(fingerprint("1", "x")), "a record whose topic never got it is not delivered");
    }

    @Test
    void aKeyWithOtherContentIsANewVersionAndARecordWithoutItsKeyADeadLetter() throws Exception {
        DeliveredRecords keys = delivered();
        RecordDispatcher dispatcher = dispatcher(keys, null);
        context.start();
        dispatch(dispatcher);

        String changed = """
                {"code":200,"error":null,"msg":"3 records were found","data":[
                {"id":"1","kind":"x"},{"id":"1","kind":"z"},{"kind":"x"}]}""";
        int delivered;
        try (EnvelopeReader.RecordIterator records = EnvelopeReader.records(new ByteArrayInputStream(changed.getBytes(StandardCharsets.UTF_8)))) {
            delivered = dispatcher.dispatch("wolkvox-r", "r", records, 3, record -> keyOf(record), record -> DATE,
                    WINDOW, Map.of());
        }

        assertEquals(1, delivered, "only the new content of key 1 is delivered");
        assertEquals(List.of("{\"id\":\"1\",\"kind\":\"x\"}", "{\"id\":\"2\",\"kind\":\"y\"}", "{\"id\":\"3\",\"kind\":\"x\"}",
                "{\"id\":\"1\",\"kind\":\"z\"}"), Files.readAllLines(dir.resolve("out/r/2026-11-21.jsonl")));
        List<String> deadLetters = Files.readAllLines(dir.resolve("dlq/dlq/2026-11-21.jsonl"));
        assertEquals(1, deadLetters.size());
        assertTrue(deadLetters.get(0).contains("\"record\":{\"kind\":\"x\"}") && deadLetters.get(0).contains("id"),
                "the dead letter holds the record and names the missing key field: " + deadLetters.get(0));
    }

    private DeliveredRecords delivered() {
        return new DeliveredRecords(dir.resolve("state"), Duration.ofDays(2), Clock.systemUTC(), ZoneId.of("America/Bogota"));
    }

    private static Fingerprint fingerprint(String id, String kind) {
        return Fingerprint.of("wolkvox-r", id, ("{\"id\":\"" + id + "\",\"kind\":\"" + kind + "\"}").getBytes(StandardCharsets.UTF_8),
                DeliveredRecords.hourOf(DATE));
    }

    private static String keyOf(Map<String, Object> record) {
        return RecordKeys.parse("id").keyOf(record, Map.of());
    }

    private RecordDispatcher dispatcher(DeliveredRecords keys, KafkaSink kafka) {
        PollMonitor monitor = new PollMonitor(new SimpleMeterRegistry(), Clock.systemUTC(), ZoneId.of("America/Bogota"));
        RecordSinks sinks = new RecordSinks(new JsonLinesWriter(dir.resolve("out")), new JsonLinesWriter(dir.resolve("dlq")), kafka);
        context.getRegistry().bind(RecordDispatcher.SINKS_BEAN, sinks);
        return new RecordDispatcher(context, sinks, new DeadLetters(sinks, monitor, Clock.systemUTC()), keys, monitor);
    }

    private static int dispatch(RecordDispatcher dispatcher) throws Exception {
        try (EnvelopeReader.RecordIterator records = EnvelopeReader.records(new ByteArrayInputStream(ANSWER.getBytes(StandardCharsets.UTF_8)))) {
            return dispatcher.dispatch("wolkvox-r", "r", records, 4, record -> keyOf(record), record -> DATE, WINDOW,
                    Map.of());
        }
    }
}
