package io.github.wolkvoxcamel.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.wolkvox.ReportPoller;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Turns a record a sink rejected into a dead letter: one JSON object with the time, the sink, the error and the
 * original record and headers, which the dead-letter sinks keep so that nothing is dropped and it can be replayed.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.deadletter");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PollMonitor monitor;
    private final Clock clock;

    public DeadLetters(PollMonitor monitor, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
    }

    /** Replaces the body with the dead letter (JSON text); the headers stay, so the letter has the record's day and key. */
    public void wrap(Exchange exchange) {
        Throwable error = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        Map<String, Object> headers = exchange.getMessage().getHeaders();
        String sink = String.valueOf(headers.get("WolkvoxSink"));
        ObjectNode letter = JSON.createObjectNode();
        letter.put("failedAt", Instant.now(clock).toString());
        letter.put("sink", sink);
        letter.put("report", String.valueOf(headers.get(ReportPoller.HEADER_REPORT)));
        letter.put("recordKey", String.valueOf(headers.get(ReportPoller.HEADER_RECORD_KEY)));
        letter.put("errorClass", error == null ? "unknown" : error.getClass().getName());
        letter.put("error", error == null ? "" : String.valueOf(error.getMessage()));
        ObjectNode wolkvoxHeaders = letter.putObject("headers");
        headers.forEach((name, value) -> {
            if (name.startsWith("Wolkvox") && value != null) {
                wolkvoxHeaders.put(name, value.toString());
            }
        });
        letter.set("record", JSON.valueToTree(exchange.getMessage().getBody()));
        LOG.warn("dead letter sink={} report={} key={} error=\"{}\"", sink, letter.get("report").asText(),
                letter.get("recordKey").asText(), letter.get("error").asText());
        monitor.deadLetter(sink);
        exchange.getMessage().setBody(letter.toString());
        exchange.getMessage().setHeader("WolkvoxDeadLetterOf", sink);
    }
}
