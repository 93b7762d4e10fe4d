package io.github.wolkvoxcamel.sink;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** A named sink (file, and topic with Kafka on); producer only. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "wolkvox-sink", title = "Wolkvox sink", syntax = "wolkvox-sink:sink",
        producerOnly = true, category = {Category.FILE, Category.MESSAGING})
public class SinkEndpoint extends DefaultEndpoint {

    @UriPath(description = "Sink name: letters, digits, '.', '_' and '-'; the directory under FILE_SINK_DIR and the topic suffix")
    private final String sink;

    SinkEndpoint(String uri, SinkComponent component, String sink) {
        super(uri, component);
        this.sink = sink;
    }

    @Override
    public Producer createProducer() {
        return new SinkProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("wolkvox-sink is a sink: it cannot be used in from");
    }

    @Override
    public SinkComponent getComponent() {
        return (SinkComponent) super.getComponent();
    }

    public String getSink() {
        return sink;
    }
}
