package io.github.wolkvoxcamel.component;

import io.github.wolkvoxcamel.wolkvox.AnswerSpool;
import io.github.wolkvoxcamel.wolkvox.ReportPoller;
import io.github.wolkvoxcamel.wolkvox.Tick;
import io.github.wolkvoxcamel.wolkvox.WindowCall;
import io.github.wolkvoxcamel.wolkvox.WolkvoxAnswerException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.ScheduledPollConsumer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

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

    /** Camel's thread pool profile the record thread is made from (one thread; the component registers it). */
    static final String RECORD_THREAD_PROFILE = "wolkvoxRecordThread";

    private final ReportPoller poller;
    /** What a back-off waits on; woken when the consumer suspends or stops. */
    private final Object wakeUp = new Object();
    private ExecutorService recordThread;
    private ExecutorService callAheadThread;
    private RecordSender records;
    /** The next window's call, made while the window at hand sends its records; null when none is. */
    private Ahead ahead;

    WolkvoxConsumer(WolkvoxEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.poller = endpoint.getComponent().poller();
    }

    @Override
    public WolkvoxEndpoint getEndpoint() {
        return (WolkvoxEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        WolkvoxEngine engine = getEndpoint().getComponent().engine();
        // one thread of the report's own: records leave in the answer's order, so each key's stay in order, and a
        // slow endpoint holds up this report only
        ThreadPoolProfile profile = getEndpoint().getCamelContext().getExecutorServiceManager()
                .getThreadPoolProfile(RECORD_THREAD_PROFILE);
        if (profile != null && !(Objects.equals(profile.getPoolSize(), 1) && Objects.equals(profile.getMaxPoolSize(), 1))) {
            // a profile of the user's own (camel.threadpool.config[...]) with more threads: records out of order
            throw new IllegalArgumentException("the thread pool profile " + RECORD_THREAD_PROFILE + " must keep one thread "
                    + "(pool-size and max-pool-size 1): each report's records leave in the answer's order, from one thread");
        }
        recordThread = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newThreadPool(this, "wolkvox-records-" + getEndpoint().getApi(), RECORD_THREAD_PROFILE);
        callAheadThread = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "wolkvox-call-ahead-" + getEndpoint().getApi());
        IdempotentRepository delivered = getEndpoint().getIdempotentRepository();
        if (delivered != null && getEndpoint().getComponent().getTransactions() != null) {
            // an aborted window forgets its records in the component's own store only: a repository of the route's
            // would keep them, and the window's retry would skip records whose Kafka writes were rolled back
            throw new IllegalArgumentException("wolkvox:" + getEndpoint().getApi() + ": idempotentRepository cannot be "
                    + "used with exactly-once into Kafka (WOLKVOX_KAFKA_EXACTLY_ONCE=true); leave it out");
        }
        if (getEndpoint().getBatchSize() > 0 && getEndpoint().getComponent().getRetryMaxAttempts() < 2) {
            // a failed batch's records go again one by one in the window's next pass: without one, a record Kafka
            // refuses would take its whole batch to the dead letters
            throw new IllegalArgumentException("wolkvox:" + getEndpoint().getApi() + ": batchSize needs "
                    + "retryMaxAttempts (wolkvox.retry.max-attempts) of 2 or more");
        }
        records = new RecordSender(this, delivered != null ? delivered : engine.deliveredRecords(), engine.deadLetters(),
                engine.typedRecords(), recordThread, getEndpoint().getBatchSize());
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        wake();
        super.doStop();
        getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(recordThread);
        getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(callAheadThread);
    }

    /** Never: a poll reads everything due, and polling again at once would only spend the token's calls of the day. */
    @Override
    public boolean isGreedy() {
        return false;
    }

    /** Never: an empty exchange would reach the records route as if it were a record. */
    @Override
    public boolean isSendEmptyMessageWhenIdle() {
        return false;
    }

    @Override
    protected int poll() throws Exception {
        // the poll's exchange: in flight while the poll runs, so a stopping route waits for it; it carries each call's
        // request
        Exchange exchange = createExchange(false);
        InflightRepository inflight = getEndpoint().getCamelContext().getInflightRepository();
        inflight.add(exchange, getRouteId());
        Tick tick = poller.tick(getRouteId());
        int sent = 0;
        try {
            poller.plan(tick);
            while (poller.hasNextWindow(tick, stopping())) {
                sent += window(tick, exchange);
            }
        } catch (Exception e) {
            report(poller.pollFailed(tick, e));
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            drop(tick, ahead);
            ahead = null;
            inflight.remove(exchange, getRouteId());
        }
        return sent;
    }

    /** Whether this consumer, its route or the application is stopping or suspending: the poll ends after its window. */
    private boolean stopping() {
        CamelContext context = getEndpoint().getCamelContext();
        ServiceStatus route = context.getRouteController().getRouteStatus(getRouteId());
        return isSuspendingOrSuspended() || isStoppingOrStopped() || context.getStatus().isStopping()
                || route != null && route.isStopping();
    }

    /** Fetches and delivers the next window: the records sent. A failure is the poller's to decide on. */
    private int window(Tick tick, Exchange exchange) throws InterruptedException {
        int sent = 0;
        try {
            // taken out first: a call made ahead that failed fails its window once, and a retry calls again
            Ahead taken = ahead;
            ahead = null;
            WindowCall call = poller.beginWindow(tick, taken == null ? null : taken.call());
            Message answer;
            if (taken != null && taken.call() == call) {
                answer = take(tick, taken);
            } else {
                drop(tick, taken);
                answer = getEndpoint().getComponent().getCall().make(call, getEndpoint().getCamelContext());
            }
            exchange.getMessage().setHeaders(answer.getHeaders());
            exchange.getMessage().setBody(answer.getBody());
            poller.readAnswer(tick, exchange.getMessage());
            if (poller.recordsPending(tick)) {
                callAhead(tick);
            }
            // a pass in which some records failed (a broker down) is made again from the fetched answer
            boolean first = true;
            while (poller.recordsPending(tick)) {
                sent += records.send(poller.records(tick, getEndpoint().getCamelContext()), first);
                first = false;
                poller.recordsSent(tick);
                backOff(poller.takePause(tick));
            }
            poller.windowDelivered(tick);
        } catch (Exception e) {
            report(poller.windowFailed(tick, e));
            backOff(poller.takePause(tick));
        }
        return sent;
    }

    /** Makes the next window's call on the call-ahead thread, if the poller wants one (see {@link ReportPoller#callAhead}). */
    private void callAhead(Tick tick) {
        WindowCall call = poller.callAhead(tick, stopping());
        if (call == null) {
            return;
        }
        CompletableFuture<Message> answer = new CompletableFuture<>();
        CamelContext context = getEndpoint().getCamelContext();
        WolkvoxCall calls = getEndpoint().getComponent().getCall();
        String routeId = getRouteId();
        try {
            callAheadThread.execute(() -> {
                try {
                    // the route may have lost its token's leadership while this waited its turn: another replica calls
                    if (!poller.leads(routeId)) {
                        answer.completeExceptionally(new IllegalStateException("route " + routeId
                                + " no longer leads its token"));
                        return;
                    }
                    answer.complete(calls.make(call, context));
                } catch (Exception | Error e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException stopped) {
            // the consumer stops: the window is called in its turn, if the poll goes on
            return;
        }
        ahead = new Ahead(call, answer);
    }

    /**
     * A call made ahead and not taken, if any: its answer is deleted once it is in, and the call counted and logged, failed or
     * not; it is not waited for (a call made next waits for the token's slot anyway).
     */
    private void drop(Tick tick, Ahead dropped) {
        if (dropped != null) {
            dropped.answer().whenComplete((answer, failure) -> {
                if (answer != null && answer.getBody() instanceof AnswerSpool spool) {
                    spool.close();
                }
                poller.unusedCall(tick, dropped.call(), failure);
            });
        }
    }

    /** Waits for the answer of a call made ahead; a failed call fails as if it had been made now. */
    private Message take(Tick tick, Ahead taken) throws Exception {
        try {
            return taken.answer().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception failure) {
                throw failure;
            }
            throw (Error) e.getCause();
        } catch (InterruptedException e) {
            // the answer may still come: deleted then
            drop(tick, taken);
            throw e;
        }
    }

    /** A window's call made ahead of its turn, and its answer once in. */
    private record Ahead(WindowCall call, CompletableFuture<Message> answer) {
    }

    /**
     * With {@code bridgeErrorHandler=true}, a failed window or poll (after the poller decided what it leads to, and
     * logged it) also goes to the route's error handler as an exchange with the classified failure, so the route can
     * react to it (alert, count, keep) in YAML. Without, it is not logged twice.
     */
    private void report(WolkvoxAnswerException failure) {
        if (getEndpoint().isBridgeErrorHandler()) {
            getExceptionHandler().handleException("wolkvox:" + getEndpoint().getApi() + " failed: "
                    + failure.errorClass(), failure);
        }
    }

    /** Waits out the back-off the poller asked for, or less: a route that stops (or suspends) ends it at once. */
    private void backOff(Duration delay) throws InterruptedException {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (wakeUp) {
            long left = deadline - System.nanoTime();
            while (left > 0 && !isSuspendingOrSuspended() && !isStoppingOrStopped()) {
                TimeUnit.NANOSECONDS.timedWait(wakeUp, left);
                left = deadline - System.nanoTime();
            }
        }
    }

    @Override
    protected void doSuspend() throws Exception {
        super.doSuspend();
        wake();
    }

    private void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }
}
