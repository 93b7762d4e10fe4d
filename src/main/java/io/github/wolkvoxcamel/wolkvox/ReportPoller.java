package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.backfill.Backfill;
import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.sink.DeadLetters;
import io.github.wolkvoxcamel.state.CallBudget;
import io.github.wolkvoxcamel.state.RecordStrikes;
import io.github.wolkvoxcamel.state.WindowCommit;
import io.github.wolkvoxcamel.state.WindowLedger;
import io.github.wolkvoxcamel.time.Window;
import io.github.wolkvoxcamel.time.WindowPlanner;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The steps of a report's poll, in the order the consumer takes them, each handed to the class whose job it is: the
 * schedule ({@link PollSchedule}), whether a report polls now ({@link PollGate}) and its windows ({@link TickPlanner}); the call's request, budget and token
 * ({@link CallGate}); the answer ({@link AnswerReader}) and the windows' sizes ({@link WindowSizer}); the passes over its records ({@link RecordPass}); the window's
 * end ({@link WindowCommitter}) or failure ({@link FailureHandler}, deciding with {@link FailurePolicy}). What a poll
 * carries from step to step is its {@link Tick}, which the consumer holds.
 */
public final class ReportPoller {

    /** The request header Wolkvox reads the token from. */
    public static final String TOKEN_HEADER = CallGate.TOKEN_HEADER;
    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.poll");

    /** The collaborators of a poller. */
    public record Parts(WolkvoxTokens tokens, WindowPlanner planner, WindowCommit commit,
                        WindowLedger ledger, PollMonitor monitor, Backoff backoff,
                        TokenStates tokenStates, CallBudget callBudget, RecordStrikes strikes,
                        DeadLetters deadLetters, WolkvoxClock clock) {
    }

    private final Parts parts;
    private final ListDigests listDigests = new ListDigests();
    private final PollSchedule schedule;
    private final TickPlanner planner;
    private final CallGate gate;
    private final AnswerReader answers;
    private final RecordPass records;
    private final FailureHandler failures;
    private final WindowCommitter committer;
    private final AtomicLong windowAttempts = new AtomicLong();
    /** The routes whose last window failed: none of their windows is called ahead until one is delivered. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private volatile Predicate<String> leads = routeId -> true;
    private volatile Backfill backfill;

    /**
     * @param reports the report routes as they are now (live reload changes them); the quota plan is made again when
     *        they change
     */
    public ReportPoller(PollerSettings settings, Parts parts, Supplier<List<ReportSpec>> reports) {
        this.parts = parts;
        WindowFailures windowFailures = new WindowFailures(parts.backoff().maxAttempts(), settings.minSplitSpan());
        WindowSizer sizer = new WindowSizer(new AnswerLimits(settings.recordCap(), settings.answerSizeLimit()),
                windowFailures, settings.minSplitSpan(), parts.planner().maxSpan());
        this.schedule = new PollSchedule(settings, parts, listDigests, reports);
        PollGate gate = new PollGate(parts, schedule);
        this.planner = new TickPlanner(settings, parts, schedule, gate, sizer);
        this.gate = new CallGate(settings, parts);
        this.answers = new AnswerReader(settings, parts, sizer, listDigests);
        this.records = new RecordPass(settings, parts);
        this.committer = new WindowCommitter(settings, parts, windowFailures, listDigests);
        this.failures = new FailureHandler(settings, parts, new FailurePolicy(windowFailures, parts.backoff()), schedule,
                gate, committer);
    }

    /** Turns this poller into a backfill of a past range (see {@link Backfill}). */
    public void setBackfill(Backfill backfill) {
        this.backfill = backfill;
    }

    /**
     * Fits the reports' schedules into each token's daily budget (see {@link QuotaPlan}), logs the plan and publishes
     * it as metrics.
     *
     * @throws IllegalArgumentException when a real-time report polls at or past its horizon
     */
    public void fitPlan(List<ReportSpec> specs) {
        schedule.fit(specs);
    }

    /** Called with the report routes at start and whenever a reload changed them (after their plan is made). */
    public void onReports(Consumer<List<ReportSpec>> listener) {
        schedule.onReports(listener);
    }

    /**
     * The report route just started on this replica, having become the leader of its token: its watermark and its
     * token's call count of the day are read again from the state topic before its next poll.
     */
    public void leading(String routeId) {
        LOG.info("This replica leads route {} now: its watermark and call count are read again from the state topic",
                routeId);
        planner.leading(routeId);
        // another leader may have delivered other versions of a lookup list meanwhile: the next poll delivers it whole
        listDigests.forget(routeId);
    }

    /** The report route stopped on this replica (it lost its leadership): its window in flight is rolled back. */
    public void stopped(String routeId) {
        parts.commit().routeStopped(routeId);
        listDigests.forget(routeId);
    }

    /** Whether a report route (by id) still leads its token: a window loop ends early once it does not. */
    public void setLeadership(Predicate<String> leads) {
        this.leads = leads;
    }

    /** A new poll of the route, which the consumer hands to each of the steps below in turn. */
    public Tick tick(String routeId) {
        return new Tick(routeId);
    }

    /**
     * Plans the windows the poll fetches (see {@link TickPlanner}); a poll the plan leaves out fetches nothing.
     */
    public void plan(Tick tick) {
        planner.plan(tick, tick.routeId, backfill);
        tick.keys = RecordKeys.parse(tick.spec.keyFields());
    }

    /**
     * Whether the poll has a window left to fetch; none once its route stops or no longer leads its token.
     *
     * @param stopping whether the route, its consumer or the application is stopping (or suspending)
     */
    public boolean hasNextWindow(Tick tick, boolean stopping) {
        if (tick.windows.hasNext() && (stopping || !leads.test(tick.routeId))) {
            // this replica stops, or another one leads the token now: the next poll resumes from the last delivered
            // window
            LOG.info("route {} {}: the poll ends with {} window(s) left to the next poll", tick.routeId,
                    stopping ? "stops" : "no longer leads its token", tick.windows.remaining());
            tick.windows.clear();
        }
        return tick.windows.hasNext();
    }

    /**
     * Takes the next window and its call: {@code ahead} when it was made for this window ({@link #callAhead}), else a
     * new one, not made yet.
     */
    public WindowCall beginWindow(Tick tick, WindowCall ahead) {
        Window next = tick.windows.next();
        tick.begin(next, tick.routeId + "#" + windowAttempts.incrementAndGet());
        tick.call = ahead != null && ahead.window().equals(next) ? ahead : gate.prepare(tick.spec, next);
        return tick.call;
    }

    /**
     * The next window's call, to be made while this window's records are sent, so that the report's records keep
     * flowing from one window to the next instead of waiting for each answer in turn (a backfill, a poll catching up);
     * null when there is no next window, the route stops or no longer leads its token, or the report's last window
     * failed (a call made ahead of a window that is then not taken is a call of the day spent for nothing, so none is
     * made until the report delivers again). Made after {@link #readAnswer}, which may split the window or size the
     * windows to come.
     */
    public WindowCall callAhead(Tick tick, boolean stopping) {
        if (stopping || !tick.windows.hasNext() || failing.contains(tick.routeId) || !leads.test(tick.routeId)) {
            return null;
        }
        return gate.prepare(tick.spec, tick.windows.peek());
    }

    /**
     * A call made ahead was not taken (its window failed before, the poll ended): its answer is dropped, and the call
     * counted as {@code unused}, or by its error class when it failed.
     *
     * @param failure why the call failed, or null when it was answered
     */
    public void unusedCall(Tick tick, WindowCall call, Throwable failure) {
        String api = tick.spec.api();
        if (failure == null) {
            LOG.info("poll report={} route={} window={}: the answer fetched ahead is not used (the poll took another "
                    + "way)", api, tick.routeId, call.window());
            parts.monitor().called(tick.routeId, api, tick.spec.token(), "unused", call.durationNanos(), 0);
            return;
        }
        WolkvoxAnswerException classified = WolkvoxFailures.classify(failure, false);
        LOG.warn("poll report={} route={} window={}: the call made ahead failed and is not used ({})", api,
                tick.routeId, call.window(), classified.getMessage());
        if (call.durationNanos() > 0) {
            // counted as a window's failed call is; none when it never left (the route no longer led its token)
            parts.monitor().called(tick.routeId, api, tick.spec.token(), classified.errorClass().name(),
                    call.durationNanos(), 0);
        }
    }

    /** Whether the route still leads its token (always, without replicas). */
    public boolean leads(String routeId) {
        return leads.test(routeId);
    }

    /**
     * Counts the call against the token's daily budget (stopping short of Wolkvox's limit).
     *
     * @return the canonical alias of the token the call is made with, whose call slot it then takes
     */
    public String countCall(WindowCall call) {
        return gate.count(call);
    }

    /** Puts the token on the request, just before the call. */
    public void authorize(WindowCall call, Message request) {
        gate.authorize(call, request);
    }

    /** Reads the whole answer off the connection into a temporary file, the answer's body from then on. */
    public void spoolAnswer(WindowCall call, Message answer) {
        answers.spool(answer);
        call.answered();
    }

    /**
     * Checks the spooled answer whole where the call was made, after it freed the token's slot: a call made ahead is
     * checked while the window before sends its records.
     */
    public void checkAnswer(WindowCall call, Message answer) {
        answers.check(call, answer);
    }

    /** Classifies the answer, splitting a window whose answer may have been cut (see {@link AnswerReader}). */
    public void readAnswer(Tick tick, Message answer) {
        answers.read(tick, answer, tick.routeId);
    }

    /** Whether the window's records are to be sent (again). */
    public boolean recordsPending(Tick tick) {
        return records.pending(tick);
    }

    /** The window's records, read one at a time from the fetched answer (see {@link RecordPass}). */
    public WindowRecords records(Tick tick, CamelContext context) throws IOException, InterruptedException {
        return records.begin(tick, context, tick.routeId);
    }

    /**
     * After a pass over the window's records: counts them, and when some failed has them sent again after a back-off.
     *
     * @throws SinkFailedException when records still failed after the attempts allowed: the window fails
     */
    public void recordsSent(Tick tick) throws InterruptedException, SinkFailedException {
        records.ended(tick, tick.routeId);
    }

    /**
     * How long to wait before the poll goes on, after a failed pass or window that is tried again (a back-off with
     * jitter); zero when nothing failed. The wait is the consumer's: it ends early when the route stops.
     */
    public Duration takePause(Tick tick) {
        Duration pause = tick.pause;
        tick.pause = Duration.ZERO;
        return pause;
    }

    /** Ends a window whose records all reached their endpoints: the watermark moves to its end. */
    public void windowDelivered(Tick tick) throws InterruptedException {
        tick.discardAnswer();
        failing.remove(tick.routeId);
        committer.delivered(tick, tick.routeId);
    }

    /**
     * Decides what the window's failure leads to and does it (see {@link FailurePolicy}).
     *
     * @return the failure, classified
     */
    public WolkvoxAnswerException windowFailed(Tick tick, Throwable failure) throws InterruptedException {
        failing.add(tick.routeId);
        return failures.windowFailed(tick, tick.routeId, failure);
    }

    /**
     * Logs a poll that failed outside a window (planning it) in one line; the watermark stays.
     *
     * @return the failure, classified
     */
    public WolkvoxAnswerException pollFailed(Tick tick, Throwable failure) {
        return failures.pollFailed(tick, tick.routeId, failure);
    }
}
