package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.state.DeliveredKeys;
import io.github.wolkvoxcamel.wolkvox.EnvelopeReader;
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
        DeliveredKeys keys = new DeliveredKeys(dir.resolve("state"), 1000);
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
        assertTrue(keys.contains("wolkvox-r|1") && keys.contains("wolkvox-r|2") && keys.contains("wolkvox-r|3"));
        assertEquals(0, dispatch(dispatcher), "a window fetched again delivers nothing twice");
    }

    @Test
    void aKafkaThatCannotTakeTheRecordsFailsTheWindowAtOnceAndMarksNothingDelivered() throws Exception {
        DeliveredKeys keys = new DeliveredKeys(dir.resolve("state"), 1000);
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
        assertFalse(keys.contains("wolkvox-r|1"), "a record whose topic never got it is not delivered");
    }

    private RecordDispatcher dispatcher(DeliveredKeys keys, KafkaSink kafka) {
        PollMonitor monitor = new PollMonitor(new SimpleMeterRegistry(), Clock.systemUTC(), ZoneId.of("America/Bogota"));
        RecordSinks sinks = new RecordSinks(new JsonLinesWriter(dir.resolve("out")), new JsonLinesWriter(dir.resolve("dlq")), kafka);
        context.getRegistry().bind(RecordDispatcher.SINKS_BEAN, sinks);
        return new RecordDispatcher(context, sinks, new DeadLetters(sinks, monitor, Clock.systemUTC()), keys, monitor);
    }

    private static int dispatch(RecordDispatcher dispatcher) throws Exception {
        try (EnvelopeReader.RecordIterator records = EnvelopeReader.records(new ByteArrayInputStream(ANSWER.getBytes(StandardCharsets.UTF_8)))) {
            return dispatcher.dispatch("wolkvox-r", "r", records, 4, record -> (String) record.get("id"), record -> "2026-11-21", WINDOW);
        }
    }
}
