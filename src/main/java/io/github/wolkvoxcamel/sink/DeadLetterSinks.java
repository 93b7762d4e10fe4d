package io.github.wolkvoxcamel.sink;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where dead letters go: the file {@code <DLQ_DIR>/dlq/<yyyy-MM-dd>.jsonl} and, with Kafka on, the topic
 * {@code <prefix>dlq}. Each is written and waited for, one at a time: dead letters are few.
 */
public final class DeadLetterSinks implements AutoCloseable {

    private static final String DEAD_LETTER_SINK = "dlq";

    private final JsonLinesWriter deadLetterFiles;
    private final KafkaSink kafka;

    /**
     * @param kafka null when Kafka is off
     */
    public DeadLetterSinks(JsonLinesWriter deadLetterFiles, KafkaSink kafka) {
        this.deadLetterFiles = deadLetterFiles;
        this.kafka = kafka;
    }

    /**
     * Keeps a dead letter: {@code whole} in the file under the dead-letter root, {@code forKafka} (the same, or a
     * shortened one that points to the file) in the {@code dlq} topic; waits for both.
     */
    void deliverDeadLetter(SinkRecord whole, SinkRecord forKafka) throws InterruptedException, ExecutionException,
            TimeoutException {
        CompletableFuture<Void> written = new CompletableFuture<>();
        deadLetterFiles.append(DEAD_LETTER_SINK, whole.day(), whole.json(), error -> complete(written, error));
        deadLetterFiles.commit();
        written.get(1, TimeUnit.MINUTES);
        if (kafka != null) {
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            kafka.send(DEAD_LETTER_SINK, forKafka, (metadata, error) -> complete(acknowledged, error));
            acknowledged.get(5, TimeUnit.MINUTES);
        }
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
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            deadLetterFiles.close();
        }
    }
}
