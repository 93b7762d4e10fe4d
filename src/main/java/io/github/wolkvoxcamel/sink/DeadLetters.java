package io.github.wolkvoxcamel.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wolkvoxcamel.observe.PollMonitor;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Keeps a record a sink refused as a dead letter: one JSON object with the time, the sink, the error and the original
 * record and headers, in {@code <DLQ_DIR>/dlq/<yyyy-MM-dd>.jsonl} and, with Kafka on, the topic {@code <prefix>dlq},
 * so that nothing is dropped and it can be replayed.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.deadletter");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordSinks sinks;
    private final PollMonitor monitor;
    private final Clock clock;

    public DeadLetters(RecordSinks sinks, PollMonitor monitor, Clock clock) {
        this.sinks = sinks;
        this.monitor = monitor;
        this.clock = clock;
    }

    /**
     * Whether a sink refused the record itself (a sink name that is no file or topic name, a record too large for
     * Kafka, one that cannot be serialised): retrying cannot help, so it becomes a dead letter and its window goes on.
     */
    public static boolean refuses(Throwable error) {
        return refusal(error) != null;
    }

    /** Writes the dead letter of a refused record and waits until its sinks have it. */
    void keep(WindowDelivery.Failure failure) throws InterruptedException, ExecutionException, TimeoutException {
        SinkRecord record = failure.record();
        Throwable error = refusal(failure.error());
        if (error == null) {
            error = failure.error();
        }
        ObjectNode letter = JSON.createObjectNode();
        letter.put("failedAt", Instant.now(clock).toString());
        letter.put("sink", failure.sink());
        letter.put("report", record.report());
        letter.put("recordKey", record.key());
        letter.put("errorClass", error.getClass().getName());
        letter.put("error", String.valueOf(error.getMessage()));
        ObjectNode headers = letter.putObject("headers");
        record.headers().forEach(headers::put);
        try {
            letter.set("record", JSON.readTree(record.json()));
        } catch (IOException notJson) {
            letter.put("record", new String(record.json(), StandardCharsets.UTF_8));
        }
        LOG.warn("dead letter sink={} report={} key={} error=\"{}\"", failure.sink(), record.report(), record.key(),
                letter.get("error").asText());
        sinks.deliverDeadLetter(new SinkRecord(letter.toString().getBytes(StandardCharsets.UTF_8), record.headers()));
        monitor.deadLetter(failure.sink());
    }

    /** The first cause in the chain that is a refusal, or null. */
    private static Throwable refusal(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IllegalArgumentException || cause instanceof RecordTooLargeException
                    || cause instanceof InvalidTopicException || cause instanceof SerializationException
                    || cause instanceof JsonProcessingException) {
                return cause;
            }
        }
        return null;
    }
}
