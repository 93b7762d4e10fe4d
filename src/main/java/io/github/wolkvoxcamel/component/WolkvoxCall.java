package io.github.wolkvoxcamel.component;

import io.github.wolkvoxcamel.wolkvox.AnswerSpool;
import io.github.wolkvoxcamel.wolkvox.ReportPoller;
import io.github.wolkvoxcamel.wolkvox.TokenPermits;
import io.github.wolkvoxcamel.wolkvox.WindowCall;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
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
     * Makes the window's call, and checks its answer whole once the call freed the token's slot; on any thread, since
     * nothing of the poll is touched.
     *
     * @return the answer: its headers, and its body spooled to a file ({@link AnswerSpool})
     */
    Message make(WindowCall window, CamelContext context) throws Exception {
        Exchange call = new DefaultExchange(context);
        call.getIn().setHeaders(new HashMap<>(window.request()));
        String alias = poller.countCall(window);
        permits.acquire(alias);
        try {
            poller.authorize(window, call.getIn());
            http.process(call);
            if (call.getException() != null) {
                throw call.getException();
            }
            poller.spoolAnswer(window, call.getMessage());
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
        try {
            poller.checkAnswer(window, call.getMessage());
        } catch (RuntimeException e) {
            call.getMessage().getBody(AnswerSpool.class).close();
            throw e;
        }
        return call.getMessage();
    }
}
