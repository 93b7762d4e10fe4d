package io.github.wolkvoxcamel.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wolkvoxcamel.TestKafka;
import io.github.wolkvoxcamel.kafka.KafkaTopics;
import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.record.RecordRef;
import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import io.github.wolkvoxcamel.state.DeliveredRecordsRepository;
import io.github.wolkvoxcamel.state.KafkaTransactions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dead letter goes through the route wolkvox-dlq: whole to its file, then to the dead-letter topic through
 * camel-kafka, keyed by the record key with the record's headers, shortened when too large for Kafka, and outside any
 * window's transaction. Keeping one hands it to the route and returns: the record thread never waits for the file or
 * Kafka.
 */
class DeadLettersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");
    private static final String KEY = "42|3001234567";

    @TempDir
    Path dir;
    private final DefaultCamelContext context = new DefaultCamelContext();
    private final String topic = "dead-letters-test-" + UUID.randomUUID() + ".dlq";
    private JsonLinesWriter files;

    @AfterEach
    void stop() {
        context.stop();
        files.close();
    }

    /** The context of an application with Kafka at {@code brokers}, and the dead letters with their route in it. */
    private DeadLetters start(String brokers) throws Exception {
        KafkaComponent kafka = new KafkaComponent();
        kafka.getConfiguration().setBrokers(brokers);
        context.addComponent("kafka", kafka);
        files = new JsonLinesWriter(dir);
        DeadLetters letters = new DeadLetters(context, files, topic, new PollMonitor(new SimpleMeterRegistry(),
                Clock.systemUTC(), ZoneId.of("America/Bogota")), Clock.fixed(NOW, ZoneOffset.UTC));
        context.addRoutes(letters.route());
        return letters;
    }

    @Test
    void aDeadLetterIsHandedOverWithoutWaitingForKafka() throws Exception {
        DeadLetters letters = start("127.0.0.1:" + closedPort());
        // a broker that never answers: a port nothing listens on
        context.getComponent("kafka", KafkaComponent.class).getConfiguration().setMaxBlockMs(2000);
        context.start();
        Exchange exchange = refused(Map.of("conn_id", "42"));

        CompletionStage<Void> kept = letters.keep(exchange);

        assertFalse(kept.toCompletableFuture().isDone(), "Kafka has not answered: the letter is not kept yet");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("dlq").resolve("2026-12-07.jsonl")));
        assertNull(exchange.getProperty(DeliveredRecordsRepository.PROPERTY_DEAD_LETTERED),
                "the record counts as delivered only once both sinks have its letter");
        await().atMost(Duration.ofSeconds(90)).until(() -> kept.toCompletableFuture().isDone());
        assertFalse(exchange.getProperty(DeliveredRecordsRepository.PROPERTY_DEAD_LETTERED, false, Boolean.class),
                "a letter Kafka never took does not count");
    }

    @Test
    void aDeadLetterGoesThroughTheRouteToItsFileAndTheTopicKeyedWithTheRecordsHeaders() throws Exception {
        TestKafka kafka = TestKafka.get();
        DeadLetters letters = start(kafka.bootstrapServers());
        createTopic(kafka);
        context.start();
        NotifyBuilder throughTheRoute = new NotifyBuilder(context).fromRoute(DeadLetterRoute.ROUTE_ID).whenCompleted(1).create();
        Map<String, String> record = new LinkedHashMap<>();
        record.put("conn_id", "42");
        record.put("ani", "3001234567");
        Exchange exchange = refused(record);

        letters.keep(exchange).toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertTrue(throughTheRoute.matches(10, TimeUnit.SECONDS), "the letter went through " + DeadLetterRoute.ROUTE_ID);
        assertTrue(exchange.getProperty(DeliveredRecordsRepository.PROPERTY_DEAD_LETTERED, false, Boolean.class));
        List<String> lines = Files.readAllLines(dir.resolve("dlq/2026-12-07.jsonl"));
        assertEquals(1, lines.size());
        assertEquals(JSON.readTree("""
                {"failedAt":"2026-12-07T15:00:00Z","sink":"diagram_1","report":"diagram_1","recordKey":"%s",
                 "recordRef":"%s","errorClass":"java.lang.IllegalArgumentException","error":"no conn_id",
                 "headers":{"WolkvoxReport":"diagram_1","WolkvoxRecordKey":"%s","WolkvoxRecordDate":"2026-12-07",
                            "WolkvoxSink":"diagram_1"},
                 "record":{"conn_id":"42","ani":"3001234567"}}""".formatted(KEY, RecordRef.of(KEY), KEY)),
                JSON.readTree(lines.get(0)));
        List<ConsumerRecord<String, String>> onTopic = kafka.readAll(List.of(topic));
        assertEquals(1, onTopic.size());
        ConsumerRecord<String, String> letter = onTopic.get(0);
        assertEquals(KEY, letter.key());
        assertEquals(lines.get(0), letter.value(), "the same letter as in the file");
        assertEquals(Set.of("WolkvoxReport", "WolkvoxRecordKey", "WolkvoxRecordDate", "WolkvoxSink"), headerNames(letter));
        assertEquals("dlq", header(letter, "WolkvoxSink"));
        assertEquals(KEY, header(letter, "WolkvoxRecordKey"));
    }

    @Test
    void aLetterTooLargeForKafkaGoesToTheTopicShortenedNamingTheFileThatHasItWhole() throws Exception {
        TestKafka kafka = TestKafka.get();
        DeadLetters letters = start(kafka.bootstrapServers());
        createTopic(kafka);
        context.start();
        Map<String, String> record = Map.of("conn_id", "42", "comment", "x".repeat(600_000));
        Exchange exchange = refused(record);

        letters.keep(exchange).toCompletableFuture().get(60, TimeUnit.SECONDS);

        Path file = dir.resolve("dlq/2026-12-07.jsonl");
        ObjectNode whole = (ObjectNode) JSON.readTree(Files.readAllLines(file).get(0));
        assertEquals(600_000, whole.get("record").get("comment").asText().length(), "the file has the letter whole");
        ObjectNode expected = whole.deepCopy();
        String recordText = expected.remove("record").toString();
        expected.put("recordTruncated", recordText.substring(0, DeadLetterRoute.SHORTENED_RECORD_CHARS));
        expected.put("recordBytes", JSON.writeValueAsBytes(record).length);
        expected.put("wholeLetterIn", file.toString());
        List<ConsumerRecord<String, String>> onTopic = kafka.readAll(List.of(topic));
        assertEquals(1, onTopic.size());
        assertEquals(expected, JSON.readTree(onTopic.get(0).value()));
    }

    /**
     * Exactly-once mode: the kafka component's producers send through the window's transaction, and the dead letters'
     * endpoint does not. A letter kept while a window's transaction is open stays when that transaction aborts, as its
     * file line does, and one kept with no transaction open is not refused.
     */
    @Test
    void aDeadLetterIsKeptOutsideTheWindowsTransaction() throws Exception {
        TestKafka kafka = TestKafka.get();
        DeadLetters letters = start(kafka.bootstrapServers());
        String records = topic.replace(".dlq", ".records");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:records").to("kafka:" + records);
            }
        });
        KafkaComponent component = context.getComponent("kafka", KafkaComponent.class);
        try (KafkaTransactions transactions = new KafkaTransactions(() -> {
            Properties producer = component.getConfiguration().createProducerProperties();
            producer.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            return producer;
        }, Duration.ofMinutes(1))) {
            component.setKafkaClientFactory(transactions);
            createTopic(kafka);
            try (KafkaTopics topics = new KafkaTopics(client(kafka), 1)) {
                topics.ensure(records);
            }
            context.start();

            transactions.begin("simulator/default", "records-diagram_1#1");
            context.createProducerTemplate().sendBody("direct:records", "{\"conn_id\":\"41\"}");
            letters.keep(refused(Map.of("conn_id", "42"))).toCompletableFuture().get(60, TimeUnit.SECONDS);
            transactions.abort("records-diagram_1#1");
            letters.keep(refused(Map.of("conn_id", "43"))).toCompletableFuture().get(60, TimeUnit.SECONDS);

            assertEquals(List.of(), kafka.readCommitted(List.of(records)), "the window's record went with its transaction");
            assertEquals(List.of("42", "43"), kafka.readCommitted(List.of(topic)).stream()
                    .map(letter -> readTree(letter.value()).get("record").get("conn_id").asText()).toList(),
                    "both letters stay, as their file lines do");
            assertEquals(2, Files.readAllLines(dir.resolve("dlq/2026-12-07.jsonl")).size());
        }
    }

    /** A record's exchange as a report route hands it over when no sink can take it, keyed as Kafka sinks key it. */
    private Exchange refused(Map<String, String> record) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(record);
        exchange.getMessage().setHeader(WolkvoxHeaders.HEADER_REPORT, "diagram_1");
        exchange.getMessage().setHeader(WolkvoxHeaders.HEADER_RECORD_KEY, KEY);
        exchange.getMessage().setHeader(WolkvoxHeaders.HEADER_RECORD_DATE, "2026-12-07");
        exchange.getMessage().setHeader(WolkvoxHeaders.HEADER_SINK, "diagram_1");
        exchange.getMessage().setHeader(KafkaConstants.KEY, KEY);
        exchange.getMessage().setHeader(WolkvoxHeaders.HEADER_REFUSED, new IllegalArgumentException("no conn_id"));
        return exchange;
    }

    /** The dead-letter topic as the application prepares it at start. */
    private void createTopic(TestKafka kafka) throws InterruptedException {
        try (KafkaTopics topics = new KafkaTopics(client(kafka), 1)) {
            topics.ensure(topic);
        }
    }

    private static Properties client(TestKafka kafka) {
        Properties client = new Properties();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return client;
    }

    private static Set<String> headerNames(ConsumerRecord<String, String> record) {
        return StreamSupport.stream(record.headers().spliterator(), false).map(Header::key).collect(Collectors.toSet());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
