package io.github.wolkvoxcamel.wolkvox;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.SynchronizationAdapter;

/** Waits for a free slot of the endpoint's token, and frees it when the exchange is done, failed or not. */
final class CallSlotProducer extends DefaultProducer {

    CallSlotProducer(CallSlotEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        String token = getEndpoint().getToken();
        TokenPermits permits = getEndpoint().getComponent().permits();
        permits.acquire(token);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                permits.release(token);
            }
        });
    }

    @Override
    public CallSlotEndpoint getEndpoint() {
        return (CallSlotEndpoint) super.getEndpoint();
    }
}
