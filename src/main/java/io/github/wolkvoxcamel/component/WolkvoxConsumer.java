package io.github.wolkvoxcamel.component;

import io.github.wolkvoxcamel.wolkvox.ReportPoller;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.support.ScheduledPollConsumer;

import java.util.concurrent.ExecutorService;

/**
 * Polls one report: each poll plans its windows, and for each one calls Wolkvox (through the token's call slot),
 * reads the answer, sends its records through the route, one exchange each ({@link RecordSender}), and moves the
 * watermark once all of them completed; a window that failed is retried, made smaller or left for the next poll
 * (see {@link ReportPoller}).
 * <p>
 * A poll in progress counts as an exchange in flight of the route, so that stopping the route (a shutdown, a lost
 * leadership) suspends this consumer and waits for it rather than cancelling its thread: the poll ends after the
 * window at hand, and the next one resumes from the watermark.
 */
final class WolkvoxConsumer extends ScheduledPollConsumer {

    /** Camel's thread pool profile the record thread is made from (one thread, see WolkvoxSetup). */
    static final String RECORD_THREAD_PROFILE = "wolkvoxRecordThread";

    private final ReportPoller poller;
    private ExecutorService recordThread;
    private RecordSender records;

    WolkvoxConsumer(WolkvoxEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.poller = endpoint.getComponent().getPoller();
    }

    @Override
    public WolkvoxEndpoint getEndpoint() {
        return (WolkvoxEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        WolkvoxComponent component = getEndpoint().getComponent();
        // one thread of the report's own: records leave in the answer's order, so each key's stay in order, and a
        // slow endpoint holds up this report only
        recordThread = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newThreadPool(this, "wolkvox-records-" + getEndpoint().getApi(), RECORD_THREAD_PROFILE);
        records = new RecordSender(this, component.getDeliveredRecords(), component.getDeadLetters(),
                component.getTypedRecords(), recordThread);
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(recordThread);
    }

    @Override
    protected int poll() throws Exception {
        Exchange tick = createExchange(false);
        InflightRepository inflight = getEndpoint().getCamelContext().getInflightRepository();
        inflight.add(tick, getRouteId());
        int sent = 0;
        try {
            poller.plan(tick);
            while (poller.hasNextWindow(tick, isSuspendingOrSuspended() || isStoppingOrStopped())) {
                sent += window(tick);
            }
        } catch (Exception e) {
            tick.setProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, e);
            poller.pollFailed(tick);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            inflight.remove(tick, getRouteId());
        }
        return sent;
    }

    /** Fetches and delivers the next window: the records sent. A failure is the poller's to decide on. */
    private int window(Exchange tick) throws InterruptedException {
        int sent = 0;
        try {
            poller.beginWindow(tick);
            getEndpoint().getComponent().getCall().fetch(tick);
            poller.readAnswer(tick);
            // a pass in which some records failed (a broker down) is made again from the fetched answer
            while (poller.recordsPending(tick)) {
                sent += records.send(poller.records(tick));
                poller.recordsSent(tick);
            }
            poller.windowDelivered(tick);
        } catch (Exception e) {
            tick.setProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, e);
            poller.windowFailed(tick);
        }
        return sent;
    }
}
