package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.sink.WindowDelivery.RecordDelivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers a record to a named sink: the file {@code <FILE_SINK_DIR>/<sink>/<yyyy-MM-dd>.jsonl} and, with Kafka on,
 * the topic {@code <prefix><sink>}. A file line is written at once; a Kafka send is acknowledged later and reported
 * to the record's {@link RecordDelivery}.
 */
public final class RecordSinks implements AutoCloseable {

    /** The sink a record is on its way to; a Kafka header, and set by {@code wolkvox-sink} for the rule route. */
    public static final String HEADER_SINK = "WolkvoxSink";
    private static final String DEAD_LETTER_SINK = "dlq";

    private final JsonLinesWriter files;
    private final JsonLinesWriter deadLetterFiles;
    private final KafkaSink kafka;

    /**
     * @param kafka null when Kafka is off
     */
    public RecordSinks(JsonLinesWriter files, JsonLinesWriter deadLetterFiles, KafkaSink kafka) {
        this.files = files;
        this.deadLetterFiles = deadLetterFiles;
        this.kafka = kafka;
    }

    /**
     * Writes the record to the sink's file and starts its Kafka send. A sink that refuses the record (see
     * {@link DeadLetters#refuses}) is reported to {@code delivery}, which makes it a dead letter; any other failure is
     * thrown, and fails the window.
     */
    void deliver(String sink, SinkRecord record, RecordDelivery delivery) throws InterruptedException {
        try {
            files.append(sink, record.day(), record.json());
        } catch (RuntimeException e) {
            if (!DeadLetters.refuses(e)) {
                throw e;
            }
            delivery.done(sink, e);
            return;
        }
        if (kafka == null) {
            delivery.done(sink, null);
            return;
        }
        delivery.sending();
        try {
            kafka.send(sink, record, (metadata, error) -> delivery.sent(sink, error));
        } catch (RuntimeException | InterruptedException e) {
            // the send never started: end it here, or the window would wait for it forever
            delivery.sent(sink, e);
            if (e instanceof InterruptedException || !DeadLetters.refuses(e)) {
                throw e;
            }
        }
    }

    /** Delivers a record sent outside a window's delivery, and waits for Kafka's acknowledgement. */
    void deliverNow(String sink, SinkRecord record) throws InterruptedException, ExecutionException, TimeoutException {
        deliverNow(files, sink, record);
    }

    /** Keeps a dead letter: the file under the dead-letter root and the {@code dlq} topic; waits for Kafka. */
    void deliverDeadLetter(SinkRecord letter) throws InterruptedException, ExecutionException, TimeoutException {
        deliverNow(deadLetterFiles, DEAD_LETTER_SINK, letter);
    }

    private void deliverNow(JsonLinesWriter writer, String sink, SinkRecord record) throws InterruptedException,
            ExecutionException, TimeoutException {
        writer.append(sink, record.day(), record.json());
        writer.flush();
        if (kafka != null) {
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            kafka.send(sink, record, (metadata, error) -> {
                if (error == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(error);
                }
            });
            acknowledged.get(5, TimeUnit.MINUTES);
        }
    }

    /** Hands buffered file lines to the operating system and waits for every Kafka send to end. */
    void flush() {
        files.flush();
        if (kafka != null) {
            kafka.flush();
        }
    }

    @Override
    public void close() {
        try (JsonLinesWriter closedFiles = files; JsonLinesWriter closedLetters = deadLetterFiles) {
            if (kafka != null) {
                kafka.close();
            }
        }
    }
}
