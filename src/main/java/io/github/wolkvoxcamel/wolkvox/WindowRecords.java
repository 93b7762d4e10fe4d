package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import io.github.wolkvoxcamel.record.WolkvoxRecord;
import io.github.wolkvoxcamel.sink.GivenUpRecordException;
import io.github.wolkvoxcamel.state.DeliveredRecords;
import io.github.wolkvoxcamel.state.DeliveredRecordsRepository;
import io.github.wolkvoxcamel.state.Fingerprint;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * One pass over a window's records, as the messages the report route's {@code split} makes its exchanges of: body =
 * the record, headers = the window's, the record's key (also as {@code kafka.KEY}), its date and its
 * {@link Fingerprint}. A record no sink can take (unreadable, without its key, or failed too often while the rest of its
 * window got through) carries {@link WolkvoxHeaders#HEADER_REFUSED}, the exception that says why; one without its key
 * is known by its content ({@link Fingerprint#contentKey}).
 * <p>
 * It also learns what became of each record's exchange (the consumer tells it, see {@link #completed}), and holds the reading back while
 * {@code maxInFlight} records are unfinished, so a slow sink cannot fill the heap with a window's exchanges.
 */
public final class WindowRecords implements Iterator<Message>, Closeable {

    /** The record's {@link Fingerprint} (route, key, content, hour): what the idempotent consumer remembers. */
    public static final String HEADER_FINGERPRINT = "WolkvoxFingerprint";
    /** camel-kafka's record key header. */
    static final String KAFKA_KEY = "kafka.KEY";

    /** A record whose exchange failed. */
    public record Failure(Fingerprint fingerprint, String key, Throwable error) {
    }

    private final CamelContext context;
    private final Iterator<WolkvoxRecord> records;
    private final Closeable answer;
    private final String scope;
    private final Function<WolkvoxRecord, String> keyOf;
    private final Function<WolkvoxRecord, String> dateOf;
    private final Map<String, String> windowHeaders;
    private final Map<Fingerprint, String> giveUp;
    private final int maxInFlight;
    // guarded by this
    private int inFlight;
    private int delivered;
    private int duplicates;
    private int unrouted;
    private int versions;
    private final List<Failure> failures = new ArrayList<>();

    /**
     * @param records the window's records, read one at a time
     * @param answer closed with this pass
     * @param scope the report route: a record is delivered once per route
     * @param keyOf the record key; throws {@link RecordKeys.MissingKeyException} for a record without it
     * @param dateOf the record's date, {@code yyyy-MM-dd} then its hour, if known, as {@code HH...} after one separator
     * @param windowHeaders the headers every record of the window carries (report, window, fetch time)
     * @param giveUp records that failed too often while the rest of the window was delivered, with the reason: each
     *        is refused (a dead letter)
     * @param maxInFlight records read but not finished at most
     */
    public WindowRecords(CamelContext context, Iterator<WolkvoxRecord> records, Closeable answer, String scope,
                         Function<WolkvoxRecord, String> keyOf, Function<WolkvoxRecord, String> dateOf,
                         Map<String, String> windowHeaders, Map<Fingerprint, String> giveUp, int maxInFlight) {
        this.context = context;
        this.records = records;
        this.answer = answer;
        this.scope = scope;
        this.keyOf = keyOf;
        this.dateOf = dateOf;
        this.windowHeaders = windowHeaders;
        this.giveUp = giveUp;
        this.maxInFlight = maxInFlight;
    }

    /** The headers every record of the window carries (report, window, fetch time). */
    public Map<String, String> windowHeaders() {
        return windowHeaders;
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public Message next() {
        if (!records.hasNext()) {
            throw new NoSuchElementException();
        }
        awaitRoom();
        WolkvoxRecord record = records.next();
        String date = dateOf.apply(record);
        long hour = DeliveredRecords.hourOf(date);
        Message message = new DefaultMessage(context);
        message.setBody(record);
        windowHeaders.forEach(message::setHeader);
        message.setHeader(WolkvoxHeaders.HEADER_RECORD_DATE, date.substring(0, 10));
        RuntimeException refused = record.unreadable() == null ? null : new IllegalArgumentException(record.unreadable());
        String key = null;
        if (refused == null) {
            try {
                key = keyOf.apply(record);
            } catch (RecordKeys.MissingKeyException noKey) {
                refused = noKey;
            }
        }
        Fingerprint fingerprint = Fingerprint.of(scope, key == null ? Fingerprint.contentKey(record.json()) : key,
                record.json(), hour);
        String givenUp = refused == null ? giveUp.get(fingerprint) : null;
        if (givenUp != null) {
            refused = new GivenUpRecordException(givenUp);
        }
        if (key != null) {
            message.setHeader(WolkvoxHeaders.HEADER_RECORD_KEY, key);
            message.setHeader(KAFKA_KEY, key);
        }
        if (refused != null) {
            message.setHeader(WolkvoxHeaders.HEADER_REFUSED, refused);
        }
        message.setHeader(HEADER_FINGERPRINT, fingerprint);
        synchronized (this) {
            inFlight++;
        }
        return message;
    }

    private synchronized void awaitRoom() {
        boolean interrupted = false;
        while (inFlight >= maxInFlight) {
            try {
                wait();
            } catch (InterruptedException e) {
                // the split cannot be told; finish reading and let the window end
                interrupted = true;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A record's exchange completed: delivered, skipped as a duplicate, sent nowhere ({@link #sentNowhere}), or failed.
     */
    public void completed(Exchange exchange) {
        Throwable error = exchange.getException();
        boolean duplicate = exchange.getProperty(ExchangePropertyKey.DUPLICATE_MESSAGE, false, Boolean.class);
        boolean nowhere = sentNowhere(exchange.getProperty(ExchangePropertyKey.TO_ENDPOINT, String.class));
        boolean version = exchange.getProperty(DeliveredRecordsRepository.PROPERTY_VERSION, false, Boolean.class);
        synchronized (this) {
            inFlight--;
            if (error != null) {
                Message message = exchange.getMessage();
                failures.add(new Failure(message.getHeader(HEADER_FINGERPRINT, Fingerprint.class),
                        message.getHeader(WolkvoxHeaders.HEADER_RECORD_KEY, String.class), error));
            } else if (duplicate) {
                duplicates++;
            } else if (nowhere) {
                unrouted++;
            } else {
                delivered++;
                if (version) {
                    versions++;
                }
            }
            notifyAll();
        }
    }

    /**
     * Whether a record whose last endpoint was this one went nowhere: no endpoint at all (a filter it did not match),
     * or only to a {@code direct:} route that sent it no further. (A Kamelet is an endpoint of its own: Camel names it,
     * not the endpoints inside it, as the last one.)
     */
    static boolean sentNowhere(String lastEndpoint) {
        return lastEndpoint == null || lastEndpoint.startsWith("direct:");
    }

    /** Waits until every record read so far completed. */
    public synchronized void awaitFinished() throws InterruptedException {
        while (inFlight > 0) {
            wait();
        }
    }

    public synchronized int delivered() {
        return delivered;
    }

    public synchronized int duplicates() {
        return duplicates;
    }

    /** Records whose records route sent them to no endpoint (a filter they did not match). */
    public synchronized int unrouted() {
        return unrouted;
    }

    public synchronized int versions() {
        return versions;
    }

    public synchronized List<Failure> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        try {
            answer.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
