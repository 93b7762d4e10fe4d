package io.github.wolkvoxcamel.component;

import io.github.wolkvoxcamel.wolkvox.ReportPoller;
import io.github.wolkvoxcamel.wolkvox.Tick;
import io.github.wolkvoxcamel.wolkvox.TokenPermits;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.UnitOfWorkHelper;

import java.util.HashMap;
import java.util.List;

/**
 * One Wolkvox call, an exchange of its own: counted against the token's daily budget, then made while holding one of
 * the token's call slots ({@link TokenPermits}), the answer read off the connection included, since Wolkvox counts a
 * call until its answer is sent. Camel's {@code throttle} with {@code concurrentRequests} would read the same, but in
 * Camel 4.18.0 it lets a second call in while a call of over 10 seconds holds its permit (CAMEL-24926).
 */
final class WolkvoxCall {

    private final ReportPoller poller;
    private final TokenPermits permits;
    private final Producer http;

    WolkvoxCall(ReportPoller poller, TokenPermits permits, Producer http) {
        this.poller = poller;
        this.permits = permits;
        this.http = http;
    }

    /**
     * Makes the call the poll's exchange holds the request of ({@link ReportPoller#beginWindow}); its message then
     * holds the answer, spooled to a file, and its headers.
     */
    void fetch(Tick tick, Exchange window) throws Exception {
        // the request's headers, nothing of an earlier answer
        Exchange call = new DefaultExchange(window.getContext());
        call.getIn().setHeaders(new HashMap<>(window.getMessage().getHeaders()));
        String alias = poller.countCall(tick);
        permits.acquire(alias);
        try {
            poller.authorize(tick, call.getIn());
            http.process(call);
            if (call.getException() != null) {
                throw call.getException();
            }
            poller.spoolAnswer(call.getMessage());
        } finally {
            // the token never leaves this exchange
            call.getMessage().removeHeader(ReportPoller.TOKEN_HEADER);
            // the HTTP answer's connection goes back to its pool
            List<Synchronization> completions = call.getExchangeExtension().handoverCompletions();
            if (completions != null) {
                UnitOfWorkHelper.doneSynchronizations(call, completions);
            }
            permits.release(alias);
        }
        window.getMessage().setHeaders(call.getMessage().getHeaders());
        window.getMessage().setBody(call.getMessage().getBody());
    }
}
