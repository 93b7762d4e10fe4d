package io.github.wolkvoxcamel.sink;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** A named JSON Lines file sink; producer only. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "jsonl", title = "JSON Lines file sink", syntax = "jsonl:sink",
        producerOnly = true, category = {Category.FILE})
public class JsonLinesEndpoint extends DefaultEndpoint {

    @UriPath(description = "Sink name: the directory under the sink root")
    private final String sink;

    @UriParam(description = "Root directory for this endpoint instead of the component's")
    private String directory;

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

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }
}
