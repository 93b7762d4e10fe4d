package io.github.wolkvoxcamel.sink;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Where dead letters go: the file {@code <DLQ_DIR>/dlq/<yyyy-MM-dd>.jsonl} and, with Kafka on, the topic
 * {@code <prefix>dlq}; a letter is kept once both have it. Nobody waits on a thread for that: a record thread hands
 * its letter over and goes on with the next record.
 */
public final class DeadLetterSinks implements AutoCloseable {

    private static final String DEAD_LETTER_SINK = "dlq";
    private static final Duration FILE_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration KAFKA_TIMEOUT = Duration.ofMinutes(5);

    private final JsonLinesWriter deadLetterFiles;
    private final KafkaSink kafka;
    // sends letters to Kafka and hands each outcome back: never the file's commit thread, Kafka's network thread or
    // the JDK's timeout thread, which a record's exchange would otherwise go on on
    private final ExecutorService outcomes = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "wolkvox-dead-letters");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param kafka null when Kafka is off
     */
    public DeadLetterSinks(JsonLinesWriter deadLetterFiles, KafkaSink kafka) {
        this.deadLetterFiles = deadLetterFiles;
        this.kafka = kafka;
    }

    /**
     * Keeps a dead letter: {@code whole} in the file under the dead-letter root, then {@code forKafka} (the same, or a
     * shortened one that points to the file) in the {@code dlq} topic.
     *
     * @return done once both have it; failed when one refused it or did not answer in time
     */
    CompletableFuture<Void> deliverDeadLetter(SinkRecord whole, SinkRecord forKafka) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        // committed on the file's commit thread, which then tells the outcome
        deadLetterFiles.append(DEAD_LETTER_SINK, whole.day(), whole.json(), error -> complete(written, error));
        CompletableFuture<Void> kept = written.orTimeout(FILE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (kafka != null) {
            kept = kept.thenComposeAsync(inFile -> sendToKafka(forKafka), outcomes);
        }
        return kept.whenCompleteAsync((done, failed) -> { }, outcomes);
    }

    private CompletableFuture<Void> sendToKafka(SinkRecord forKafka) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            kafka.send(DEAD_LETTER_SINK, forKafka, (metadata, error) -> complete(acknowledged, error));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acknowledged.completeExceptionally(e);
        }
        return acknowledged.orTimeout(KAFKA_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The file a dead letter of {@code day} is kept in. */
    String deadLetterFile(String day) {
        return deadLetterFiles.file(DEAD_LETTER_SINK, day).toString();
    }

    private static void complete(CompletableFuture<Void> future, Throwable error) {
        if (error == null) {
            future.complete(null);
        } else {
            future.completeExceptionally(error);
        }
    }

    @Override
    public void close() {
        outcomes.shutdownNow();
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            deadLetterFiles.close();
        }
    }
}
