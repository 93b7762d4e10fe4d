package io.github.wolkvoxcamel.component;

import io.github.wolkvoxcamel.sink.DeadLetters;
import io.github.wolkvoxcamel.wolkvox.ReportPoller;
import io.github.wolkvoxcamel.wolkvox.TokenPermits;
import io.github.wolkvoxcamel.wolkvox.TypedRecords;
import org.apache.camel.Endpoint;
import org.apache.camel.Producer;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.TimeUtils;

import java.util.List;
import java.util.Map;

/**
 * {@code wolkvox:<api>}: a report of the Wolkvox API as a scheduled polling consumer, each record an exchange. The
 * component holds what the reports share: the poller with its plan, state and budgets, each token's call slots, the
 * HTTP client the calls go through, the delivered records and the dead letters.
 */
public class WolkvoxComponent extends DefaultComponent {

    /** The endpoint the calls go through: the answer is spooled to a file, not cached, and read only up to its cap. */
    private static final String HTTP_ENDPOINT = "http://wolkvox?throwExceptionOnFailure=false&disableStreamCache=true"
            + "&httpClientConfigurer=#wolkvoxAbortOnEarlyClose";

    /** The scheduler's options that take a time. */
    private static final List<String> TIME_OPTIONS = List.of("delay", "initialDelay");

    private String pollPeriod = "5m";
    private String lookback = "30m";
    private String repull = "24h";
    private String initialFrom = "today";
    private ReportPoller poller;
    private TokenPermits permits;
    private IdempotentRepository deliveredRecords;
    private DeadLetters deadLetters;
    private TypedRecords typedRecords;
    private Producer http;
    private WolkvoxCall call;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining.isBlank()) {
            throw new IllegalArgumentException("wolkvox needs a report's api: wolkvox:<api>, e.g. wolkvox:diagram_1");
        }
        WolkvoxEndpoint endpoint = new WolkvoxEndpoint(uri, this, remaining);
        parameters.putIfAbsent("delay", pollPeriod);
        // 5m, 1h30m as well as milliseconds, as Camel's generated configurers read them
        for (String time : TIME_OPTIONS) {
            if (parameters.get(time) instanceof String text) {
                parameters.put(time, TimeUtils.toMilliSeconds(getCamelContext().resolvePropertyPlaceholders(text)));
            }
        }
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (poller == null || permits == null || deliveredRecords == null || deadLetters == null) {
            throw new IllegalStateException("the wolkvox component is set up by WolkvoxSetup: poller, permits, delivered "
                    + "records and dead letters");
        }
        http = getCamelContext().getEndpoint(HTTP_ENDPOINT).createProducer();
        ServiceHelper.startService(http);
        call = new WolkvoxCall(poller, permits, http);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(http);
        super.doStop();
    }

    /** How often a report polls whose route does not say ({@code delay}): 5m, 1h... */
    public void setPollPeriod(String pollPeriod) {
        this.pollPeriod = pollPeriod;
    }

    String getLookback() {
        return lookback;
    }

    /** A report's lookback when its route does not say. */
    public void setLookback(String lookback) {
        this.lookback = lookback;
    }

    String getRepull() {
        return repull;
    }

    /** How far back a report re-pulls when its route does not say. */
    public void setRepull(String repull) {
        this.repull = repull;
    }

    String getInitialFrom() {
        return initialFrom;
    }

    /** Where a report's first poll starts when its route does not say. */
    public void setInitialFrom(String initialFrom) {
        this.initialFrom = initialFrom;
    }

    ReportPoller getPoller() {
        return poller;
    }

    public void setPoller(ReportPoller poller) {
        this.poller = poller;
    }

    public void setPermits(TokenPermits permits) {
        this.permits = permits;
    }

    IdempotentRepository getDeliveredRecords() {
        return deliveredRecords;
    }

    /** What tells a record delivered before from a new one, and remembers it once its exchange completed. */
    public void setDeliveredRecords(IdempotentRepository deliveredRecords) {
        this.deliveredRecords = deliveredRecords;
    }

    DeadLetters getDeadLetters() {
        return deadLetters;
    }

    public void setDeadLetters(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    TypedRecords getTypedRecords() {
        return typedRecords;
    }

    /** Converts each record's fields to the catalog's types (WOLKVOX_TYPED); null leaves records as Wolkvox sent them. */
    public void setTypedRecords(TypedRecords typedRecords) {
        this.typedRecords = typedRecords;
    }

    WolkvoxCall getCall() {
        return call;
    }
}
