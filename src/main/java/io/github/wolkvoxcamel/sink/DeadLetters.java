package io.github.wolkvoxcamel.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.record.RecordRef;
import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import io.github.wolkvoxcamel.state.DeliveredRecordsRepository;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.NoSuchEndpointException;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.kafka.KafkaConstants;
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
 * record and headers, so that nothing is dropped and it can be replayed. The letter is made here and kept by the route
 * {@value DeadLetterRoute#ROUTE_ID} ({@link DeadLetterRoute}): in {@code <DLQ_DIR>/dlq/<yyyy-MM-dd>.jsonl} and, with Kafka on, the topic
 * {@code <prefix>dlq}.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.deadletter");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonLinesWriter files;
    private final String kafkaTopic;
    private final PollMonitor monitor;
    private final Clock clock;
    /** Hands a letter to the route; one whose route is not running fails at once rather than waiting for it. */
    private final AsyncProducer route;

    /**
     * @param files the writer of DLQ_DIR
     * @param kafkaTopic the topic dead letters also go to, or null when Kafka is off
     */
    public DeadLetters(CamelContext context, JsonLinesWriter files, String kafkaTopic, PollMonitor monitor, Clock clock) {
        this.files = files;
        this.kafkaTopic = kafkaTopic;
        this.monitor = monitor;
        this.clock = clock;
        try {
            route = context.getEndpoint(DeadLetterRoute.START + "?block=false").createAsyncProducer();
            // started and stopped with the context
            context.addService(route);
        } catch (Exception e) {
            throw RuntimeCamelException.wrapRuntimeException(e);
        }
    }

    /** The route {@value DeadLetterRoute#ROUTE_ID} that keeps the letters, which the wolkvox component adds. */
    public RoutesBuilder route() {
        return new DeadLetterRoute(files, kafkaTopic);
    }

    /**
     * Keeps the record of a route's exchange as a dead letter: a record the report route refused (the header
     * {@code WolkvoxRefused} says why), or one an endpoint refused (the exception an {@code onException} caught; the
     * endpoint is the letter's sink). The stage completes once the route {@value DeadLetterRoute#ROUTE_ID} kept it, and the exchange
     * goes on then, with no thread waiting meanwhile; the record then counts as delivered: its dead letter is its one
     * delivery.
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

    /**
     * Hands a letter to the route {@value DeadLetterRoute#ROUTE_ID}, with the headers of what it is about and {@code WolkvoxSink}
     * {@code dlq}, keyed by the record key; the calling thread goes on.
     *
     * @return done once the route kept the letter; failed with the route's failure
     */
    private CompletableFuture<Void> keep(ObjectNode letter, SinkRecord about) {
        Exchange exchange = route.getEndpoint().createExchange();
        Message message = exchange.getMessage();
        message.setBody(letter.toString().getBytes(StandardCharsets.UTF_8));
        about.headers().forEach(message::setHeader);
        message.setHeader(WolkvoxHeaders.HEADER_SINK, DeadLetterRoute.SINK);
        if (about.key() != null) {
            message.setHeader(KafkaConstants.KEY, about.key());
        }
        exchange.setProperty(DeadLetterRoute.PROPERTY_RECORD_BYTES, about.json().length);
        CompletableFuture<Void> kept = new CompletableFuture<>();
        route.process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                kept.completeExceptionally(exchange.getException());
            } else {
                kept.complete(null);
            }
        });
        return kept;
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
