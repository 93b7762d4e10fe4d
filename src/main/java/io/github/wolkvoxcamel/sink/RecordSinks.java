package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.sink.WindowDelivery.RecordDelivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers a record to a named sink: the file {@code <FILE_SINK_DIR>/<sink>/<yyyy-MM-dd>.jsonl} and, with Kafka on,
 * the topic {@code <prefix><sink>}. A file line counts once the writer's commit thread forced it to disk, a Kafka send
 * once it is acknowledged; both are reported to the record's {@link RecordDelivery}.
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
        delivery.sending();
        try {
            // with Kafka on, the topic's acknowledgement is what counts the record delivered to the sink
            files.append(sink, record.day(), record.json(), error -> delivery.sent(sink, error, kafka == null));
        } catch (RuntimeException e) {
            // the writer refused the line before taking it: its outcome is known now
            delivery.sent(sink, e, true);
            if (!DeadLetters.refuses(e)) {
                throw e;
            }
            return;
        }
        if (kafka == null) {
            return;
        }
        delivery.sending();
        try {
            kafka.send(sink, record, (metadata, error) -> delivery.sent(sink, error, true));
        } catch (RuntimeException | InterruptedException e) {
            // the send never started: end it here, or the window would wait for it forever
            delivery.sent(sink, e, true);
            if (e instanceof InterruptedException || !DeadLetters.refuses(e)) {
                throw e;
            }
        }
    }

    /** Delivers a record sent outside a window's delivery, and waits for Kafka's acknowledgement. */
    void deliverNow(String sink, SinkRecord record) throws InterruptedException, ExecutionException, TimeoutException {
        deliverNow(files, sink, record);
    }

    /**
     * Keeps a dead letter: {@code whole} in the file under the dead-letter root, {@code forKafka} (the same, or a
     * shortened one that points to the file) in the {@code dlq} topic; waits for both.
     */
    void deliverDeadLetter(SinkRecord whole, SinkRecord forKafka) throws InterruptedException, ExecutionException,
            TimeoutException {
        writeNow(deadLetterFiles, DEAD_LETTER_SINK, whole);
        sendNow(DEAD_LETTER_SINK, forKafka);
    }

    /** The file a dead letter of {@code day} is kept in. */
    String deadLetterFile(String day) {
        return deadLetterFiles.file(DEAD_LETTER_SINK, day).toString();
    }

    private void deliverNow(JsonLinesWriter writer, String sink, SinkRecord record) throws InterruptedException,
            ExecutionException, TimeoutException {
        writeNow(writer, sink, record);
        sendNow(sink, record);
    }

    private static void writeNow(JsonLinesWriter writer, String sink, SinkRecord record) throws InterruptedException,
            ExecutionException, TimeoutException {
        CompletableFuture<Void> written = new CompletableFuture<>();
        writer.append(sink, record.day(), record.json(), error -> complete(written, error));
        writer.commit();
        written.get(1, TimeUnit.MINUTES);
    }

    private static void complete(CompletableFuture<Void> future, Throwable error) {
        if (error == null) {
            future.complete(null);
        } else {
            future.completeExceptionally(error);
        }
    }

    private void sendNow(String sink, SinkRecord record) throws InterruptedException, ExecutionException,
            TimeoutException {
        if (kafka != null) {
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            kafka.send(sink, record, (metadata, error) -> complete(acknowledged, error));
            acknowledged.get(5, TimeUnit.MINUTES);
        }
    }

    /**
     * Waits for every Kafka send to end (file lines go to disk by themselves); each line and send reports its outcome
     * to its record's delivery, which the window waits for.
     */
    void flush() {
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
