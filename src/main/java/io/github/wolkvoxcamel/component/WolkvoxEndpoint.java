package io.github.wolkvoxcamel.component;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * One Wolkvox report, polled on the consumer's schedule ({@code delay}, default 5 minutes): each poll fetches the
 * windows due since the report's watermark and hands on every record as an exchange of its own.
 */
@UriEndpoint(firstVersion = "1.0.0", scheme = "wolkvox", title = "Wolkvox", syntax = "wolkvox:api", consumerOnly = true,
        category = { Category.API })
public class WolkvoxEndpoint extends ScheduledPollEndpoint implements MultipleConsumersSupport {

    private static final long DEFAULT_DELAY_MILLIS = 5 * 60 * 1000L;

    @UriPath(description = "The Wolkvox api name, e.g. diagram_1; also the report's name in headers, topics and files")
    @Metadata(required = true)
    private final String api;

    WolkvoxEndpoint(String uri, WolkvoxComponent component, String api) {
        super(uri, component);
        this.api = api;
        setDelay(DEFAULT_DELAY_MILLIS);
    }

    public String getApi() {
        return api;
    }

    @Override
    public WolkvoxComponent getComponent() {
        return (WolkvoxComponent) super.getComponent();
    }

    /** Report routes of one api with other parameters or tokens poll it each on their own (their route's settings). */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        WolkvoxConsumer consumer = new WolkvoxConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("wolkvox: endpoints are read from (from: wolkvox:<api>), not sent to");
    }
}
