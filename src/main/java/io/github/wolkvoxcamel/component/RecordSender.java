package io.github.wolkvoxcamel.component;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import io.github.wolkvoxcamel.sink.DeadLetters;
import io.github.wolkvoxcamel.wolkvox.TypedRecords;
import io.github.wolkvoxcamel.wolkvox.WindowRecords;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.spi.IdempotentRepository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * Sends one pass over a window's records through the report's route, one exchange each, on the report's record
 * thread, in the answer's order. A record delivered before with the same key and content is skipped; one no sink can
 * take ({@link WolkvoxHeaders#HEADER_REFUSED}) becomes a dead letter instead; a record counts as delivered only once its
 * exchange completed. What became of each goes back to the pass.
 */
final class RecordSender {

    /**
     * Records read off the answer ahead of the record thread at most: reading keeps just ahead of sending, not a
     * window's worth of parsed records ahead (the pass bounds those read and not finished, acknowledgements included).
     */
    private static final int READ_AHEAD = 1_000;
    /** Records an exchange carries at most in batch mode: no more than are read ahead, so a batch always fills or ends. */
    static final int MAX_BATCH = READ_AHEAD;
    /**
     * Records the record thread takes before it lets the reader read as many more: a reader waiting at
     * {@link #READ_AHEAD} is woken once for these, not once for each record (a wake-up costs both threads a system call
     * and the reader is the faster); fewer than {@code READ_AHEAD}, so the reader never waits on records taken.
     */
    private static final int TAKEN_PER_RELEASE = 100;

    private final WolkvoxConsumer consumer;
    private final IdempotentRepository delivered;
    private final DeadLetters deadLetters;
    private final TypedRecords typed;
    private final ExecutorService recordThread;
    private final int batchSize;
    private final Semaphore readAhead = new Semaphore(READ_AHEAD);
    /** Records taken by the record thread since it last released their permits; touched on the record thread only. */
    private int taken;
    /** The records of the batch being filled, in batch mode; touched on the record thread only. */
    private List<Batched> batch = new ArrayList<>();

    /**
     * @param typed converts each record's fields (WOLKVOX_TYPED), or null
     * @param batchSize records an exchange carries in a window's first pass (see the endpoint's batchSize); 0 for one
     */
    RecordSender(WolkvoxConsumer consumer, IdempotentRepository delivered, DeadLetters deadLetters, TypedRecords typed,
                 ExecutorService recordThread, int batchSize) {
        this.consumer = consumer;
        this.delivered = delivered;
        this.deadLetters = deadLetters;
        this.typed = typed;
        this.recordThread = recordThread;
        this.batchSize = batchSize;
    }

    /**
     * Sends the pass's records and waits until each completed; reading waits while too many are unfinished.
     *
     * @param first whether this is the window's first pass: only a first pass is batched
     * @return the records read
     */
    int send(WindowRecords pass, boolean first) throws InterruptedException {
        boolean batched = first && batchSize > 0;
        int read = 0;
        try {
            while (pass.hasNext()) {
                Message record = pass.next();
                read++;
                readAhead.acquire();
                recordThread.execute(() -> {
                    taken();
                    send(record, pass, batched);
                });
            }
        } finally {
            if (batched) {
                recordThread.execute(() -> sendBatch(pass));
            }
            // also when the answer could not be read to its end: the window fails once its records are done with
            pass.awaitFinished();
        }
        return read;
    }

    private void taken() {
        if (++taken == TAKEN_PER_RELEASE) {
            readAhead.release(taken);
            taken = 0;
        }
    }

    private void send(Message record, WindowRecords pass, boolean batched) {
        Exchange exchange = consumer.createExchange(false);
        exchange.setIn(record);
        // the fingerprint's own text: no type converter looked up per record
        String id = record.getHeader(WindowRecords.HEADER_FINGERPRINT).toString();
        if (!delivered.add(exchange, id)) {
            exchange.setProperty(ExchangePropertyKey.DUPLICATE_MESSAGE, true);
            pass.completed(exchange);
            return;
        }
        if (record.getHeader(WolkvoxHeaders.HEADER_REFUSED) != null) {
            try {
                deadLetters.keep(exchange).whenComplete((kept, error) -> {
                    if (error != null) {
                        exchange.setException(error);
                    }
                    completed(exchange, id, pass);
                });
            } catch (JsonProcessingException | RuntimeException e) {
                exchange.setException(e);
                completed(exchange, id, pass);
            }
            return;
        }
        try {
            if (typed != null) {
                typed.convert(exchange.getMessage());
            }
        } catch (RuntimeException e) {
            // the record fails like one its route refused: the window learns of it and does not wait for it
            exchange.setException(e);
            completed(exchange, id, pass);
            return;
        }
        if (!batched) {
            consumer.getAsyncProcessor().process(exchange, doneSync -> completed(exchange, id, pass));
            return;
        }
        batch.add(new Batched(exchange, id));
        if (batch.size() == batchSize) {
            sendBatch(pass);
        }
    }

    /**
     * Sends the records of the batch as one exchange: its body the list of their exchanges, its headers the window's.
     * Each record completes with the batch, failed if it failed.
     */
    private void sendBatch(WindowRecords pass) {
        if (batch.isEmpty()) {
            return;
        }
        List<Batched> records = batch;
        batch = new ArrayList<>(batchSize);
        Exchange exchange = consumer.createExchange(false);
        exchange.getIn().setHeaders(new HashMap<>(pass.windowHeaders()));
        exchange.getIn().setBody(records.stream().map(Batched::exchange).collect(Collectors.toCollection(ArrayList::new)));
        consumer.getAsyncProcessor().process(exchange, doneSync -> {
            Object lastEndpoint = exchange.getProperty(ExchangePropertyKey.TO_ENDPOINT);
            for (Batched record : records) {
                if (exchange.getException() != null) {
                    record.exchange().setException(exchange.getException());
                }
                record.exchange().setProperty(ExchangePropertyKey.TO_ENDPOINT, lastEndpoint);
                completed(record.exchange(), record.id(), pass);
            }
        });
    }

    /** A record in a batch: its exchange, and the fingerprint it was checked in with. */
    private record Batched(Exchange exchange, String id) {
    }

    private void completed(Exchange exchange, String id, WindowRecords pass) {
        if (exchange.getException() == null) {
            delivered.confirm(exchange, id);
        } else {
            delivered.remove(exchange, id);
        }
        pass.completed(exchange);
    }
}
