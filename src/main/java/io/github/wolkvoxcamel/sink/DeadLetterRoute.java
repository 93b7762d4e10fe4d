package io.github.wolkvoxcamel.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The route every dead letter goes through ({@link DeadLetters} makes the letters): the file
 * {@code <DLQ_DIR>/dlq/<yyyy-MM-dd>.jsonl} through {@code jsonl:}, then, with Kafka on, the topic through camel-kafka.
 * In Java, not in {@code routes/}: the component needs it in any Camel application, and a reload of the user's routes
 * must not be able to drop it.
 */
public final class DeadLetterRoute extends RouteBuilder {

    /** The route's id. */
    public static final String ROUTE_ID = "wolkvox-dlq";
    static final String START = "direct:" + ROUTE_ID;
    /** The dead letters' sink: their directory under DLQ_DIR, their topic after the prefix, their WolkvoxSink. */
    static final String SINK = "dlq";
    /** The bytes of the record a letter holds, which a shortened letter tells. */
    static final String PROPERTY_RECORD_BYTES = "WolkvoxRecordBytes";
    /** A dead letter larger than this goes to Kafka shortened, pointing to its whole copy in the file. */
    static final int KAFKA_LETTER_LIMIT = 512 * 1024;
    /** How much of a record a shortened dead letter keeps. */
    static final int SHORTENED_RECORD_CHARS = 8 * 1024;
    /** The writer of DLQ_DIR, by the name the route's jsonl: endpoint finds it under. */
    private static final String FILES_BEAN = "wolkvoxDeadLetterFiles";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonLinesWriter files;
    private final String kafkaTopic;

    /**
     * @param files the writer of DLQ_DIR
     * @param kafkaTopic the topic dead letters also go to, or null when Kafka is off
     */
    DeadLetterRoute(JsonLinesWriter files, String kafkaTopic) {
        this.files = files;
        this.kafkaTopic = kafkaTopic;
    }

    /**
     * From {@code direct:wolkvox-dlq}, the letter to {@code jsonl:dlq} under DLQ_DIR and then, with Kafka on, to the
     * topic through camel-kafka, shortened when Kafka would refuse it whole. Its exchange completes once both have it.
     */
    @Override
    public void configure() {
        bindToRegistry(FILES_BEAN, files);
        JsonLinesEndpoint file = endpoint("jsonl:" + SINK + "?writer=#" + FILES_BEAN, JsonLinesEndpoint.class);
        ProcessorDefinition<?> steps = from(START).routeId(ROUTE_ID)
                // a failure goes back to the window whose letter it is, which logs it without the record's key;
                // Camel's error handler would log the headers, which hold it
                .errorHandler(noErrorHandler())
                .to(file);
        if (kafkaTopic != null) {
            // off the file's commit thread: a send may wait for the broker's metadata, which would hold up
            // the next letters' files
            steps.threads(1, 1).maxQueueSize(Integer.MAX_VALUE).threadName(ROUTE_ID)
                    .process(exchange -> shortenForKafka(exchange, file))
                    // a producer of its own, never the window's transaction (exactly-once mode): a letter is
                    // kept whether or not its window commits, as its file line is; and the letter's JSON keyed
                    // by text, whatever serializers the records' endpoints use
                    .to("kafka:" + kafkaTopic + "?kafkaClientFactory=#class:"
                            + DefaultKafkaClientFactory.class.getName()
                            + "&keySerializer=" + StringSerializer.class.getName()
                            + "&valueSerializer=" + ByteArraySerializer.class.getName());
        }
    }

    /** The route's step before Kafka: a letter Kafka would refuse whole goes shortened, naming the file that has it. */
    private static void shortenForKafka(Exchange exchange, JsonLinesEndpoint file) throws IOException {
        Message message = exchange.getMessage();
        byte[] whole = message.getBody(byte[].class);
        if (whole.length <= KAFKA_LETTER_LIMIT) {
            return;
        }
        ObjectNode shortened = (ObjectNode) JSON.readTree(whole);
        String text = shortened.remove("record").toString();
        shortened.remove("recordBase64");
        shortened.put("recordTruncated", text.substring(0, Math.min(text.length(), SHORTENED_RECORD_CHARS)));
        shortened.put("recordBytes", exchange.getProperty(PROPERTY_RECORD_BYTES, Integer.class));
        shortened.put("wholeLetterIn", file.file(message).toString());
        message.setBody(shortened.toString().getBytes(StandardCharsets.UTF_8));
    }
}
