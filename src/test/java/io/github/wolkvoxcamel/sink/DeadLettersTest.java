package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.kafka.KafkaTopics;
import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import io.github.wolkvoxcamel.state.DeliveredRecordsRepository;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletionStage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Keeping a dead letter hands it to its sinks and returns: the record thread never waits for the file or Kafka. */
class DeadLettersTest {

    @TempDir
    Path dir;

    @Test
    void aDeadLetterIsHandedOverWithoutWaitingForKafka() throws Exception {
        Properties client = new Properties();
        // a broker that never answers: a port nothing listens on
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort());
        client.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        client.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
        Properties producer = new Properties();
        producer.putAll(client);
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        try (DefaultCamelContext context = new DefaultCamelContext();
             KafkaTopics topics = new KafkaTopics(client, 1);
             DeadLetterSinks sinks = new DeadLetterSinks(new JsonLinesWriter(dir),
                     new KafkaSink(() -> producer, "test.", topics))) {
            DeadLetters letters = new DeadLetters(sinks, new PollMonitor(new SimpleMeterRegistry(), Clock.systemUTC(),
                    ZoneId.of("America/Bogota")), Clock.systemUTC());
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody(Map.of("conn_id", "42"));
            exchange.getMessage().setHeader(WolkvoxHeaders.HEADER_REPORT, "diagram_1");
            exchange.getMessage().setHeader(WolkvoxHeaders.HEADER_RECORD_DATE, "2026-12-07");
            exchange.getMessage().setHeader(WolkvoxHeaders.HEADER_REFUSED, new IllegalArgumentException("no key"));

            CompletionStage<Void> kept = letters.keep(exchange);

            assertFalse(kept.toCompletableFuture().isDone(), "Kafka has not answered: the letter is not kept yet");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("dlq").resolve("2026-12-07.jsonl")));
            assertNull(exchange.getProperty(DeliveredRecordsRepository.PROPERTY_DEAD_LETTERED),
                    "the record counts as delivered only once both sinks have its letter");
            await().atMost(Duration.ofSeconds(90)).until(() -> kept.toCompletableFuture().isDone());
            assertFalse(exchange.getProperty(DeliveredRecordsRepository.PROPERTY_DEAD_LETTERED, false, Boolean.class),
                    "a letter Kafka never took does not count");
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
