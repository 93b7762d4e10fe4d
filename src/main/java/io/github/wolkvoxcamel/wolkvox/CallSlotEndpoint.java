package io.github.wolkvoxcamel.wolkvox;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** The call slots of one token; producer only. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "wolkvox-slot", title = "Wolkvox call slot", syntax = "wolkvox-slot:token",
        producerOnly = true, category = {Category.CORE})
public class CallSlotEndpoint extends DefaultEndpoint {

    @UriPath(description = "Alias of the token whose call slot the exchange holds until it completes")
    private final String token;

    CallSlotEndpoint(String uri, CallSlotComponent component, String token) {
        super(uri, component);
        this.token = token;
    }

    @Override
    public Producer createProducer() {
        return new CallSlotProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("wolkvox-slot is a step before a call: it cannot be used in from");
    }

    @Override
    public CallSlotComponent getComponent() {
        return (CallSlotComponent) super.getComponent();
    }

    public String getToken() {
        return token;
    }
}
