package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** The JSON Lines day files of one sink; producer only. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "jsonl", title = "JSON Lines file sink", syntax = "jsonl:sink",
        producerOnly = true, category = {Category.FILE})
public class JsonLinesEndpoint extends DefaultEndpoint {

    @UriPath(description = "Sink name: letters, digits, '.', '_' and '-'; the directory under FILE_SINK_DIR")
    @Metadata(required = true)
    private final String sink;
    @UriParam(label = "producer", description = "Header holding the line's day (yyyy-MM-dd, or a date starting with "
            + "it); without it, today in Bogota", defaultValue = WolkvoxHeaders.HEADER_RECORD_DATE)
    private String dayHeader = WolkvoxHeaders.HEADER_RECORD_DATE;

    JsonLinesEndpoint(String uri, JsonLinesComponent component, String sink) {
        super(uri, component);
        this.sink = sink;
    }

    @Override
    public Producer createProducer() {
        return new JsonLinesProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("jsonl is a sink: it cannot be used in from");
    }

    @Override
    public JsonLinesComponent getComponent() {
        return (JsonLinesComponent) super.getComponent();
    }

    public String getSink() {
        return sink;
    }

    public String getDayHeader() {
        return dayHeader;
    }

    public void setDayHeader(String dayHeader) {
        this.dayHeader = dayHeader;
    }
}
