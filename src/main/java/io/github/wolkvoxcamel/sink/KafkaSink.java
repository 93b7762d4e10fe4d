package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.kafka.KafkaTopics;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The dead-letter topic: key = record key, value = the letter's JSON, headers = the {@code Wolkvox*} headers and
 * {@code WolkvoxSink}. The producer is made on first use from the camel-kafka component's settings
 * ({@code camel.component.kafka.*}), so security options set there apply here too.
 */
public final class KafkaSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);
    /** The sink a record went to, as a Kafka header. */
    public static final String HEADER_SINK = "WolkvoxSink";

    private final Supplier<Properties> settings;
    private final String topicPrefix;
    private final KafkaTopics topics;
    private volatile Producer<String, byte[]> producer;

    public KafkaSink(Supplier<Properties> settings, String topicPrefix, KafkaTopics topics) {
        this.settings = settings;
        this.topicPrefix = topicPrefix;
        this.topics = topics;
    }

    public String topic(String sink) {
        return topicPrefix + sink;
    }

    /** Sends without waiting for the broker; {@code callback} hears the outcome. */
    void send(String sink, SinkRecord record, Callback callback) throws InterruptedException {
        String topic = topic(sink);
        topics.ensure(topic);
        List<Header> headers = new ArrayList<>(record.headers().size() + 1);
        for (Map.Entry<String, String> header : record.headers().entrySet()) {
            headers.add(new RecordHeader(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        headers.add(new RecordHeader(HEADER_SINK, sink.getBytes(StandardCharsets.UTF_8)));
        producer().send(new ProducerRecord<>(topic, null, record.key(), record.json(), headers), callback);
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                current = producer;
                if (current == null) {
                    current = new KafkaProducer<>(settings.get(), new StringSerializer(), new ByteArraySerializer());
                    producer = current;
                }
            }
        }
        return current;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(30));
            producer = null;
        }
    }
}
