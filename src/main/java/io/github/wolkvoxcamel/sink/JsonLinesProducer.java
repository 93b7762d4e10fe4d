package io.github.wolkvoxcamel.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.wolkvox.ReportPoller;
import io.github.wolkvoxcamel.wolkvox.WolkvoxRecord;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

/** Writes the message body (a record map, or JSON text) as one line. */
final class JsonLinesProducer extends DefaultProducer {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    JsonLinesProducer(JsonLinesEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public JsonLinesEndpoint getEndpoint() {
        return (JsonLinesEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        byte[] json;
        if (body instanceof WolkvoxRecord record) {
            json = record.json();
        } else if (body instanceof byte[] bytes) {
            json = bytes;
        } else if (body instanceof String text) {
            json = text.getBytes(StandardCharsets.UTF_8);
        } else {
            json = MAPPER.writeValueAsBytes(body);
        }
        String day = exchange.getMessage().getHeader(ReportPoller.HEADER_RECORD_DATE, String.class);
        if (day == null) {
            day = LocalDate.now(ZoneId.systemDefault()).toString();
        }
        JsonLinesEndpoint endpoint = getEndpoint();
        endpoint.getComponent().writer(endpoint.getDirectory()).append(endpoint.getSink(), day, json);
    }
}
