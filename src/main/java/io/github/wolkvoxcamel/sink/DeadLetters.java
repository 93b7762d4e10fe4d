package io.github.wolkvoxcamel.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.record.RecordRef;
import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import io.github.wolkvoxcamel.state.DeliveredRecordsRepository;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.NoSuchEndpointException;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Keeps a record a sink refused as a dead letter: one JSON object with the time, the sink, the error and the original
 * record and headers, in {@code <DLQ_DIR>/dlq/<yyyy-MM-dd>.jsonl} and, with Kafka on, the topic {@code <prefix>dlq},
 * so that nothing is dropped and it can be replayed.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.deadletter");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A dead letter larger than this goes to Kafka shortened, pointing to its whole copy in the file. */
    static final int KAFKA_LETTER_LIMIT = 512 * 1024;
    /** How much of a record a shortened dead letter keeps. */
    static final int SHORTENED_RECORD_CHARS = 8 * 1024;

    private final DeadLetterSinks sinks;
    private final PollMonitor monitor;
    private final Clock clock;

    public DeadLetters(DeadLetterSinks sinks, PollMonitor monitor, Clock clock) {
        this.sinks = sinks;
        this.monitor = monitor;
        this.clock = clock;
    }

    /**
     * Keeps the record of a route's exchange as a dead letter: a record the report route refused (the header
     * {@code WolkvoxRefused} says why), or one an endpoint refused (the exception an {@code onException} caught; the
     * endpoint is the letter's sink). The stage completes once its sinks have it, and the exchange goes on then, with
     * no thread waiting meanwhile; the record then counts as delivered: its dead letter is its one delivery.
     */
    public CompletionStage<Void> keep(Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        Throwable error = message.getHeader(WolkvoxHeaders.HEADER_REFUSED, Throwable.class);
        String sink = message.getHeader(WolkvoxHeaders.HEADER_REPORT, String.class);
        if (error == null) {
            error = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
            sink = failedEndpoint(exchange, error);
        }
        if (error == null) {
            throw new IllegalStateException("a dead letter needs the refused record's error; none on exchange "
                    + exchange.getExchangeId());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (name.startsWith("Wolkvox") && value instanceof String text) {
                headers.put(name, text);
            }
        });
        return keep(new SinkRecord(SinkRecord.json(message.getBody()), headers), sink, error)
                .thenRun(() -> exchange.setProperty(DeliveredRecordsRepository.PROPERTY_DEAD_LETTERED, true));
    }

    /** The endpoint that refused the record: one that could not be made (a toD), or the one that failed. */
    private static String failedEndpoint(Exchange exchange, Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ResolveEndpointFailedException unresolved) {
                return unresolved.getUri();
            }
        }
        String endpoint = exchange.getProperty(ExchangePropertyKey.FAILURE_ENDPOINT, String.class);
        return endpoint != null ? endpoint : exchange.getFromRouteId();
    }

    private CompletableFuture<Void> keep(SinkRecord record, String sink, Throwable failure) {
        Throwable error = refusal(failure);
        if (error == null) {
            error = failure;
        }
        ObjectNode letter = JSON.createObjectNode();
        letter.put("failedAt", Instant.now(clock).toString());
        letter.put("sink", sink);
        letter.put("report", record.report());
        letter.put("recordKey", record.key());
        String ref = RecordRef.of(record.key());
        letter.put("recordRef", ref);
        letter.put("errorClass", error.getClass().getName());
        letter.put("error", String.valueOf(error.getMessage()));
        ObjectNode headers = letter.putObject("headers");
        record.headers().forEach(headers::put);
        try {
            letter.set("record", JSON.readTree(record.json()));
        } catch (IOException notJson) {
            // as it came: readable text, and the exact bytes
            letter.put("record", new String(record.json(), StandardCharsets.UTF_8));
            letter.put("recordBase64", Base64.getEncoder().encodeToString(record.json()));
        }
        // neither key nor error text: a key holds a phone number, and an endpoint's error may quote the record
        LOG.warn("dead letter sink={} report={} record={} errorClass={} (key and error in the letter)", sink,
                record.report(), ref, error.getClass().getSimpleName());
        return keep(letter, record).thenRun(() -> monitor.deadLetter(sink));
    }

    /**
     * Keeps a window given up: it kept coming back broken at the smallest span, so its records cannot be read. The
     * letter says what was asked and why it failed, and holds the start of the answer, to fetch or fix by hand.
     *
     * @param headers the window's headers (report, window bounds, fetch time, day)
     */
    public void keepWindow(String route, Map<String, String> headers, String errorClass, String error, byte[] answerHead)
            throws InterruptedException, ExecutionException {
        ObjectNode letter = JSON.createObjectNode();
        letter.put("failedAt", Instant.now(clock).toString());
        letter.put("sink", route);
        letter.put("report", headers.get(WolkvoxHeaders.HEADER_REPORT));
        letter.put("windowStart", headers.get(WolkvoxHeaders.HEADER_WINDOW_START));
        letter.put("windowEnd", headers.get(WolkvoxHeaders.HEADER_WINDOW_END));
        letter.put("errorClass", errorClass);
        letter.put("error", error);
        letter.put("answerHead", new String(answerHead, StandardCharsets.UTF_8));
        LOG.error("dead letter route={} report={} window={}..{} given up: {} ({})", route, letter.get("report").asText(),
                letter.get("windowStart").asText(), letter.get("windowEnd").asText(), error, errorClass);
        SinkRecord about = new SinkRecord(answerHead, headers);
        keep(letter, about).get();
        monitor.deadLetter(route);
    }

    /** Writes a dead letter whole to its file and, shortened if Kafka would refuse it too, to the topic. */
    private CompletableFuture<Void> keep(ObjectNode letter, SinkRecord about) {
        SinkRecord whole = new SinkRecord(letter.toString().getBytes(StandardCharsets.UTF_8), about.headers());
        SinkRecord forKafka = whole;
        if (whole.json().length > KAFKA_LETTER_LIMIT) {
            ObjectNode shortened = letter.deepCopy();
            String text = shortened.remove("record").toString();
            shortened.remove("recordBase64");
            shortened.put("recordTruncated", text.substring(0, Math.min(text.length(), SHORTENED_RECORD_CHARS)));
            shortened.put("recordBytes", about.json().length);
            shortened.put("wholeLetterIn", sinks.deadLetterFile(about.day()));
            forKafka = new SinkRecord(shortened.toString().getBytes(StandardCharsets.UTF_8), about.headers());
        }
        return sinks.deliverDeadLetter(whole, forKafka);
    }

    /** The first cause in the chain that is a refusal, or null. */
    private static Throwable refusal(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IllegalArgumentException || cause instanceof RecordTooLargeException
                    || cause instanceof InvalidTopicException || cause instanceof SerializationException
                    || cause instanceof JsonProcessingException || cause instanceof ResolveEndpointFailedException
                    || cause instanceof NoSuchEndpointException || cause instanceof GivenUpRecordException) {
                return cause;
            }
        }
        return null;
    }
}
