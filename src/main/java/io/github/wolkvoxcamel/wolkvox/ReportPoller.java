package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.Durations;
import io.github.wolkvoxcamel.backfill.Backfill;
import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.sink.RecordDispatcher;
import io.github.wolkvoxcamel.sink.SinkFailedException;
import io.github.wolkvoxcamel.state.CallBudget;
import io.github.wolkvoxcamel.state.DeliveredKeys;
import io.github.wolkvoxcamel.state.WatermarkStore;
import io.github.wolkvoxcamel.state.WindowLedger;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Java steps of the report route template ({@code routes/wolkvox-poller.yaml}): plan the windows of a tick, make
 * the call for one window while holding the token's permit, read the answer (splitting a window whose answer came
 * back full), key each record, and advance the watermark once a window is delivered. The decisions themselves live
 * in {@link WindowPlanner}, {@link AnswerClassifier}, {@link EnvelopeReader} and {@link RecordKeys}.
 */
public final class ReportPoller {

    /** Record headers, also carried to Kafka. */
    public static final String HEADER_REPORT = "WolkvoxReport";
    public static final String HEADER_RECORD_KEY = "WolkvoxRecordKey";
    public static final String HEADER_WINDOW_START = "WolkvoxWindowStart";
    public static final String HEADER_WINDOW_END = "WolkvoxWindowEnd";
    public static final String HEADER_FETCHED_AT = "WolkvoxFetchedAt";
    public static final String HEADER_RECORD_DATE = "WolkvoxRecordDate";

    /** Exchange properties set by the template; properties, because camel-http sends headers on to Wolkvox. */
    public static final String PROPERTY_API = "wolkvoxApi";
    public static final String PROPERTY_GROUP = "wolkvoxGroup";
    public static final String PROPERTY_PARAMS = "wolkvoxParams";
    public static final String PROPERTY_KEY_FIELDS = "wolkvoxKeyFields";
    public static final String PROPERTY_DATE_FIELD = "wolkvoxDateField";
    public static final String PROPERTY_TOKEN_ALIAS = "wolkvoxTokenAlias";
    public static final String PROPERTY_WINDOWED = "wolkvoxWindowed";
    static final String PROPERTY_WINDOWS = "wolkvoxWindows";
    static final String PROPERTY_STATE_KEY = "wolkvoxStateKey";
    static final String PROPERTY_WINDOW = "wolkvoxWindow";
    static final String PROPERTY_REQUEST_PARAMS = "wolkvoxRequestParams";
    static final String PROPERTY_ENVELOPE = "wolkvoxEnvelope";
    static final String PROPERTY_SPOOL = "wolkvoxSpool";
    static final String PROPERTY_OUTCOME = "wolkvoxOutcome";
    static final String PROPERTY_PERMIT_HELD = "wolkvoxPermitHeld";
    static final String PROPERTY_STARTED_NANOS = "wolkvoxStartedNanos";

    static final String TOKEN_HEADER = "wolkvox-token";
    /** Share of the record cap a window is sized to hold: close to full, with room for busier hours. */
    private static final double FILL = 0.9;
    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.poll");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final PollerSettings settings;
    private final WolkvoxTokens tokens;
    private final TokenPermits permits;
    private final WindowPlanner planner;
    private final WatermarkStore watermarks;
    private final DeliveredKeys deliveredKeys;
    private final RecordDispatcher dispatcher;
    private final WindowLedger ledger;
    private final Clock clock;
    private final PollMonitor monitor;
    private final Backoff backoff;
    private final TokenStates tokenStates;
    private final CallBudget callBudget;
    private final Map<String, String> refusedRequests = new ConcurrentHashMap<>();
    private final Map<String, RecordKeys> keySpecs = new ConcurrentHashMap<>();
    private final Map<String, Long> lastRepullNanos = new ConcurrentHashMap<>();
    private volatile Backfill backfill;

    public ReportPoller(PollerSettings settings, WolkvoxTokens tokens, TokenPermits permits, WindowPlanner planner,
                        WatermarkStore watermarks, DeliveredKeys deliveredKeys, WindowLedger ledger, PollMonitor monitor,
                        Backoff backoff, TokenStates tokenStates, CallBudget callBudget, RecordDispatcher dispatcher,
                        Clock clock) {
        this.settings = settings;
        this.tokens = tokens;
        this.permits = permits;
        this.planner = planner;
        this.watermarks = watermarks;
        this.deliveredKeys = deliveredKeys;
        this.dispatcher = dispatcher;
        this.ledger = ledger;
        this.monitor = monitor;
        this.backoff = backoff;
        this.tokenStates = tokenStates;
        this.callBudget = callBudget;
        this.clock = clock;
    }

    /** Turns this poller into a backfill of a past range (see {@link Backfill}). */
    public void setBackfill(Backfill backfill) {
        this.backfill = backfill;
    }

    /**
     * Plans the windows this tick fetches, as a queue the window loop consumes: from the watermark to now (or to the
     * end of a backfill), or the last ten minutes for a real-time api.
     */
    public void plan(Exchange exchange, String initialFrom, String period) {
        String routeId = exchange.getFromRouteId();
        boolean windowed = exchange.getProperty(PROPERTY_WINDOWED, Boolean.class);
        String api = exchange.getProperty(PROPERTY_API, String.class);
        monitor.polling(routeId, api, Durations.parse("period", period));
        LocalDateTime now = now();
        String alias = tokens.canonical(exchange.getProperty(PROPERTY_TOKEN_ALIAS, String.class));
        String notNow = tokenStates.reason(alias, clock.instant());
        String refused = refusedRequests.get(requestKey(exchange));
        if (notNow != null || refused != null) {
            LOG.info("poll report={} route={} outcome=skipped reason=\"{}\"", api, routeId,
                    refused != null ? "Wolkvox refused this request (fix the report in YAML): " + refused
                            : "token " + alias + ": " + notNow);
            exchange.setProperty(PROPERTY_WINDOWS, new WindowQueue(List.of()));
            return;
        }
        List<Window> windows;
        String stateKey = routeId;
        Backfill current = backfill;
        if (current != null) {
            if (!current.includes(routeId, api, windowed)) {
                exchange.setProperty(PROPERTY_WINDOWS, new WindowQueue(List.of()));
                return;
            }
            stateKey = current.stateKey(routeId);
            LocalDateTime until = current.to().isBefore(now) ? current.to() : now;
            windows = planner.plan(watermarks.get(stateKey), current.from(), until);
            current.planned(routeId, windows.size());
        } else if (!windowed) {
            windows = List.of(new Window(now.minusMinutes(10).plusSeconds(1), now));
        } else {
            LocalDateTime watermark = watermarks.get(stateKey);
            if (watermark != null && repullDue(routeId)) {
                // fetch the recent past again for rows Wolkvox added late; the delivered ones are skipped by key
                watermark = watermark.minus(settings.repull());
            }
            windows = planner.plan(watermark, WolkvoxTime.parseStart(initialFrom, now), now);
        }
        exchange.setProperty(PROPERTY_WINDOWS, new WindowQueue(windows));
        exchange.setProperty(PROPERTY_STATE_KEY, stateKey);
    }

    private boolean repullDue(String routeId) {
        if (settings.repull().isZero()) {
            return false;
        }
        long nowNanos = System.nanoTime();
        Long last = lastRepullNanos.get(routeId);
        if (last != null && nowNanos - last < settings.repullEvery().toNanos()) {
            return false;
        }
        lastRepullNanos.put(routeId, nowNanos);
        return true;
    }

    public boolean hasNextWindow(Exchange exchange) {
        return exchange.getProperty(PROPERTY_WINDOWS, WindowQueue.class).hasNext();
    }

    /** Takes the next window and prepares its GET. */
    public void beginWindow(Exchange exchange) {
        Window window = exchange.getProperty(PROPERTY_WINDOWS, WindowQueue.class).next();
        boolean windowed = exchange.getProperty(PROPERTY_WINDOWED, Boolean.class);
        Map<String, String> params = parseParams(exchange.getProperty(PROPERTY_PARAMS, "", String.class));
        if (windowed) {
            params.put("date_ini", window.dateIni());
            params.put("date_end", window.dateEnd());
        }
        StringBuilder query = new StringBuilder("api=").append(encode(exchange.getProperty(PROPERTY_API, String.class)));
        params.forEach((name, value) -> query.append('&').append(encode(name)).append('=').append(encode(value)));
        exchange.setProperty(PROPERTY_WINDOW, window);
        exchange.setProperty(PROPERTY_REQUEST_PARAMS, params);
        exchange.setProperty(PROPERTY_STARTED_NANOS, System.nanoTime());
        exchange.removeProperty(PROPERTY_ENVELOPE);
        discardAnswer(exchange);
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setBody(null);
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader(Exchange.HTTP_URI, settings.baseUrl() + "/api/v2/" + exchange.getProperty(PROPERTY_GROUP, String.class) + ".php");
        message.setHeader(Exchange.HTTP_QUERY, query.toString());
    }

    /**
     * Counts the call against the token's daily budget (stopping short of Wolkvox's limit), waits for a free call slot
     * on the token, then puts the token on the request.
     */
    public void acquire(Exchange exchange) throws InterruptedException {
        String alias = tokens.canonical(exchange.getProperty(PROPERTY_TOKEN_ALIAS, String.class));
        String token = tokens.token(alias);
        if (!callBudget.tryUse(alias, now().toLocalDate())) {
            throw new WolkvoxAnswerException(WolkvoxErrorClass.QUOTA_EXHAUSTED, 0, "today's budget of " + callBudget.budget()
                    + " calls is used (WOLKVOX_DAILY_CALL_LIMIT " + callBudget.limit() + " less " + callBudget.headroom()
                    + " kept for manual use)");
        }
        permits.acquire(alias);
        exchange.setProperty(PROPERTY_PERMIT_HELD, Boolean.TRUE);
        exchange.getMessage().setHeader(TOKEN_HEADER, token);
    }

    /** Frees the slot and takes the token off the message, whatever the call's outcome. */
    public void release(Exchange exchange) {
        exchange.getMessage().removeHeader(TOKEN_HEADER);
        if (exchange.removeProperty(PROPERTY_PERMIT_HELD) != null) {
            permits.release(tokens.canonical(exchange.getProperty(PROPERTY_TOKEN_ALIAS, String.class)));
        }
    }

    /**
     * Reads the whole answer off the connection into a temporary file, while the call still holds the token's slot
     * (Wolkvox counts a call until its answer is sent).
     */
    public void spoolAnswer(Exchange exchange) {
        exchange.setProperty(PROPERTY_SPOOL, AnswerSpool.of(exchange.getMessage().getBody(InputStream.class)));
        exchange.getMessage().setBody(null);
    }

    /**
     * Classifies the answer. An answer holding as many records as the cap may have been cut: such a window is put
     * back as two halves and delivers nothing itself, down to the smallest span, where its records are delivered
     * with a loud warning. Otherwise the spooled answer is left for {@link #deliver}.
     */
    public void readAnswer(Exchange exchange) throws IOException {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String field = exchange.getProperty(PROPERTY_DATE_FIELD, "", String.class);
        String dateField = field.isEmpty() ? null : field;
        Envelope envelope;
        try (InputStream answer = exchange.getProperty(PROPERTY_SPOOL, AnswerSpool.class).open()) {
            envelope = AnswerClassifier.classify(status, answer, dateField);
        }
        Window window = exchange.getProperty(PROPERTY_WINDOW, Window.class);
        String outcome = envelope.recordCount() == 0 ? "empty" : "ok";
        if (envelope.recordCount() >= settings.recordCap()) {
            boolean windowed = exchange.getProperty(PROPERTY_WINDOWED, Boolean.class);
            if (windowed && window.span().compareTo(settings.minSplitSpan()) > 0) {
                WindowQueue queue = exchange.getProperty(PROPERTY_WINDOWS, WindowQueue.class);
                LocalDateTime cut = cutBefore(window, envelope.latestDate());
                if (cut != null) {
                    queue.splitNext(window, cut);
                } else {
                    queue.splitNext(window);
                }
                envelope = envelope.withoutRecords();
                outcome = "split";
            } else {
                outcome = "capped";
                LOG.warn("poll report={} route={} window={} records={} outcome=capped: the answer holds the record cap "
                                + "and the window cannot be split further (minimum span {}); records past the cap may be "
                                + "missing", exchange.getProperty(PROPERTY_API), exchange.getFromRouteId(), window,
                        envelope.recordCount(), settings.minSplitSpan());
            }
        }
        exchange.setProperty(PROPERTY_ENVELOPE, envelope);
        exchange.setProperty(PROPERTY_OUTCOME, outcome);
        monitor.called(exchange.getFromRouteId(), exchange.getProperty(PROPERTY_API, String.class),
                exchange.getProperty(PROPERTY_TOKEN_ALIAS, String.class), outcome, elapsedNanos(exchange),
                envelope.recordCount());
    }

    /**
     * Where to cut a window whose answer was full: a little before the latest record it still held, if Wolkvox answered
     * in time order that is about where the cap cut it off. Null when the answer does not tell (no date field, or a
     * date that does not fall inside the window); the window is halved then.
     */
    private static LocalDateTime cutBefore(Window window, String latestDate) {
        if (latestDate == null || latestDate.length() < 19) {
            return null;
        }
        LocalDateTime reached;
        try {
            reached = LocalDateTime.parse(latestDate.substring(0, 19), WolkvoxTime.RECORD_FORMAT);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
        if (!reached.isAfter(window.start()) || reached.isAfter(window.end())) {
            return null;
        }
        long seconds = Math.max(1, (long) (Duration.between(window.start(), reached).getSeconds() * FILL));
        return window.start().plusSeconds(seconds);
    }

    /** Once a window's records per second are known, the windows still to come are cut to fill most of an answer. */
    private void sizeRemainingWindows(WindowQueue queue, Window window, int records) {
        Duration span;
        if (records == 0) {
            span = planner.maxSpan();
        } else {
            double perSecond = records / (double) window.span().getSeconds();
            span = Duration.ofSeconds(Math.max(1, (long) (FILL * settings.recordCap() / perSecond)));
        }
        if (span.compareTo(settings.minSplitSpan()) < 0) {
            span = settings.minSplitSpan();
        }
        queue.rechunk(span.compareTo(planner.maxSpan()) > 0 ? planner.maxSpan() : span);
    }

    /**
     * Delivers the window's records to their sinks (see {@link RecordDispatcher}), reading them one at a time from the
     * answer, and returns once every one of them reached its sinks or was kept as a dead letter.
     */
    public void deliver(Exchange exchange) throws InterruptedException, SinkFailedException, IOException {
        Envelope envelope = exchange.getProperty(PROPERTY_ENVELOPE, Envelope.class);
        if (envelope == null || envelope.recordCount() == 0) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> params = exchange.getProperty(PROPERTY_REQUEST_PARAMS, Map.class);
        RecordKeys keys = keySpecs.computeIfAbsent(exchange.getProperty(PROPERTY_KEY_FIELDS, String.class), RecordKeys::parse);
        String field = exchange.getProperty(PROPERTY_DATE_FIELD, "", String.class);
        Window window = exchange.getProperty(PROPERTY_WINDOW, Window.class);
        String windowDay = DAY.format(window.start());
        // the headers every record of the window carries
        Map<String, String> windowHeaders = new LinkedHashMap<>();
        windowHeaders.put(HEADER_REPORT, exchange.getProperty(PROPERTY_API, String.class));
        windowHeaders.put(HEADER_WINDOW_START, window.start().atZone(settings.zone()).toOffsetDateTime().toString());
        windowHeaders.put(HEADER_WINDOW_END, window.end().atZone(settings.zone()).toOffsetDateTime().toString());
        windowHeaders.put(HEADER_FETCHED_AT, now().atZone(settings.zone()).toOffsetDateTime().toString());
        try (InputStream answer = exchange.getProperty(PROPERTY_SPOOL, AnswerSpool.class).open();
             EnvelopeReader.RecordIterator records = EnvelopeReader.records(answer)) {
            dispatcher.dispatch(exchange.getFromRouteId(), exchange.getProperty(PROPERTY_API, String.class), records,
                    envelope.recordCount(), record -> keys.keyOf(record, params), record -> recordDate(record, field, windowDay), windowHeaders);
        }
    }

    /**
     * Ends a window whose records all reached their sinks: makes their keys durable, moves the watermark to its end,
     * records it in the ledger and logs the poll. A window put back as halves moves nothing.
     */
    public void windowDelivered(Exchange exchange) {
        discardAnswer(exchange);
        Window window = exchange.getProperty(PROPERTY_WINDOW, Window.class);
        Envelope envelope = exchange.getProperty(PROPERTY_ENVELOPE, Envelope.class);
        String outcome = exchange.getProperty(PROPERTY_OUTCOME, String.class);
        String routeId = exchange.getFromRouteId();
        String api = exchange.getProperty(PROPERTY_API, String.class);
        WindowQueue queue = exchange.getProperty(PROPERTY_WINDOWS, WindowQueue.class);
        Backfill current = backfill;
        if (current != null) {
            current.called(routeId);
        }
        if (!outcome.equals("split")) {
            deliveredKeys.flush(routeId);
            String stateKey = exchange.getProperty(PROPERTY_STATE_KEY, String.class);
            if (exchange.getProperty(PROPERTY_WINDOWED, Boolean.class)) {
                watermarks.advance(stateKey, window.end());
            }
            monitor.delivered(routeId, current == null ? watermarks.get(stateKey) : null);
            if (exchange.getProperty(PROPERTY_WINDOWED, Boolean.class) && !outcome.equals("capped")) {
                sizeRemainingWindows(queue, window, envelope.recordCount());
            }
            if (current != null) {
                current.windowDelivered(routeId, window, envelope.recordCount(), queue.remaining());
            }
        }
        ledger.record(new WindowLedger.Entry(routeId, api, window.start(), window.end(), envelope.recordCount(),
                outcome, null, now()));
        LOG.info("poll report={} route={} window={} records={} durationMs={} outcome={}", api, routeId, window,
                envelope.recordCount(), elapsedNanos(exchange) / 1_000_000, outcome);
    }

    /**
     * Decides what a failed window leads to, by error class: a passing fault (timeout, 5xx, maintenance page, cut-off
     * answer, too many calls at once) is tried again after a back-off with jitter, up to the attempts allowed, then
     * left for the next tick; a spent daily quota pauses the token until local midnight; a refused token is set aside
     * until restart; a request Wolkvox calls wrong (400) stops the report until its YAML changes. The watermark stays.
     */
    public void windowFailed(Exchange exchange) throws InterruptedException {
        discardAnswer(exchange);
        Throwable failure = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        WolkvoxAnswerException classified = recordFailure(exchange, failure);
        WolkvoxErrorClass errorClass = classified.errorClass();
        Window window = exchange.getProperty(PROPERTY_WINDOW, Window.class);
        WindowQueue queue = exchange.getProperty(PROPERTY_WINDOWS, WindowQueue.class);
        String alias = tokens.canonical(exchange.getProperty(PROPERTY_TOKEN_ALIAS, String.class));
        String api = exchange.getProperty(PROPERTY_API, String.class);
        String message = classified.getMessage();
        int attempts = window == null ? Integer.MAX_VALUE : queue.failed(window);
        switch (errorClass) {
            case CONFIGURATION -> {
                refusedRequests.put(requestKey(exchange), message);
                LOG.error("report={} route={} stopped: Wolkvox refused the request with parameters {} ({}). Fix api, group "
                        + "or params in the YAML; the report polls again once its route changes or on restart", api,
                        exchange.getFromRouteId(), exchange.getProperty(PROPERTY_REQUEST_PARAMS), message);
                queue.clear();
            }
            case TOKEN_INVALID -> {
                tokenStates.invalid(alias, message);
                LOG.error("token {} refused by Wolkvox ({}): reports using it stop until the application restarts with "
                        + "a valid WOLKVOX_TOKEN or WOLKVOX_TOKEN_FILE", alias, message);
                queue.clear();
            }
            case QUOTA_EXHAUSTED -> {
                Instant midnight = now().toLocalDate().plusDays(1).atStartOfDay(settings.zone()).toInstant();
                tokenStates.pauseUntil(alias, midnight, message);
                LOG.warn("token {} used up its daily calls ({}): reports using it pause until {}", alias, message, midnight);
                queue.clear();
            }
            default -> {
                if (errorClass.retryable() && backoff.mayRetry(attempts)) {
                    Duration delay = backoff.delay(attempts);
                    LOG.info("poll report={} route={} window={} retry={}/{} in={}ms", api, exchange.getFromRouteId(),
                            window, attempts + 1, backoff.maxAttempts(), delay.toMillis());
                    monitor.retried(api, errorClass.name());
                    queue.retryNext(window);
                    Thread.sleep(delay.toMillis());
                } else {
                    queue.clear();
                }
            }
        }
    }

    /** Logs a poll that failed outside a window (planning it) in one line; the watermark stays. */
    public void pollFailed(Exchange exchange) {
        discardAnswer(exchange);
        recordFailure(exchange, exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class));
    }

    /** Classifies a failure and records it: log line, ledger, metrics and health. Never holds a token. */
    private WolkvoxAnswerException recordFailure(Exchange exchange, Throwable failure) {
        String routeId = exchange.getFromRouteId();
        Window window = exchange.getProperty(PROPERTY_WINDOW, Window.class);
        boolean answerReceived = exchange.getProperty(PROPERTY_ENVELOPE) != null;
        WolkvoxAnswerException classified = WolkvoxFailures.classify(failure, answerReceived);
        String api = exchange.getProperty(PROPERTY_API, String.class);
        if (!answerReceived && window != null) {
            monitor.called(routeId, api, exchange.getProperty(PROPERTY_TOKEN_ALIAS, String.class),
                    classified.errorClass().name(), elapsedNanos(exchange), 0);
        }
        WolkvoxErrorClass errorClass = classified.errorClass();
        monitor.failed(routeId, errorClass.name(), classified.getMessage(),
                errorClass == WolkvoxErrorClass.CONFIGURATION || errorClass == WolkvoxErrorClass.TOKEN_INVALID);
        // keys of records that did reach their sinks stay remembered (in memory) so the retry skips them; they
        // become durable with the retried window
        if (window != null) {
            ledger.record(new WindowLedger.Entry(routeId, api, window.start(), window.end(), 0, "failed",
                    errorClass.name(), now()));
        }
        LOG.warn("poll report={} route={} window={} durationMs={} outcome=failed class={} error=\"{}\"", api, routeId,
                window == null ? "-" : window, elapsedNanos(exchange) / 1_000_000, errorClass, classified.getMessage());
        return classified;
    }

    /** Deletes the window's spooled answer, so a long backfill keeps one answer on disk at a time. */
    private static void discardAnswer(Exchange exchange) {
        AnswerSpool spool = exchange.removeProperty(PROPERTY_SPOOL) instanceof AnswerSpool answer ? answer : null;
        if (spool != null) {
            spool.close();
        }
    }

    /** What identifies a request Wolkvox may refuse: the route and what it asks for. */
    private static String requestKey(Exchange exchange) {
        return exchange.getFromRouteId() + "|" + exchange.getProperty(PROPERTY_GROUP) + "|"
                + exchange.getProperty(PROPERTY_API) + "|" + exchange.getProperty(PROPERTY_PARAMS);
    }

    /** The record's day for day-partitioned sinks: from its date field, else the window's day. */
    private static String recordDate(Map<String, Object> record, String field, String windowDay) {
        Object value = field.isEmpty() ? null : record.get(field);
        if (value instanceof String text && text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            return text.substring(0, 10);
        }
        return windowDay;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(settings.zone())).withNano(0);
    }

    private static long elapsedNanos(Exchange exchange) {
        Long started = exchange.getProperty(PROPERTY_STARTED_NANOS, Long.class);
        return started == null ? 0 : System.nanoTime() - started;
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
