package io.github.wolkvoxcamel.wolkvox;

import com.fasterxml.jackson.core.JacksonException;
import io.github.wolkvoxcamel.backfill.Backfill;
import io.github.wolkvoxcamel.catalog.ReportShape;
import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.record.RecordRef;
import io.github.wolkvoxcamel.record.WolkvoxRecord;
import io.github.wolkvoxcamel.sink.DeadLetters;
import io.github.wolkvoxcamel.state.CallBudget;
import io.github.wolkvoxcamel.state.DeliveredRecords;
import io.github.wolkvoxcamel.state.Fingerprint;
import io.github.wolkvoxcamel.state.RecordStrikes;
import io.github.wolkvoxcamel.state.StateScope;
import io.github.wolkvoxcamel.state.WatermarkStore;
import io.github.wolkvoxcamel.state.WindowCommit;
import io.github.wolkvoxcamel.state.WindowLedger;
import io.github.wolkvoxcamel.time.Window;
import io.github.wolkvoxcamel.time.WindowPlanner;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static io.github.wolkvoxcamel.record.WolkvoxHeaders.HEADER_FETCHED_AT;
import static io.github.wolkvoxcamel.record.WolkvoxHeaders.HEADER_GROUP;
import static io.github.wolkvoxcamel.record.WolkvoxHeaders.HEADER_RECORD_DATE;
import static io.github.wolkvoxcamel.record.WolkvoxHeaders.HEADER_REPORT;
import static io.github.wolkvoxcamel.record.WolkvoxHeaders.HEADER_WINDOW_END;
import static io.github.wolkvoxcamel.record.WolkvoxHeaders.HEADER_WINDOW_START;
import static io.github.wolkvoxcamel.record.WolkvoxHeaders.LIST_VERSION;
import static io.github.wolkvoxcamel.record.WolkvoxHeaders.POLLED_AT;

/**
 * The Java steps of the report route template ({@code routes/wolkvox-poller.yaml}): plan the windows of a tick, make
 * the call for one window while holding the token's permit, read the answer (splitting a window whose answer may have
 * been cut), deliver its records, and advance the watermark once a window is delivered. The decisions themselves live
 * in {@link WindowPlanner}, {@link WindowFailures}, {@link QuotaPlan}, {@link AnswerClassifier} and {@link RecordKeys}.
 */
public final class ReportPoller {

    /**
     * Exchange property: the tick's {@link Tick}, on the poll's exchange and the call's copy of it. A property, because
     * camel-http sends headers on to Wolkvox.
     */
    static final String PROPERTY_TICK = "wolkvoxTick";
    /** Records of a window read but not finished at most: bounds the heap a slow sink can take. */
    static final int MAX_RECORDS_IN_FLIGHT = 10_000;

    /** The request header Wolkvox reads the token from. */
    public static final String TOKEN_HEADER = "wolkvox-token";
    /**
     * How much of an answer is kept, as a share of Wolkvox's size limit: Wolkvox never sends more, so an answer going
     * on past this (a proxy streaming without end) is cut here rather than filling the disk.
     */
    private static final double SPOOL_CAP = 1.1;
    /** How much of a given-up window's answer its dead letter keeps. */
    private static final int ANSWER_HEAD_BYTES = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.poll");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    /** The collaborators of a poller. */
    public record Parts(WolkvoxTokens tokens, WindowPlanner planner, WindowCommit commit,
                        WindowLedger ledger, PollMonitor monitor, Backoff backoff,
                        TokenStates tokenStates, CallBudget callBudget, RecordStrikes strikes,
                        DeadLetters deadLetters, WolkvoxClock clock) {
    }

    private final PollerSettings settings;
    private final Parts parts;
    private final WindowFailures failures;
    private final AnswerLimits limits;
    private final Supplier<List<ReportSpec>> reports;
    private final Map<String, String> refusedRequests = new ConcurrentHashMap<>();
    private final Map<String, RecordKeys> keySpecs = new ConcurrentHashMap<>();
    private volatile Consumer<List<ReportSpec>> reportsListener = reports -> { };
    /** Each lookup route's last delivered answer digest: an answer with the same one delivers nothing. */
    private final Map<String, String> listDigests = new ConcurrentHashMap<>();
    private final Map<String, Long> lastPollNanos = new ConcurrentHashMap<>();
    private final Map<String, LocalDateTime> realtimeCovered = new ConcurrentHashMap<>();
    /** Report routes whose state is read again before their next poll, since when: they just became leaders. */
    private final Map<String, Long> reloadRequested = new ConcurrentHashMap<>();
    /** When each scope's state was read last. */
    private final Map<String, Long> scopeReloaded = new ConcurrentHashMap<>();
    /** Report routes that polled since the start. */
    private final Set<String> planned = ConcurrentHashMap.newKeySet();
    private final long startNanos = System.nanoTime();
    private final AtomicLong windowAttempts = new AtomicLong();
    private volatile Predicate<String> leads = routeId -> true;
    private volatile PlannedSchedule schedule = new PlannedSchedule(List.of(), Map.of(), Map.of(), Map.of());
    private volatile Backfill backfill;

    /** The reports a plan was made for, their specs by route, and each route's planned period. */
    private record PlannedSchedule(List<ReportSpec> reports, Map<String, ReportSpec> specs, Map<String, Duration> periods,
                                   Map<String, CallReserve> reserves) {
    }

    /**
     * @param reports the report routes as they are now (live reload changes them); the quota plan is made again when
     *        they change
     */
    public ReportPoller(PollerSettings settings, Parts parts, Supplier<List<ReportSpec>> reports) {
        this.settings = settings;
        this.parts = parts;
        this.failures = new WindowFailures(parts.backoff().maxAttempts(), settings.minSplitSpan());
        this.limits = new AnswerLimits(settings.recordCap(), settings.answerSizeLimit());
        this.reports = reports;
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
    public synchronized void fitPlan(List<ReportSpec> specs) {
        // a lookup route that changed (its sink, its key) delivers its whole list to it at its next poll
        specs.stream().filter(spec -> !spec.equals(schedule.specs().get(spec.route())))
                .forEach(spec -> listDigests.remove(spec.route()));
        Map<String, List<QuotaPlan.Report>> byToken = new LinkedHashMap<>();
        Map<String, ReportSpec> byRoute = new LinkedHashMap<>();
        for (ReportSpec spec : specs) {
            byRoute.put(spec.route(), spec);
            byToken.computeIfAbsent(parts.tokens().canonical(spec.token()), alias -> new java.util.ArrayList<>())
                    .add(spec.forPlan(settings.repullEvery()));
        }
        specs.stream().map(ReportSpec::reach).max(Duration::compareTo).ifPresent(parts.commit()::reachBack);
        Map<String, Duration> periods = new HashMap<>();
        Map<String, CallReserve> reserves = new HashMap<>();
        for (Map.Entry<String, List<QuotaPlan.Report>> token : byToken.entrySet()) {
            QuotaPlan plan = QuotaPlan.fit(token.getValue(), parts.callBudget().budget());
            plan.reports().values().forEach(report -> {
                periods.put(report.route(), report.period());
                parts.monitor().planned(report.route(), report.period());
            });
            CallReserve reserve = CallReserve.of(plan);
            reserves.put(token.getKey(), reserve);
            parts.monitor().planned(token.getKey(), plan.callsPerDay(), reserve.retryAllowance(),
                    () -> reserve.reserve(untilMidnight()));
            LOG.info(plan.describe(token.getKey()) + String.format("; retries allowed a day %d; calls kept for real-time "
                    + "reports until midnight %d (of %d a day)", reserve.retryAllowance(), reserve.reserve(untilMidnight()),
                    reserve.reserve(Duration.ofDays(1))));
            if (plan.overBudget() != null) {
                LOG.warn("quota plan token={}: {}", token.getKey(), plan.overBudget());
            }
        }
        schedule = new PlannedSchedule(List.copyOf(specs), byRoute, periods, reserves);
        reportsListener.accept(List.copyOf(specs));
    }

    /** Called with the report routes at start and whenever a reload changed them (after their plan is made). */
    public void onReports(Consumer<List<ReportSpec>> listener) {
        this.reportsListener = listener;
    }

    /** Plans the report routes a reload changed, once however many routes tick at the same time. */
    private synchronized void replan(List<ReportSpec> current) {
        if (current.equals(schedule.reports())) {
            return;
        }
        try {
            fitPlan(current);
        } catch (IllegalArgumentException e) {
            // the routes run as configured; the call budget still pauses a token before Wolkvox's limit
            LOG.error("quota plan after reload: {}; reports poll at their configured periods", e.getMessage());
            Map<String, ReportSpec> byRoute = new LinkedHashMap<>();
            current.forEach(spec -> byRoute.put(spec.route(), spec));
            schedule = new PlannedSchedule(List.copyOf(current), byRoute, Map.of(), Map.of());
            reportsListener.accept(List.copyOf(current));
        }
    }

    /** The route's spec; when the report routes changed since the plan was made (a reload), they are planned again. */
    private ReportSpec spec(String routeId) {
        List<ReportSpec> current = reports.get();
        if (!current.equals(schedule.reports())) {
            replan(current);
        }
        ReportSpec spec = schedule.specs().get(routeId);
        if (spec == null) {
            throw new IllegalStateException("route " + routeId + " is not a report route made from the wolkvox-report template");
        }
        return spec;
    }

    /**
     * The report route just started on this replica, having become the leader of its token: its watermark and its
     * token's call count of the day are read again from the state topic before its next poll.
     */
    public void leading(String routeId) {
        LOG.info("This replica leads route {} now: its watermark and call count are read again from the state topic",
                routeId);
        reloadRequested.put(routeId, System.nanoTime());
        // another leader may have delivered other versions of a lookup list meanwhile: the next poll delivers it whole
        listDigests.remove(routeId);
    }

    /** The report route stopped on this replica (it lost its leadership): its window in flight is rolled back. */
    public void stopped(String routeId) {
        parts.commit().routeStopped(routeId);
        listDigests.remove(routeId);
    }

    /** Whether a report route (by id) still leads its token: a window loop ends early once it does not. */
    public void setLeadership(Predicate<String> leads) {
        this.leads = leads;
    }

    /**
     * Plans the windows this tick fetches, as a queue the window loop consumes: by the report's shape (see
     * {@link ReportShape}) from its watermark to now, or to the end of a backfill. A tick the quota plan leaves out
     * fetches nothing.
     */
    public void plan(Exchange exchange) {
        Tick tick = tick(exchange);
        String routeId = exchange.getFromRouteId();
        ReportSpec spec = spec(routeId);
        tick.spec = spec;
        tick.windows = new WindowQueue(List.of());
        parts.monitor().polling(routeId, spec.api(), schedule.periods().getOrDefault(routeId, spec.period()));
        LocalDateTime now = now();
        String alias = parts.tokens().canonical(spec.token());
        tick.stateScope = StateScope.of(settings.server(), alias);
        boolean firstPoll = !planned.contains(routeId);
        reloadState(routeId, tick.stateScope);
        if (firstPoll) {
            LocalDateTime watermark = parts.commit().watermarks().get(tick.stateScope, routeId);
            if (watermark == null) {
                LOG.info("report={} route={} has no state of {} yet: its first poll starts at {}", spec.api(), routeId,
                        tick.stateScope, spec.initialFrom());
            } else {
                LOG.info("report={} route={} resumes from its watermark {} of {}", spec.api(), routeId, watermark,
                        tick.stateScope);
            }
        }
        String notNow = parts.tokenStates().reason(alias, parts.clock().instant());
        String unknown = WolkvoxApis.unknown(spec.group(), spec.api());
        if (unknown != null) {
            // a reload can bring a typo; asking would only fetch a web server's 404 page
            parts.monitor().failed(routeId, WolkvoxErrorClass.CONFIGURATION.name(), unknown, true);
            LOG.error("report={} route={} stopped: the route {}", spec.api(), routeId, unknown);
            return;
        }
        String refused = refusedRequests.get(requestKey(routeId, spec));
        if (notNow != null || refused != null) {
            LOG.info("poll report={} route={} outcome=skipped reason=\"{}\"", spec.api(), routeId,
                    refused != null ? "Wolkvox refused this request (fix the report in YAML): " + refused
                            : "token " + alias + ": " + notNow);
            return;
        }
        Backfill current = backfill;
        if (current == null && !due(routeId, spec)) {
            return;
        }
        String reserved = reserve(alias).refusesPoll(spec.shape(), parts.callBudget().used(alias, now().toLocalDate()),
                untilMidnight());
        if (reserved != null) {
            LOG.info("poll report={} route={} outcome=skipped reason=\"{}\"", spec.api(), routeId, reserved);
            return;
        }
        List<Window> windows;
        String stateKey = routeId;
        if (current != null) {
            if (!current.includes(routeId, spec.api(), spec.shape() != ReportShape.REALTIME)) {
                return;
            }
            stateKey = current.stateKey(routeId);
            LocalDateTime until = current.to().isBefore(now) ? current.to() : now;
            LocalDateTime watermark = parts.commit().watermarks().get(tick.stateScope, stateKey);
            windows = spec.shape() == ReportShape.AGGREGATE
                    ? WindowPlanner.buckets(watermark, current.from(), until, spec.bucket(), Duration.ZERO, Duration.ZERO)
                    : parts.planner().plan(watermark, current.from(), until, Duration.ZERO);
            current.planned(routeId, windows.size());
        } else {
            windows = windows(exchange, spec, now);
        }
        if (windows.isEmpty()) {
            // nothing due (a bucket not settled yet): the report is as current as it can be
            parts.monitor().current(routeId);
        }
        WindowQueue queue = new WindowQueue(windows);
        Duration limit = failures.limit(routeId);
        if (limit != null && spec.shape() == ReportShape.DETAIL) {
            queue.rechunk(limit);
        }
        tick.windows = queue;
        tick.stateKey = stateKey;
    }

    /**
     * Reads the scope's state again before the route's first poll since the start (what a crash, a fresh disk or
     * another replica left) and before its first poll as a new leader; once per scope, and again on the next poll if
     * the reading failed.
     */
    private void reloadState(String routeId, String scope) {
        if (!planned.contains(routeId)) {
            reloadRequested.putIfAbsent(routeId, startNanos);
        }
        Long requested = reloadRequested.get(routeId);
        if (requested != null) {
            Long reloaded = scopeReloaded.get(scope);
            if (reloaded == null || reloaded - requested < 0) {
                long at = System.nanoTime();
                parts.commit().reload(scope);
                parts.callBudget().reload();
                scopeReloaded.put(scope, at);
            }
            reloadRequested.remove(routeId, requested);
        }
        planned.add(routeId);
    }

    /** The windows of a live poll, by the report's shape. */
    private List<Window> windows(Exchange exchange, ReportSpec spec, LocalDateTime now) {
        String routeId = exchange.getFromRouteId();
        LocalDateTime initialFrom = WolkvoxTime.parseStart(spec.initialFrom(), now);
        LocalDateTime watermark = parts.commit().watermarks().get(tick(exchange).stateScope, routeId);
        // asked first: a report's first poll starts its re-pull clock
        boolean repull = spec.shape() != ReportShape.REALTIME && repullDue(tick(exchange).stateScope, routeId, spec)
                && watermark != null;
        tick(exchange).repull = repull;
        return switch (spec.shape()) {
            case REALTIME -> List.of(new Window(now.minus(spec.horizon()).plusSeconds(1), now));
            // a bucket is fetched once it settled, and again (same bounds) when a re-pull reaches it
            case AGGREGATE -> WindowPlanner.buckets(watermark, initialFrom, now, spec.bucket(), spec.lookback(),
                    repull ? spec.repull() : Duration.ZERO);
            // each poll starts its lookback behind the watermark (deeper on a re-pull); delivered records are skipped
            case DETAIL -> parts.planner().plan(watermark, initialFrom, now.minus(settings.lag()),
                    repull && spec.repull().compareTo(spec.lookback()) > 0 ? spec.repull() : spec.lookback());
        };
    }

    /**
     * Whether the quota plan has this tick poll: a report planned to poll less often than its timer skips the ticks
     * in between (its next poll still reads everything since its watermark).
     */
    private boolean due(String routeId, ReportSpec spec) {
        Duration planned = schedule.periods().getOrDefault(routeId, spec.period());
        long nowNanos = System.nanoTime();
        Long last = lastPollNanos.get(routeId);
        if (last != null && planned.compareTo(spec.period()) > 0
                && nowNanos - last < planned.minus(spec.period().dividedBy(2)).toNanos()) {
            return false;
        }
        lastPollNanos.put(routeId, nowNanos);
        return true;
    }

    /**
     * Whether this poll re-pulls: one repull-every after the last re-pull that got through, kept with the watermark so
     * that restarts and new leaders do not put it off; a report's first poll ever starts the clock.
     */
    private boolean repullDue(String scope, String routeId, ReportSpec spec) {
        if (spec.repull().isZero()) {
            return false;
        }
        WatermarkStore marks = parts.commit().watermarks();
        LocalDateTime last = marks.lastRepull(scope, routeId);
        if (last == null) {
            marks.repulled(scope, routeId, now());
            return false;
        }
        parts.monitor().repulled(routeId, last);
        return !now().isBefore(last.plus(settings.repullEvery()));
    }

    /**
     * Whether the tick has a window left to fetch; none once its route stops or no longer leads its token.
     *
     * @param consumerStopping whether the route's consumer is being suspended or stopped
     */
    public boolean hasNextWindow(Exchange exchange, boolean consumerStopping) {
        Tick tick = tick(exchange);
        String routeId = exchange.getFromRouteId();
        if (tick.windows.hasNext()) {
            boolean stopping = consumerStopping || stopping(exchange);
            if (stopping || !leads.test(routeId)) {
                // this replica stops, or another one leads the token now: the next poll resumes from the last delivered
                // window
                LOG.info("route {} {}: the tick ends with {} window(s) left to the next poll", routeId,
                        stopping ? "stops" : "no longer leads its token", tick.windows.remaining());
                tick.windows.clear();
            }
        }
        return tick.windows.hasNext();
    }

    private static boolean stopping(Exchange exchange) {
        ServiceStatus route = exchange.getContext().getRouteController().getRouteStatus(exchange.getFromRouteId());
        return exchange.getContext().getStatus().isStopping() || route != null && route.isStopping();
    }

    /** Takes the next window and prepares its GET. */
    public void beginWindow(Exchange exchange) {
        Tick tick = tick(exchange);
        Window window = tick.windows.next();
        ReportSpec spec = spec(exchange);
        Map<String, String> params = parseParams(spec.params());
        if (spec.shape() != ReportShape.REALTIME) {
            params.put("date_ini", window.dateIni());
            params.put("date_end", window.dateEnd());
        }
        StringBuilder query = new StringBuilder("api=").append(encode(spec.api()));
        params.forEach((name, value) -> query.append('&').append(encode(name)).append('=').append(encode(value)));
        // not sent: a key part (@polled_at) of reports whose every poll is delivered (snapshots, counters)
        params.put(POLLED_AT, window.dateEnd());
        discardAnswer(exchange);
        tick.window = window;
        tick.windowOwner = exchange.getFromRouteId() + "#" + windowAttempts.incrementAndGet();
        tick.tokenAlias = parts.tokens().canonical(spec.token());
        tick.requestParams = params;
        tick.startedNanos = System.nanoTime();
        tick.requestedAt = null;
        tick.envelope = null;
        tick.listDigest = null;
        tick.tolerant = null;
        tick.records = null;
        tick.passes = 0;
        tick.passAgain = false;
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setBody(null);
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader(Exchange.HTTP_URI, settings.baseUrl() + "/api/v2/" + spec.group() + ".php");
        message.setHeader(Exchange.HTTP_QUERY, query.toString());
    }

    /**
     * Counts the call against the token's daily budget (stopping short of Wolkvox's limit).
     *
     * @return the canonical alias of the token the call is made with, whose call slot it then takes
     */
    public String countCall(Exchange exchange) {
        String alias = tick(exchange).tokenAlias;
        CallBudget budget = parts.callBudget();
        if (!budget.tryUse(alias, now().toLocalDate())) {
            throw new WolkvoxAnswerException(WolkvoxErrorClass.QUOTA_EXHAUSTED, 0, "today's budget of " + budget.budget()
                    + " calls is used (WOLKVOX_DAILY_CALL_LIMIT " + budget.limit() + " less " + budget.headroom()
                    + " kept for manual use)");
        }
        return alias;
    }

    /** Puts the token on the request, just before the call. */
    public void authorize(Exchange exchange) {
        Tick tick = tick(exchange);
        exchange.getMessage().setHeader(TOKEN_HEADER, parts.tokens().token(tick.tokenAlias));
        // the call leaves now: what the answer's Date is compared with
        tick.requestedAt = parts.clock().host();
    }

    /**
     * Reads the whole answer off the connection into a temporary file, the call exchange's body from then on, while the
     * call still holds the token's slot (Wolkvox counts a call until its answer is sent).
     */
    public void spoolAnswer(Exchange exchange) {
        exchange.getMessage().setBody(AnswerSpool.of(exchange.getMessage().getBody(InputStream.class),
                (long) (settings.answerSizeLimit() * SPOOL_CAP)));
    }

    /**
     * Classifies the answer. An answer that is valid JSON except for some records is read record by record, the
     * unreadable ones becoming dead letters. An answer that may have been cut (as many records as the cap, fewer than
     * its {@code msg} says were found, or close to Wolkvox's size limit) puts its window back as two halves and delivers
     * nothing itself, down to the smallest span, where its records are delivered with a loud warning.
     */
    public void readAnswer(Exchange exchange) throws IOException {
        Tick tick = tick(exchange);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        ReportSpec spec = spec(exchange);
        AnswerSpool spool = exchange.getMessage().getBody(AnswerSpool.class);
        tick.spool = spool;
        String answeredAt = exchange.getMessage().getHeader("Date", String.class);
        // each record's exchange starts as a copy of this one: nothing of the HTTP answer goes with it
        exchange.getMessage().setBody(null);
        exchange.getMessage().getHeaders().clear();
        checkClock(answeredAt, tick.requestedAt, spec, tick.window, status);
        if (spool.cut()) {
            throw new WolkvoxAnswerException(WolkvoxErrorClass.ANSWER_TOO_LARGE, status, "the answer went on past "
                    + spool.size() + " bytes, " + SPOOL_CAP + " x Wolkvox's limit of " + settings.answerSizeLimit()
                    + "; the rest was not read");
        }
        Envelope envelope;
        try (InputStream answer = spool.open()) {
            envelope = AnswerClassifier.classify(status, answer, spec.dateField().isEmpty() ? null : spec.dateField());
        } catch (WolkvoxAnswerException malformed) {
            TolerantReader tolerant = malformed.errorClass() == WolkvoxErrorClass.MALFORMED_ANSWER
                    ? TolerantReader.of(spool.path()) : null;
            if (tolerant == null || !new Envelope(tolerant.code(), null, 0).successful()) {
                throw malformed;
            }
            LOG.warn("poll report={} route={} window={}: the answer is not valid JSON throughout ({}); reading it record "
                            + "by record, unreadable records become dead letters", spec.api(), exchange.getFromRouteId(),
                    tick.window, malformed.getMessage());
            tick.tolerant = tolerant;
            envelope = new Envelope(tolerant.code(), null, tolerant.recordCount());
        }
        Window window = tick.window;
        String outcome = envelope.recordCount() == 0 ? "empty" : "ok";
        String cut = limits.cutReason(envelope, spool.size());
        if (cut != null) {
            if (spec.shape() == ReportShape.DETAIL && window.span().compareTo(settings.minSplitSpan()) > 0) {
                WindowQueue queue = tick.windows;
                LocalDateTime at = limits.cutBefore(window, envelope);
                if (at != null) {
                    queue.splitNext(window, at);
                } else {
                    queue.splitNext(window);
                }
                envelope = envelope.withoutRecords();
                tick.tolerant = null;
                outcome = "split";
            } else {
                outcome = "capped";
                LOG.warn("poll report={} route={} window={} records={} outcome=capped: {}, and the window cannot be "
                                + "split ({}); records past the cut may be missing", spec.api(), exchange.getFromRouteId(),
                        window, envelope.recordCount(), cut, spec.shape() == ReportShape.DETAIL
                                ? "minimum span " + settings.minSplitSpan() : spec.shape().name().toLowerCase() + " report");
            }
        }
        int fetched = envelope.recordCount();
        if (keySpecs.computeIfAbsent(spec.keyFields(), RecordKeys::parse).namesParam(LIST_VERSION)) {
            tick.listDigest = spool.digest();
            if (tick.listDigest.equals(listDigests.get(exchange.getFromRouteId()))) {
                parts.monitor().recordsSkipped(spec.api(), "duplicate", fetched);
                envelope = envelope.withoutRecords();
                tick.tolerant = null;
                outcome = "unchanged";
            } else {
                tick.requestParams.put(LIST_VERSION, window.dateEnd());
            }
        }
        tick.envelope = envelope;
        tick.outcome = outcome;
        parts.monitor().called(exchange.getFromRouteId(), spec.api(), spec.token(), outcome, elapsedNanos(exchange),
                fetched);
    }

    /**
     * Once a window's records and bytes per second are known, the detail windows still to come are cut to fill most of
     * an answer, within the span the failures of the report allow.
     */
    private void sizeRemainingWindows(String routeId, WindowQueue queue, Window window, int records, long bytes) {
        Duration span = limits.span(window, records, bytes, parts.planner().maxSpan());
        Duration limit = failures.limit(routeId);
        if (limit != null) {
            span = min(span, limit);
        }
        queue.rechunk(span.compareTo(settings.minSplitSpan()) < 0 ? settings.minSplitSpan() : span);
    }

    /**
     * Whether the window's records are to be sent (again): on the first pass when the answer holds any, and after a pass
     * in which some failed while attempts are left ({@link #recordsSent}).
     */
    public boolean recordsPending(Exchange exchange) {
        Tick tick = tick(exchange);
        Envelope envelope = tick.envelope;
        if (envelope == null || envelope.recordCount() == 0) {
            return false;
        }
        return tick.records == null || tick.passAgain;
    }

    /**
     * The window's records for the route, read one at a time from the fetched answer, each a message with its
     * headers (see {@link WindowRecords}). Records that failed too often while the rest of their window got through are
     * refused: they become dead letters.
     */
    public WindowRecords records(Exchange exchange) throws IOException, InterruptedException {
        Tick tick = tick(exchange);
        ReportSpec spec = spec(exchange);
        String routeId = exchange.getFromRouteId();
        parts.commit().recordsStart(tick.stateScope, tick.windowOwner);
        Map<String, String> params = tick.requestParams;
        RecordKeys keys = keySpecs.computeIfAbsent(spec.keyFields(), RecordKeys::parse);
        Window window = tick.window;
        Map<Fingerprint, String> giveUp = parts.strikes().givenUp(tick.stateScope, routeId, parts.clock().instant());
        TolerantReader tolerant = tick.tolerant;
        Iterator<WolkvoxRecord> read;
        Closeable answer;
        if (tolerant != null) {
            read = tolerant.records();
            answer = () -> { };
        } else {
            InputStream in = tick.spool.open();
            EnvelopeReader.RecordIterator strict = EnvelopeReader.records(in);
            read = strict;
            answer = () -> {
                try {
                    strict.close();
                } finally {
                    in.close();
                }
            };
        }
        WindowRecords pass = new WindowRecords(exchange.getContext(), read, answer, routeId,
                record -> keys.keyOf(record, params), record -> recordDate(record, spec, routeId, keys, params, window),
                windowHeaders(spec, window), giveUp, MAX_RECORDS_IN_FLIGHT);
        tick.records = pass;
        tick.passes = tick.passes + 1;
        return pass;
    }

    /**
     * After a pass over the window's records: counts them, and when some failed (a sink down, a webhook that answered
     * 500), has the window's records sent again from the fetched answer after a back-off; records that reached their
     * endpoints are not sent again. A record that keeps failing while the rest of its window gets through is struck,
     * and refused (a dead letter) on a later pass.
     *
     * @throws SinkFailedException when records still failed after the attempts allowed: the window fails
     */
    public void recordsSent(Exchange exchange) throws InterruptedException, SinkFailedException {
        Tick tick = tick(exchange);
        WindowRecords pass = tick.records;
        pass.close();
        // another pass only if this one failed and attempts are left
        tick.passAgain = false;
        ReportSpec spec = spec(exchange);
        String routeId = exchange.getFromRouteId();
        parts.monitor().recordsDelivered(spec.api(), pass.delivered());
        parts.monitor().recordsSkipped(spec.api(), "duplicate", pass.duplicates());
        parts.monitor().recordsSkipped(spec.api(), "unrouted", pass.unrouted());
        parts.monitor().recordVersions(spec.api(), pass.versions());
        List<WindowRecords.Failure> failed = pass.failures();
        if (failed.isEmpty()) {
            return;
        }
        WindowRecords.Failure first = failed.get(0);
        parts.strikes().passEnded(tick.stateScope, routeId, pass.delivered(), failed.stream()
                        .map(failure -> new RecordStrikes.Failure(failure.fingerprint(), RecordRefusals.refused(failure.error())))
                        .distinct().toList(),
                first.error().getClass().getSimpleName(), parts.clock().instant());
        // health shows the summary: no record key or value (a phone number, a sink's message quoting a row) in it
        String summary = failed.size() + " record(s) did not reach their endpoints ("
                + first.error().getClass().getSimpleName() + ")";
        // logs name the record by its reference; the error text, which may quote it, goes only to a dead letter
        String reason = systemReason(first.error());
        String logged = summary + (reason == null ? "" : ": " + reason) + "; first: record " + RecordRef.of(first.key());
        int attempt = tick.passes;
        if (!parts.backoff().mayRetry(attempt)) {
            LOG.warn("poll report={} route={} window={} delivery failed: {}", spec.api(), routeId, tick.window, logged);
            throw new SinkFailedException(summary, first.error());
        }
        Duration delay = parts.backoff().delay(attempt);
        LOG.info("poll report={} route={} window={} delivery failed ({}); retry {}/{} from the fetched answer in {}ms",
                spec.api(), routeId, tick.window, logged, attempt + 1,
                parts.backoff().maxAttempts(), delay.toMillis());
        parts.monitor().retried(spec.api(), WolkvoxErrorClass.DELIVERY_FAILED.name());
        parts.commit().passFailed(tick.stateScope, routeId, tick.windowOwner);
        tick.passAgain = true;
        tick.pause = delay;
    }

    /**
     * How long to wait before the tick goes on, after a failed pass or window that is tried again (a back-off with
     * jitter); zero when nothing failed. The wait is the consumer's: it ends early when the route stops.
     */
    public Duration takePause(Exchange exchange) {
        Tick tick = tick(exchange);
        Duration pause = tick.pause;
        tick.pause = Duration.ZERO;
        return pause;
    }

    /**
     * The operating system's words for an I/O failure in {@code error}'s chain (a full disk, a refused connection),
     * which quote no record; null for any other failure, whose text may (a database's duplicate key, a parser's token).
     */
    static String systemReason(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException && !(cause instanceof JacksonException)) {
                return cause.getMessage();
            }
        }
        return null;
    }

    /** The headers every record of a window carries: report, window bounds, fetch time. */
    private Map<String, String> windowHeaders(ReportSpec spec, Window window) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HEADER_REPORT, spec.api());
        headers.put(HEADER_GROUP, spec.group());
        headers.put(HEADER_WINDOW_START, window.start().atZone(settings.zone()).toOffsetDateTime().toString());
        headers.put(HEADER_WINDOW_END, window.end().atZone(settings.zone()).toOffsetDateTime().toString());
        headers.put(HEADER_FETCHED_AT, now().atZone(settings.zone()).toOffsetDateTime().toString());
        return headers;
    }

    /**
     * Ends a window whose records all reached their sinks: makes the delivered records durable, moves the watermark to
     * its end, records it in the ledger and logs the poll. A window put back as halves moves nothing.
     */
    public void windowDelivered(Exchange exchange) throws InterruptedException {
        Tick tick = tick(exchange);
        long answerBytes = tick.spool.size();
        discardAnswer(exchange);
        ReportSpec spec = spec(exchange);
        Window window = tick.window;
        Envelope envelope = tick.envelope;
        String outcome = tick.outcome;
        String routeId = exchange.getFromRouteId();
        WindowQueue queue = tick.windows;
        Backfill current = backfill;
        if (current != null) {
            current.called(routeId);
        }
        if (!outcome.equals("split")) {
            String stateKey = tick.stateKey;
            boolean realtime = spec.shape() == ReportShape.REALTIME;
            parts.commit().delivered(tick.stateScope, routeId, tick.windowOwner, stateKey, realtime ? null : window.end());
            if (tick.listDigest != null) {
                listDigests.put(routeId, tick.listDigest);
            }
            failures.done(routeId, window);
            if (realtime) {
                realtimeCovered(routeId, spec, window);
            }
            if (queue.remaining() == 0) {
                // the tick's last window: nothing due is left, and a re-pull got through
                parts.monitor().current(routeId);
                if (tick.repull) {
                    LocalDateTime repulled = now();
                    parts.commit().watermarks().repulled(tick.stateScope, routeId, repulled);
                    parts.monitor().repulled(routeId, repulled);
                }
            }
            parts.monitor().delivered(routeId, current == null ? parts.commit().watermarks().get(tick.stateScope, stateKey) : null);
            if (spec.shape() == ReportShape.DETAIL && !outcome.equals("capped")) {
                sizeRemainingWindows(routeId, queue, window, envelope.recordCount(), answerBytes);
            }
            if (current != null) {
                current.windowDelivered(routeId, window, envelope.recordCount(), queue.remaining());
            }
        }
        parts.ledger().record(new WindowLedger.Entry(routeId, spec.api(), window.start(), window.end(),
                envelope.recordCount(), outcome, null, now()));
        LOG.info("poll report={} route={} window={} records={} durationMs={} outcome={}", spec.api(), routeId, window,
                envelope.recordCount(), elapsedNanos(exchange) / 1_000_000, outcome);
    }

    /** A real-time answer covers its horizon only: time between it and the previous one is lost, and counted. */
    private void realtimeCovered(String routeId, ReportSpec spec, Window window) {
        LocalDateTime previous = realtimeCovered.put(routeId, window.end());
        if (previous != null && window.start().isAfter(previous.plusSeconds(1))) {
            long lost = Duration.between(previous, window.start()).getSeconds() - 1;
            parts.monitor().realtimeGap(routeId, spec.api(), lost);
            LOG.warn("report={} route={} real-time gap: {} s between {} and {} were never answered (polls came further "
                    + "apart than the report's horizon of {})", spec.api(), routeId, lost, previous, window.start(),
                    spec.horizon());
        }
    }

    /**
     * Decides what a failed window leads to, by error class: a passing fault (timeout, 5xx, maintenance page, cut-off
     * answer, too many calls at once) is tried again after a back-off with jitter, up to the attempts allowed, then
     * left for the next tick; a timeout, and an answer that keeps coming back broken, make the window smaller (see
     * {@link WindowFailures}), and one still broken at the smallest span is kept as a dead letter and passed; a spent
     * daily quota pauses the token until local midnight; a refused token is set aside until restart; a request Wolkvox
     * calls wrong (400) stops the report until its YAML changes; a web server's 404 page stops the tick and shows in
     * health. Only a given-up window moves the watermark.
     */
    public WolkvoxAnswerException windowFailed(Exchange exchange) throws InterruptedException {
        Tick tick = tick(exchange);
        AnswerSpool spool = tick.spool;
        byte[] answerHead = spool == null ? new byte[0] : spool.head(ANSWER_HEAD_BYTES);
        // first: nothing that fails after it may leave the window's transaction open
        parts.commit().failed(exchange.getFromRouteId(), tick.windowOwner);
        discardAnswer(exchange);
        Throwable failure = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        WolkvoxAnswerException classified = recordFailure(exchange, failure);
        WolkvoxErrorClass errorClass = classified.errorClass();
        ReportSpec spec = spec(exchange);
        String routeId = exchange.getFromRouteId();
        Window window = tick.window;
        WindowQueue queue = tick.windows;
        String alias = parts.tokens().canonical(spec.token());
        String message = classified.getMessage();
        switch (errorClass) {
            case CONFIGURATION -> {
                refusedRequests.put(requestKey(routeId, spec), message);
                LOG.error("report={} route={} stopped: Wolkvox refused the request with parameters {} ({}). Fix api, group "
                        + "or params in the YAML; the report polls again once its route changes or on restart", spec.api(),
                        routeId, tick.requestParams, message);
                queue.clear();
            }
            case TOKEN_INVALID -> {
                parts.tokenStates().invalid(alias, message);
                LOG.error("token {} refused by Wolkvox ({}): reports using it stop until the application restarts with "
                        + "a valid WOLKVOX_TOKEN or WOLKVOX_TOKEN_FILE", alias, message);
                queue.clear();
            }
            case QUOTA_EXHAUSTED -> {
                Instant midnight = now().toLocalDate().plusDays(1).atStartOfDay(settings.zone()).toInstant();
                parts.tokenStates().pauseUntil(alias, midnight, message);
                LOG.warn("token {} used up its daily calls ({}): reports using it pause until {}", alias, message, midnight);
                queue.clear();
            }
            case NOT_FOUND_PAGE, DELIVERY_FAILED, CLOCK_AHEAD -> queue.clear();
            default -> retryOrResize(exchange, spec, window, queue, classified, answerHead);
        }
        return classified;
    }

    private void retryOrResize(Exchange exchange, ReportSpec spec, Window window, WindowQueue queue,
                               WolkvoxAnswerException classified, byte[] answerHead) throws InterruptedException {
        String routeId = exchange.getFromRouteId();
        WolkvoxErrorClass errorClass = classified.errorClass();
        if (window == null) {
            queue.clear();
            return;
        }
        switch (failures.failed(routeId, window, errorClass, spec.shape() == ReportShape.DETAIL)) {
            case SPLIT -> {
                if (!mayCallAgain(spec, routeId, window)) {
                    queue.clear();
                    return;
                }
                LOG.info("poll report={} route={} window={} is fetched again in halves after {}", spec.api(), routeId,
                        window, errorClass);
                queue.splitNext(window);
            }
            case GIVE_UP -> giveUp(exchange, spec, window, classified, answerHead);
            case RETRY -> {
                int attempts = queue.failed(window);
                if (errorClass.retryable() && parts.backoff().mayRetry(attempts) && mayCallAgain(spec, routeId, window)) {
                    Duration delay = parts.backoff().delay(attempts);
                    LOG.info("poll report={} route={} window={} retry={}/{} in={}ms", spec.api(), routeId, window,
                            attempts + 1, parts.backoff().maxAttempts(), delay.toMillis());
                    parts.monitor().retried(spec.api(), errorClass.name());
                    queue.retryNext(window);
                    tick(exchange).pause = delay;
                } else {
                    queue.clear();
                }
            }
        }
    }

    /**
     * Whether the retry budget lets a failed window be called again in this tick (counted as a retry when it does);
     * else it waits for the next poll, which reads from the watermark anyway.
     */
    private boolean mayCallAgain(ReportSpec spec, String routeId, Window window) {
        String alias = parts.tokens().canonical(spec.token());
        LocalDate today = now().toLocalDate();
        String refused = reserve(alias).refusesRetry(parts.callBudget().retries(alias, today),
                parts.callBudget().used(alias, today), untilMidnight());
        if (refused != null) {
            LOG.warn("poll report={} route={} window={} is not tried again before the next poll: {}", spec.api(), routeId,
                    window, refused);
            return false;
        }
        parts.callBudget().retried(alias, today);
        return true;
    }

    /** The token's reserve as planned; before a plan, one that keeps nothing back. */
    private CallReserve reserve(String alias) {
        CallReserve reserve = schedule.reserves().get(alias);
        return reserve != null ? reserve : new CallReserve(parts.callBudget().budget(), parts.callBudget().budget(), List.of());
    }

    private Duration untilMidnight() {
        LocalDateTime now = now();
        return Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay());
    }

    /**
     * A window still broken at the smallest span: kept as a dead letter (what was asked, the error, the answer's start)
     * and passed, so that the report and its token's calls go on. Its records are not lost silently: the dead letter
     * says which range to fetch again by hand.
     */
    private void giveUp(Exchange exchange, ReportSpec spec, Window window, WolkvoxAnswerException classified,
                        byte[] answerHead) throws InterruptedException {
        Tick tick = tick(exchange);
        String routeId = exchange.getFromRouteId();
        Map<String, String> headers = windowHeaders(spec, window);
        headers.put(HEADER_RECORD_DATE, DAY.format(window.start()));
        try {
            parts.deadLetters().keepWindow(routeId, headers, classified.errorClass().name(), classified.getMessage(),
                    answerHead);
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.error("report={} route={} window={}: cannot keep the given-up window as a dead letter ({}); it is tried "
                    + "again on the next poll", spec.api(), routeId, window, e.getMessage());
            tick.windows.clear();
            return;
        }
        parts.commit().delivered(tick.stateScope, routeId, tick.windowOwner, tick.stateKey,
                spec.shape() == ReportShape.REALTIME ? null : window.end());
        failures.done(routeId, window);
        parts.ledger().record(new WindowLedger.Entry(routeId, spec.api(), window.start(), window.end(), 0, "given-up",
                classified.errorClass().name(), now()));
        Backfill current = backfill;
        if (current != null) {
            // passed like a delivered window: a backfill whose last window is given up ends then, not a poll later
            current.windowDelivered(routeId, window, 0, tick.windows.remaining());
        }
    }

    /**
     * Reads Wolkvox's time from its answer: a host clock running ahead of it is held back from now on, and a window
     * already planned past Wolkvox's now is not delivered (its watermark would pass rows not dated yet).
     */
    private void checkClock(String answeredAt, Instant requestedAt, ReportSpec spec, Window window, int status) {
        Duration before = parts.clock().ahead();
        Duration ahead = requestedAt == null ? null : parts.clock().answered(answeredAt, requestedAt);
        if (ahead == null) {
            return;
        }
        if (!ahead.isZero() && before.isZero()) {
            LOG.warn("The host clock is {} s ahead of Wolkvox's (the Date of its answers): windows are planned on "
                    + "Wolkvox's time until the clock is fixed (NTP)", ahead.toSeconds());
        } else if (ahead.isZero() && !before.isZero()) {
            LOG.info("The host clock agrees with Wolkvox's again");
        }
        if (window != null && spec.shape() != ReportShape.REALTIME && window.end().isAfter(now())) {
            throw new WolkvoxAnswerException(WolkvoxErrorClass.CLOCK_AHEAD, status, "the host clock is "
                    + ahead.toSeconds() + " s ahead of Wolkvox's: the window ends at " + window.end()
                    + ", after Wolkvox's now; it is fetched again on Wolkvox's time");
        }
    }

    /**
     * Logs a poll that failed outside a window (planning it) in one line; the watermark stays.
     *
     * @return the failure, classified
     */
    public WolkvoxAnswerException pollFailed(Exchange exchange) {
        parts.commit().failed(exchange.getFromRouteId(), tick(exchange).windowOwner);
        discardAnswer(exchange);
        return recordFailure(exchange, exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class));
    }

    /** Classifies a failure and records it: log line, ledger, metrics and health. Never holds a token. */
    private WolkvoxAnswerException recordFailure(Exchange exchange, Throwable failure) {
        Tick tick = tick(exchange);
        String routeId = exchange.getFromRouteId();
        Window window = tick.window;
        boolean answerReceived = tick.envelope != null;
        WolkvoxAnswerException classified = WolkvoxFailures.classify(failure, answerReceived);
        ReportSpec spec = tick.spec;
        String api = spec == null ? "-" : spec.api();
        if (!answerReceived && window != null) {
            parts.monitor().called(routeId, api, spec.token(), classified.errorClass().name(), elapsedNanos(exchange), 0);
        }
        WolkvoxErrorClass errorClass = classified.errorClass();
        parts.monitor().failed(routeId, errorClass.name(), classified.getMessage(),
                errorClass == WolkvoxErrorClass.CONFIGURATION || errorClass == WolkvoxErrorClass.TOKEN_INVALID
                        || errorClass == WolkvoxErrorClass.NOT_FOUND_PAGE || errorClass == WolkvoxErrorClass.CLOCK_AHEAD);
        // records that did reach their sinks stay remembered (in memory) so the retry skips them; they become durable
        // with the retried window (in exactly-once mode they were rolled back with its transaction, and go again)
        if (window != null) {
            parts.ledger().record(new WindowLedger.Entry(routeId, api, window.start(), window.end(), 0, "failed",
                    errorClass.name(), now()));
        }
        LOG.warn("poll report={} route={} window={} durationMs={} outcome=failed class={} error=\"{}\"", api, routeId,
                window == null ? "-" : window, elapsedNanos(exchange) / 1_000_000, errorClass, classified.getMessage());
        return classified;
    }

    /** Closes the window's pass over its answer and deletes the answer, so a long backfill keeps one on disk at a time. */
    private static void discardAnswer(Exchange exchange) {
        Tick tick = tick(exchange);
        // a pass a failure ended before recordsSent still reads from it
        if (tick.records != null) {
            tick.records.close();
        }
        AnswerSpool spool = tick.spool;
        tick.spool = null;
        if (spool != null) {
            spool.close();
        }
    }

    /** The exchange's tick, made when its first step needs it. */
    static Tick tick(Exchange exchange) {
        Tick tick = exchange.getProperty(PROPERTY_TICK, Tick.class);
        if (tick == null) {
            tick = new Tick();
            exchange.setProperty(PROPERTY_TICK, tick);
        }
        return tick;
    }

    private static ReportSpec spec(Exchange exchange) {
        return tick(exchange).spec;
    }

    /** What identifies a request Wolkvox may refuse: the route and what it asks for. */
    private static String requestKey(String routeId, ReportSpec spec) {
        return routeId + "|" + spec.group() + "|" + spec.api() + "|" + spec.params();
    }

    /**
     * The record's date, for day-partitioned sinks and de-duplication by hour: its date field, else the window's day
     * (every window of that day then finds the record in the same place, hour 00, whatever hour it starts). A detail
     * row without a date of its own keeps the day its key was first delivered, and a record without key or date (not
     * valid JSON) the day its content was first kept: a row is seen by windows starting on other days (past midnight,
     * a re-pull), which would deliver or letter it again under their day.
     */
    private String recordDate(WolkvoxRecord record, ReportSpec spec, String routeId, RecordKeys keys,
                              Map<String, String> params, Window window) {
        Object value = spec.dateField().isEmpty() ? null : record.get(spec.dateField());
        if (value instanceof String text && DeliveredRecords.isDate(text)) {
            return text;
        }
        LocalDate windowDay = window.start().toLocalDate();
        String key;
        if (record.unreadable() != null) {
            key = Fingerprint.contentKey(record.json());
        } else if (spec.shape() != ReportShape.DETAIL) {
            return DAY.format(windowDay);
        } else {
            try {
                key = keys.keyOf(record, params);
            } catch (RecordKeys.MissingKeyException noKey) {
                key = Fingerprint.contentKey(record.json());
            }
        }
        long keyHash = Fingerprint.keyHash(routeId, key);
        return DAY.format(parts.commit().delivered().dayOfKey(keyHash, window.end().toLocalDate(), windowDay));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(parts.clock().withZone(settings.zone())).withNano(0);
    }

    private static long elapsedNanos(Exchange exchange) {
        Long started = tick(exchange).startedNanos;
        return started == null ? 0 : System.nanoTime() - started;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static Map<String, String> parseParams(String params) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String pair : params.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            parsed.put(eq < 0 ? pair.trim() : pair.substring(0, eq).trim(), eq < 0 ? "" : pair.substring(eq + 1).trim());
        }
        return parsed;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
