package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

import java.nio.file.Path;
import java.time.LocalDate;

/** The JSON Lines day files of one sink; producer only. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "jsonl", title = "JSON Lines file sink", syntax = "jsonl:sink",
        producerOnly = true, category = {Category.FILE})
public class JsonLinesEndpoint extends DefaultEndpoint {

    @UriPath(description = "Sink name: letters, digits, '.', '_' and '-'; the directory under FILE_SINK_DIR "
            + "(under the writer's directory with writer)")
    @Metadata(required = true)
    private final String sink;
    @UriParam(label = "producer", description = "Header holding the line's day (yyyy-MM-dd, or a date starting with "
            + "it); without it, today in Bogota", defaultValue = WolkvoxHeaders.HEADER_RECORD_DATE)
    private String dayHeader = WolkvoxHeaders.HEADER_RECORD_DATE;
    @UriParam(label = "advanced", description = "The writer of this endpoint's files, whose directory is their root "
            + "(the dead letters' route names the one of DLQ_DIR); by default the one of FILE_SINK_DIR")
    private JsonLinesWriter writer;

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

    public JsonLinesWriter getWriter() {
        return writer;
    }

    public void setWriter(JsonLinesWriter writer) {
        this.writer = writer;
    }

    /** The writer the lines go through: the endpoint's own, else the component's (FILE_SINK_DIR). */
    JsonLinesWriter writer() {
        return writer != null ? writer : getComponent().writer();
    }

    /** The day file {@code message}'s line goes to. */
    Path file(Message message) {
        return writer().file(sink, day(message));
    }

    /** The line's day: the day header's first ten characters, else today in Bogota. */
    String day(Message message) {
        String date = message.getHeader(dayHeader, String.class);
        return date != null && date.length() >= 10 ? date.substring(0, 10) : LocalDate.now(WolkvoxTime.BOGOTA).toString();
    }
}
