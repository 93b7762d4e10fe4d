package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.state.CallBudget;
import io.github.wolkvoxcamel.time.Window;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.HashMap;
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

    /** The window's call: its GET made from the report's settings and the window's bounds, not made yet. */
    WindowCall prepare(ReportSpec spec, Window window) {
        Map<String, String> params = spec.requestParams(window);
        String query = spec.query(params);
        // not sent: a key part (@polled_at) of reports whose every poll is delivered (snapshots, counters)
        params.put(POLLED_AT, window.dateEnd());
        Map<String, Object> request = new HashMap<>();
        request.put(Exchange.HTTP_METHOD, "GET");
        request.put(Exchange.HTTP_URI, settings.baseUrl() + spec.path());
        request.put(Exchange.HTTP_QUERY, query);
        return new WindowCall(window, parts.tokens().canonical(spec.token()), params, request,
                spec.dateField().isEmpty() ? null : spec.dateField());
    }

    /**
     * Counts the call against the token's daily budget.
     *
     * @return the canonical alias of the token the call is made with, whose call slot it then takes
     * @throws WolkvoxAnswerException {@code QUOTA_EXHAUSTED} when today's budget is used
     */
    String count(WindowCall call) {
        call.started();
        String alias = call.tokenAlias();
        CallBudget budget = parts.callBudget();
        if (!budget.tryUse(alias, parts.clock().now(settings.zone()).toLocalDate())) {
            throw new WolkvoxAnswerException(WolkvoxErrorClass.QUOTA_EXHAUSTED, 0, "today's budget of " + budget.budget()
                    + " calls is used (WOLKVOX_DAILY_CALL_LIMIT " + budget.limit() + " less " + budget.headroom()
                    + " kept for manual use)");
        }
        return alias;
    }

    /** Puts the token on the request, just before the call. */
    void authorize(WindowCall call, Message message) {
        message.setHeader(TOKEN_HEADER, parts.tokens().token(call.tokenAlias()));
        // the call leaves now: what the answer's Date is compared with
        call.left(parts.clock().host());
    }
}
