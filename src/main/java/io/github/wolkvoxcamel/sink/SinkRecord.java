package io.github.wolkvoxcamel.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import io.github.wolkvoxcamel.record.WolkvoxRecord;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a sink receives: the record as one line of compact JSON, and its {@code Wolkvox*} headers (report, key,
 * window, fetch time, record day), which go to Kafka as record headers.
 *
 * @param json UTF-8 JSON without line breaks; shared, not to be modified
 * @param headers the {@code Wolkvox*} headers, names as in {@link WolkvoxHeaders}
 */
public record SinkRecord(byte[] json, Map<String, String> headers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String report() {
        return headers.get(WolkvoxHeaders.HEADER_REPORT);
    }

    public String key() {
        return headers.get(WolkvoxHeaders.HEADER_RECORD_KEY);
    }

    public String day() {
        return headers.get(WolkvoxHeaders.HEADER_RECORD_DATE);
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
