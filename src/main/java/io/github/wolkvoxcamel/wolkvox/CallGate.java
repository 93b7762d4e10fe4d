package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.state.CallBudget;
import io.github.wolkvoxcamel.time.Window;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.Map;

import static io.github.wolkvoxcamel.record.WolkvoxHeaders.POLLED_AT;

/**
 * What a window's call goes through before it leaves: its GET made from the report's settings and the window's bounds,
 * counted against the token's daily budget (stopping short of Wolkvox's limit), and the token put on it last.
 */
final class CallGate {

    /** The request header Wolkvox reads the token from. */
    static final String TOKEN_HEADER = "wolkvox-token";

    private final PollerSettings settings;
    private final ReportPoller.Parts parts;

    CallGate(PollerSettings settings, ReportPoller.Parts parts) {
        this.settings = settings;
        this.parts = parts;
    }

    /** The window's GET, on {@code message} (which nothing of an earlier answer stays on), and its request parameters. */
    void prepare(Tick tick, Message message) {
        ReportSpec spec = tick.spec;
        Window window = tick.window;
        Map<String, String> params = spec.requestParams(window);
        String query = spec.query(params);
        // not sent: a key part (@polled_at) of reports whose every poll is delivered (snapshots, counters)
        params.put(POLLED_AT, window.dateEnd());
        tick.tokenAlias = parts.tokens().canonical(spec.token());
        tick.requestParams = params;
        message.getHeaders().clear();
        message.setBody(null);
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader(Exchange.HTTP_URI, settings.baseUrl() + spec.path());
        message.setHeader(Exchange.HTTP_QUERY, query);
    }

    /**
     * Counts the call against the token's daily budget.
     *
     * @return the canonical alias of the token the call is made with, whose call slot it then takes
     * @throws WolkvoxAnswerException {@code QUOTA_EXHAUSTED} when today's budget is used
     */
    String count(Tick tick) {
        String alias = tick.tokenAlias;
        CallBudget budget = parts.callBudget();
        if (!budget.tryUse(alias, parts.clock().now(settings.zone()).toLocalDate())) {
            throw new WolkvoxAnswerException(WolkvoxErrorClass.QUOTA_EXHAUSTED, 0, "today's budget of " + budget.budget()
                    + " calls is used (WOLKVOX_DAILY_CALL_LIMIT " + budget.limit() + " less " + budget.headroom()
                    + " kept for manual use)");
        }
        return alias;
    }

    /** Puts the token on the request, just before the call. */
    void authorize(Tick tick, Message message) {
        message.setHeader(TOKEN_HEADER, parts.tokens().token(tick.tokenAlias));
        // the call leaves now: what the answer's Date is compared with
        tick.requestedAt = parts.clock().host();
    }
}
