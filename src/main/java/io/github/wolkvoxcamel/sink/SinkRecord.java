package io.github.wolkvoxcamel.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.state.Fingerprint;
import io.github.wolkvoxcamel.wolkvox.ReportPoller;
import io.github.wolkvoxcamel.wolkvox.WolkvoxRecord;
import org.apache.camel.Message;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a sink receives: the record as one line of compact JSON, and its {@code Wolkvox*} headers (report, key,
 * window, fetch time, record day), which go to Kafka as record headers.
 *
 * @param json UTF-8 JSON without line breaks; shared, not to be modified
 * @param headers the {@code Wolkvox*} headers, names as in {@link ReportPoller}
 * @param fingerprint what marks the record delivered (route, key, content); null for a message a rule route made
 */
public record SinkRecord(byte[] json, Map<String, String> headers, Fingerprint fingerprint) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String report() {
        return headers.get(ReportPoller.HEADER_REPORT);
    }

    public String key() {
        return headers.get(ReportPoller.HEADER_RECORD_KEY);
    }

    public String day() {
        return headers.get(ReportPoller.HEADER_RECORD_DATE);
    }

    /** The record a rule route hands on: its body as JSON (a record map, JSON text or any object) and its headers. */
    static SinkRecord of(Message message) throws JsonProcessingException {
        byte[] json = json(message.getBody());
        Map<String, String> headers = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (name.startsWith("Wolkvox") && !name.equals(RecordSinks.HEADER_SINK) && value != null) {
                headers.put(name, value.toString());
            }
        });
        return new SinkRecord(json, headers, null);
    }

    /** A message body as JSON: a record's own bytes, bytes or text taken as JSON already, anything else serialised. */
    static byte[] json(Object body) throws JsonProcessingException {
        if (body instanceof WolkvoxRecord record) {
            return record.json();
        } else if (body instanceof byte[] bytes) {
            return bytes;
        } else if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return JSON.writeValueAsBytes(body);
    }
}
