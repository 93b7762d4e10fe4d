package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.state.WatermarkStore;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Java steps of the report route template ({@code routes/wolkvox-poller.yaml}): plan the windows of a tick, make
 * the call for one window while holding the token's permit, read the answer, key each record, and advance the
 * watermark once a window is delivered. The decisions themselves live in {@link WindowPlanner},
 * {@link AnswerClassifier}, {@link EnvelopeReader} and {@link RecordKeys}.
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
    static final String PROPERTY_WINDOW = "wolkvoxWindow";
    static final String PROPERTY_REQUEST_PARAMS = "wolkvoxRequestParams";
    static final String PROPERTY_ENVELOPE = "wolkvoxEnvelope";
    static final String PROPERTY_PERMIT_HELD = "wolkvoxPermitHeld";
    static final String PROPERTY_STARTED_NANOS = "wolkvoxStartedNanos";

    static final String TOKEN_HEADER = "wolkvox-token";
    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.poll");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final String baseUrl;
    private final WolkvoxTokens tokens;
    private final TokenPermits permits;
    private final WindowPlanner planner;
    private final WatermarkStore watermarks;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, RecordKeys> keySpecs = new ConcurrentHashMap<>();

    public ReportPoller(String baseUrl, WolkvoxTokens tokens, TokenPermits permits, WindowPlanner planner,
                        WatermarkStore watermarks, Clock clock, ZoneId zone) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.tokens = tokens;
        this.permits = permits;
        this.planner = planner;
        this.watermarks = watermarks;
        this.clock = clock;
        this.zone = zone;
    }

    /** The windows this tick fetches: from the watermark to now, or the last ten minutes for a real-time api. */
    public List<Window> plan(String stateKey, boolean windowed, String initialFrom) {
        LocalDateTime now = now();
        if (!windowed) {
            return List.of(new Window(now.minusMinutes(10).plusSeconds(1), now));
        }
        return planner.plan(watermarks.get(stateKey), WolkvoxTime.parseStart(initialFrom, now), now);
    }

    /** Prepares the GET for the window in the body. */
    public void beginWindow(Exchange exchange) {
        Window window = exchange.getMessage().getBody(Window.class);
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
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setBody(null);
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader(Exchange.HTTP_URI, baseUrl + "/api/v2/" + exchange.getProperty(PROPERTY_GROUP, String.class) + ".php");
        message.setHeader(Exchange.HTTP_QUERY, query.toString());
    }

    /** Waits for a free call slot on the token, then puts the token on the request. */
    public void acquire(Exchange exchange) throws InterruptedException {
        String alias = exchange.getProperty(PROPERTY_TOKEN_ALIAS, String.class);
        String token = tokens.token(alias);
        permits.acquire(alias);
        exchange.setProperty(PROPERTY_PERMIT_HELD, Boolean.TRUE);
        exchange.getMessage().setHeader(TOKEN_HEADER, token);
    }

    /** Frees the slot and takes the token off the message, whatever the call's outcome. */
    public void release(Exchange exchange) {
        exchange.getMessage().removeHeader(TOKEN_HEADER);
        if (exchange.removeProperty(PROPERTY_PERMIT_HELD) != null) {
            permits.release(exchange.getProperty(PROPERTY_TOKEN_ALIAS, String.class));
        }
    }

    /**
     * Classifies the answer and, when it holds records, leaves the (re-readable) body for the record split and sets
     * the headers every record of the window carries.
     */
    public void readAnswer(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Object body = message.getBody();
        Envelope envelope;
        if (body instanceof StreamCache cache) {
            envelope = AnswerClassifier.classify(status, (InputStream) cache);
            cache.reset();
        } else {
            envelope = AnswerClassifier.classify(status, message.getBody(InputStream.class));
        }
        Window window = exchange.getProperty(PROPERTY_WINDOW, Window.class);
        exchange.setProperty(PROPERTY_ENVELOPE, envelope);
        // the HTTP response headers are not record metadata; drop them so they do not reach Kafka or files
        message.getHeaders().clear();
        message.setHeader(HEADER_REPORT, exchange.getProperty(PROPERTY_API, String.class));
        message.setHeader(HEADER_WINDOW_START, window.start().atZone(zone).toOffsetDateTime().toString());
        message.setHeader(HEADER_WINDOW_END, window.end().atZone(zone).toOffsetDateTime().toString());
        message.setHeader(HEADER_FETCHED_AT, now().atZone(zone).toOffsetDateTime().toString());
        if (envelope.recordCount() == 0) {
            message.setBody(null);
        }
    }

    /** The window's records, one at a time, for a streaming split. */
    public Iterator<WolkvoxRecord> records(Exchange exchange) {
        Envelope envelope = exchange.getProperty(PROPERTY_ENVELOPE, Envelope.class);
        if (envelope == null || envelope.recordCount() == 0) {
            return Collections.emptyIterator();
        }
        return EnvelopeReader.records(exchange.getMessage().getBody(InputStream.class));
    }

    /** Sets the record's key and its date (for day-partitioned sinks). */
    public void keyRecord(Exchange exchange) {
        @SuppressWarnings("unchecked")
        Map<String, Object> record = exchange.getMessage().getBody(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, String> params = exchange.getProperty(PROPERTY_REQUEST_PARAMS, Map.class);
        RecordKeys keys = keySpecs.computeIfAbsent(exchange.getProperty(PROPERTY_KEY_FIELDS, String.class), RecordKeys::parse);
        exchange.getMessage().setHeader(HEADER_RECORD_KEY, keys.keyOf(record, params));
        exchange.getMessage().setHeader(HEADER_RECORD_DATE, recordDate(record, exchange));
    }

    /** Moves the watermark to the end of a window whose records all reached their sinks, and logs the poll. */
    public void windowDelivered(Exchange exchange) {
        Window window = exchange.getProperty(PROPERTY_WINDOW, Window.class);
        Envelope envelope = exchange.getProperty(PROPERTY_ENVELOPE, Envelope.class);
        String routeId = exchange.getFromRouteId();
        if (exchange.getProperty(PROPERTY_WINDOWED, Boolean.class)) {
            watermarks.put(routeId, window.end());
        }
        LOG.info("poll report={} route={} window={} records={} durationMs={} outcome=ok",
                exchange.getProperty(PROPERTY_API), routeId, window, envelope.recordCount(), elapsedMs(exchange));
    }

    /** Logs a failed poll in one line with its error class and Wolkvox's message; the watermark stays. */
    public void pollFailed(Exchange exchange) {
        Throwable failure = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        // the split wraps the failure; the window it failed in is on the wrapped sub-exchange
        Exchange failed = exchange;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CamelExchangeException wrapper && wrapper.getExchange() != null
                    && wrapper.getExchange().getProperty(PROPERTY_WINDOW) != null) {
                failed = wrapper.getExchange();
                break;
            }
        }
        Window window = failed.getProperty(PROPERTY_WINDOW, Window.class);
        WolkvoxAnswerException classified = WolkvoxFailures.classify(failure,
                failed.getProperty(PROPERTY_ENVELOPE) != null);
        LOG.warn("poll report={} route={} window={} durationMs={} outcome=failed class={} error=\"{}\"",
                exchange.getProperty(PROPERTY_API), exchange.getFromRouteId(), window == null ? "-" : window,
                elapsedMs(failed), classified.errorClass(), classified.getMessage());
    }

    private String recordDate(Map<String, Object> record, Exchange exchange) {
        String field = exchange.getProperty(PROPERTY_DATE_FIELD, "", String.class);
        Object value = field.isEmpty() ? null : record.get(field);
        if (value instanceof String text && text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            return text.substring(0, 10);
        }
        return DAY.format(exchange.getProperty(PROPERTY_WINDOW, Window.class).start());
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(zone)).withNano(0);
    }

    private static long elapsedMs(Exchange exchange) {
        Long started = exchange.getProperty(PROPERTY_STARTED_NANOS, Long.class);
        return started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
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
