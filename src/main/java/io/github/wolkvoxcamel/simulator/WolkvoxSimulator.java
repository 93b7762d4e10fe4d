package io.github.wolkvoxcamel.simulator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import io.github.wolkvoxcamel.wolkvox.WolkvoxApis;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for {@code https://wvNNNN.wolkvox.com}: serves {@code /api/v2/{group}.php?api=...} for every read
 * api of the catalog with deterministic data (five hand-written reference reports, the others made from their catalog
 * entry by {@link CatalogReport}), and enforces what the real API does: 401 without a token, 403 for an
 * unknown token, for more calls in flight per token than allowed and past the daily quota, 400 for an unknown api,
 * missing parameters or a range over 31 days, 404 with a JSON envelope when a window has no records, a web server's
 * HTML 404 page for a path that is no Wolkvox API, and silent truncation at the record cap. {@link Hardness} adds
 * late, sibling, changing and key-less rows; {@link Poison} spoils chosen rows; answers over a size can be made to
 * outlast the client's timeout. Tests ask it what a window holds ({@link #records}), what a call served
 * ({@link #servedRecords}), and inject faults ({@link #inject}).
 */
public final class WolkvoxSimulator implements AutoCloseable {

    public static final int API_RECORD_CAP = 60_000;
    public static final int API_MAX_IN_FLIGHT = 2;
    public static final Duration API_MAX_RANGE = Duration.ofDays(31);
    private static final Pattern PATH = Pattern.compile("/api/v2/([a-z_]+)\\.php");
    private static final JsonFactory JSON = new JsonFactory();
    /** The most an endless answer sends to a client that never hangs up: a test's loop stays bounded. */
    public static final long ENDLESS_BOUND = 1L << 30;

    static {
        // the JDK's HttpServer writes an answer's headers and body apart: with Nagle's algorithm on, a small answer
        // then waits for the client's delayed acknowledgement, some 40 ms a call. Read once, by the first HttpServer.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private static final byte[] NOT_FOUND_PAGE = ("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
            + "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final Clock clock;
    private final ReportCatalog catalog;
    private final Set<String> tokens;
    private final int dailyQuota;
    private final int recordCap;
    private final int maxInFlight;
    private final int port;
    private final Hardness hardness;
    private final Map<String, List<Poison>> poisons;
    private final Map<String, Drift> drifts;
    private final int slowAbove;
    private final Duration slowDelay;
    private final Set<String> endless;
    /** Bytes each endless answer sent before the client hung up, in call order. */
    private final List<Long> endlessSent = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> groups;
    private volatile Duration responseDelay;
    /** Open unless {@link #hold} closed it: answers wait for it. */
    private volatile CountDownLatch held = new CountDownLatch(0);
    private volatile LocalDateTime heldFrom;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxInFlightSeen = new ConcurrentHashMap<>();
    /** The in-flight count of the call the current handler thread serves, until it ends. */
    private final ThreadLocal<AtomicInteger> callInFlight = new ThreadLocal<>();
    private final Map<String, AtomicInteger> callsToday = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<TargetedFault> faults = new ConcurrentLinkedQueue<>();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger listRevision = new AtomicInteger();
    private HttpServer server;
    private ExecutorService executor;

    private WolkvoxSimulator(Builder builder) {
        this.clock = builder.clock;
        this.catalog = new ReportCatalog(builder.seed, builder.spacingMs, builder.padding, builder.hardness,
                listRevision::get);
        this.hardness = builder.hardness;
        this.poisons = Map.copyOf(builder.poisons);
        this.drifts = Map.copyOf(builder.drifts);
        this.slowAbove = builder.slowAbove;
        this.slowDelay = builder.slowDelay;
        this.endless = Set.copyOf(builder.endless);
        this.groups = WolkvoxApis.groups();
        this.tokens = Set.copyOf(builder.tokens);
        this.dailyQuota = builder.dailyQuota;
        this.recordCap = builder.recordCap;
        this.maxInFlight = builder.maxInFlight;
        this.port = builder.port;
        this.responseDelay = builder.responseDelay;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * One served call, as a test sees it; {@code from}/{@code to} are the window answered (null for refused calls),
     * {@code at} when it was answered (what its rows looked like then: {@link #servedRecords}).
     */
    public record Call(String group, String api, Map<String, String> params, int status, int records,
                       LocalDateTime from, LocalDateTime to, LocalDateTime at) {
    }

    private record TargetedFault(String api, Fault fault) {
    }

    public synchronized WolkvoxSimulator start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("simulator could not listen on loopback port " + port, e);
        }
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "wolkvox-simulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** The next call (to {@code api}, or to any api when null) shows {@code fault} instead of its normal answer. */
    public void inject(String api, Fault fault) {
        faults.add(new TargetedFault(api, fault));
    }

    /** Forgets the faults injected and not shown yet: the outage is over. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * Configuration lists (lookups) as an administrator left them after {@code revision} edits (0: as at start): each
     * revision answers other values, and going back to one answers its values again.
     */
    public void editLists(int revision) {
        listRevision.set(revision);
    }

    /**
     * Calls for windows starting at or after {@code start} wait from now on, inside the call (so they count as in
     * flight), until {@link #release}: a client is held at a known point of its backfill, however fast it goes.
     */
    public void holdFrom(LocalDateTime start) {
        held = new CountDownLatch(1);
        heldFrom = start;
    }

    /** The held calls are answered, and later ones no longer wait. */
    public void release() {
        held.countDown();
    }

    /** Every later answer is held back this long (inside the call, so it counts as in flight). */
    public void setResponseDelay(Duration delay) {
        this.responseDelay = delay;
    }

    /**
     * What the real API would return for this window now if it had no record cap (no poison applied). A nested list or
     * object of a catalog api comes as its JSON text.
     */
    public List<Map<String, String>> records(String group, String api, LocalDateTime from, LocalDateTime to,
                                             Map<String, String> params) {
        return rows(group, api, from, to, params, now()).stream().map(Row::fields).toList();
    }

    /** The rows {@code call} answered with, as they were then (before the cap, without poison); none for an error. */
    public List<Map<String, String>> servedRecords(Call call) {
        if (call.status() != 200) {
            return List.of();
        }
        List<Row> rows = rows(call.group(), call.api(), call.from(), call.to(), call.params(), call.at());
        return rows.subList(0, Math.min(rows.size(), recordCap)).stream().map(Row::fields).toList();
    }

    private List<Row> rows(String group, String api, LocalDateTime from, LocalDateTime to, Map<String, String> params,
                           LocalDateTime now) {
        SimulatedReport report = catalog.find(group, api);
        if (report == null) {
            throw new IllegalArgumentException("the simulator has no " + group + ".php?api=" + api);
        }
        List<Row> rows = new ArrayList<>();
        report.records(from, to.isAfter(now) ? now : to, params, now, rows::add);
        return rows;
    }

    /** Most calls one token had in flight at once, counting calls refused for going over the limit. */
    public int maxInFlightSeen(String token) {
        return maxInFlightSeen.computeIfAbsent(token, t -> new AtomicInteger()).get();
    }

    /** Calls the token spent today (Bogota day), as the daily quota counts them. */
    public int callsToday(String token) {
        return callsToday.computeIfAbsent(dayKey(token), t -> new AtomicInteger()).get();
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public int recordCap() {
        return recordCap;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(WolkvoxTime.BOGOTA)).withNano(0);
    }

    private String dayKey(String token) {
        return LocalDate.now(clock.withZone(WolkvoxTime.BOGOTA)) + "/" + token;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
            String group = path.matches() ? path.group(1) : "";
            String api = params.getOrDefault("api", "");
            if (!path.matches() || !groups.contains(group)) {
                // not a Wolkvox API: the web server's own page, not Wolkvox's envelope
                calls.add(new Call(group, api, params, 404, 0, null, null, now()));
                send(exchange, 404, "text/html", NOT_FOUND_PAGE);
                return;
            }
            String token = exchange.getRequestHeaders().getFirst("wolkvox-token");
            if (token == null || token.isBlank()) {
                error(exchange, group, api, params, 401, "UNAUTHORIZED", "PLEASE ENTER THE WOLKVOX-TOKEN");
                return;
            }
            if (!tokens.contains(token)) {
                error(exchange, group, api, params, 403, "FORBIDDEN", "PLEASE VALIDATE TOKEN");
                return;
            }
            AtomicInteger active = inFlight.computeIfAbsent(token, t -> new AtomicInteger());
            int now = active.incrementAndGet();
            maxInFlightSeen.computeIfAbsent(token, t -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            // a call is in flight until its answer is sent: it ends before the answer's last bytes go out, since
            // the client may send its next call as soon as it has them, before this thread runs on
            callInFlight.set(active);
            try {
                if (now > maxInFlight) {
                    error(exchange, group, api, params, 403, "FORBIDDEN",
                            "EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (" + maxInFlight + ")");
                    return;
                }
                if (callsToday.computeIfAbsent(dayKey(token), t -> new AtomicInteger()).incrementAndGet() > dailyQuota) {
                    error(exchange, group, api, params, 403, "FORBIDDEN", "TOKEN LIMIT EXCEEDED");
                    return;
                }
                serve(exchange, group, api, params);
            } finally {
                callEnds();
            }
        }
    }

    private void serve(HttpExchange exchange, String group, String api, Map<String, String> params) throws IOException {
        Fault fault = takeFault(api);
        pause(fault != null && fault.kind() == Fault.Kind.DELAY ? fault.delay() : responseDelay);
        if (fault != null && fault.kind() == Fault.Kind.STATUS) {
            send(exchange, fault.status(), fault.contentType(), fault.body().getBytes(StandardCharsets.UTF_8));
            calls.add(new Call(group, api, params, fault.status(), 0, null, null, now()));
            return;
        }
        if (endless.contains(api)) {
            streamWithoutEnd(exchange, group, api, params);
            return;
        }
        SimulatedReport report = catalog.find(group, api);
        if (report == null) {
            error(exchange, group, api, params, 400, "BAD REQUEST", "THE API YOU WANT TO CONSULT DOES NOT EXIST");
            return;
        }
        LocalDateTime now = now();
        LocalDateTime from = now.minus(report.horizon()).plusSeconds(1);
        LocalDateTime to = now;
        if (report.windowed()) {
            String ini = params.get("date_ini");
            String end = params.get("date_end");
            if (ini == null || end == null || ini.isBlank() || end.isBlank()) {
                error(exchange, group, api, params, 400, "BAD REQUEST", "SOME PARAMETERS ARE REQUIRED");
                return;
            }
            try {
                from = WolkvoxTime.parseRequest(ini);
                to = WolkvoxTime.parseRequest(end);
            } catch (DateTimeParseException e) {
                error(exchange, group, api, params, 400, "BAD REQUEST", "THE DATE FORMAT MUST BE YYYYmmddHHiiss");
                return;
            }
            if (to.isBefore(from) || Duration.between(from, to).plusSeconds(1).compareTo(API_MAX_RANGE) > 0) {
                error(exchange, group, api, params, 400, "BAD REQUEST", "THE DATE RANGE MUST BE AT MOST 31 DAYS");
                return;
            }
            to = to.isAfter(now) ? now : to;
            LocalDateTime holdFrom = heldFrom;
            if (holdFrom != null && !from.isBefore(holdFrom)) {
                try {
                    held.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (String required : report.requiredParams()) {
            if (!params.containsKey(required)) {
                error(exchange, group, api, params, 400, "BAD REQUEST", "SOME PARAMETERS ARE REQUIRED");
                return;
            }
        }
        Drift drift = drifts.get(api);
        AnswerRows rows = new AnswerRows(poisons.getOrDefault(api, List.of()), report.form().rawFields(),
                drift == null ? UnaryOperator.identity() : drift::apply);
        long[] matched = {0};
        if (!to.isBefore(from)) {
            report.records(from, to, params, now, row -> {
                matched[0]++;
                if (rows.size() < recordCap) {
                    rows.add(row);
                }
            });
        }
        if (rows.size() == 0) {
            calls.add(new Call(group, api, params, 404, 0, from, to, now));
            send(exchange, 404, "application/json; charset=utf-8", errorBody(404, "NOT FOUND", "0 records were found"));
            return;
        }
        if (slowAbove > 0 && matched[0] > slowAbove) {
            // a query this large outlasts the server's limit: the answer comes, if at all, after the client gave up
            pause(slowDelay);
        }
        calls.add(new Call(group, api, params, 200, rows.size(), from, to, now));
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        boolean truncate = fault != null && fault.kind() == Fault.Kind.TRUNCATED_JSON;
        try (OutputStream body = new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024)) {
            new AnswerWriter(body).write(report.form(), hardness.trueCountInMsg() ? matched[0] : rows.size(), rows, truncate);
            body.flush();
            callEnds();
        }
    }

    /** Bytes each endless answer ({@link Builder#endless}) sent before its client hung up, in call order. */
    public List<Long> endlessAnswers() {
        return List.copyOf(endlessSent);
    }

    private void streamWithoutEnd(HttpExchange exchange, String group, String api, Map<String, String> params)
            throws IOException {
        calls.add(new Call(group, api, params, 200, 0, null, null, now()));
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        byte[] head = "{\"code\":\"200\",\"error\":null,\"msg\":\"endless\",\"data\":[".getBytes(StandardCharsets.UTF_8);
        byte[] row = ("{\"conn_id\":\"endless\",\"pad\":\"" + "x".repeat(1000) + "\"},").getBytes(StandardCharsets.UTF_8);
        long sent = 0;
        try {
            OutputStream body = exchange.getResponseBody();
            body.write(head);
            sent += head.length;
            while (sent < ENDLESS_BOUND) {
                body.write(row);
                sent += row.length;
            }
        } catch (IOException hungUp) {
            // the client stopped reading and closed the connection: what an endless answer waits for
        }
        endlessSent.add(sent);
    }

    private void error(HttpExchange exchange, String group, String api, Map<String, String> params, int status,
                       String error, String msg) throws IOException {
        calls.add(new Call(group, api, params, status, 0, null, null, now()));
        send(exchange, status, "application/json; charset=utf-8", errorBody(status, error, msg));
    }

    private static byte[] errorBody(int status, String error, String msg) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(body, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeNumberField("code", status);
            json.writeStringField("error", error);
            json.writeStringField("msg", msg);
            json.writeEndObject();
        }
        return body.toByteArray();
    }

    private void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        callEnds();
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /**
     * The call this handler thread serves stops counting as in flight (once; a call without a token never counted).
     * A thread of its own, not an exchange attribute: Java 17's HttpServer shares those among a context's exchanges.
     */
    private void callEnds() {
        AtomicInteger active = callInFlight.get();
        if (active != null) {
            callInFlight.remove();
            active.decrementAndGet();
        }
    }

    private Fault takeFault(String api) {
        for (TargetedFault candidate : faults) {
            if ((candidate.api() == null || candidate.api().equals(api)) && faults.remove(candidate)) {
                return candidate.fault();
            }
        }
        return null;
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    /** Settings of a simulator; every limit defaults to the real API's. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private long seed = 20_250_101L;
        private final Map<String, Long> spacingMs = new HashMap<>();
        private final Map<String, Integer> padding = new HashMap<>();
        private final java.util.Set<String> tokens = new java.util.HashSet<>();
        private int dailyQuota = 10 * 1000;
        private int recordCap = API_RECORD_CAP;
        private int maxInFlight = API_MAX_IN_FLIGHT;
        private int port;
        private Duration responseDelay = Duration.ZERO;
        private Hardness hardness = Hardness.FRIENDLY;
        private final Map<String, List<Poison>> poisons = new HashMap<>();
        private final Map<String, Drift> drifts = new HashMap<>();
        private int slowAbove;
        private final java.util.Set<String> endless = new java.util.HashSet<>();
        private Duration slowDelay = Duration.ZERO;

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Mean time between records of {@code api} (for campaign_10: between dial attempts). */
        public Builder spacing(String api, Duration spacing) {
            spacingMs.put(api, spacing.toMillis());
            return this;
        }

        /** Makes every record of {@code api} about {@code characters} longer (a long comment), for large answers. */
        public Builder padding(String api, int characters) {
            padding.put(api, characters);
            return this;
        }

        public Builder token(String token) {
            tokens.add(token);
            return this;
        }

        public Builder dailyQuota(int callsPerToken) {
            this.dailyQuota = callsPerToken;
            return this;
        }

        public Builder recordCap(int recordCap) {
            this.recordCap = recordCap;
            return this;
        }

        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder responseDelay(Duration responseDelay) {
            this.responseDelay = responseDelay;
            return this;
        }

        public Builder hardness(Hardness hardness) {
            this.hardness = hardness;
            return this;
        }

        /** As hard as the real API: see {@link Hardness#HARD}. */
        public Builder hard() {
            return hardness(Hardness.HARD);
        }

        /** Spoils the rows of {@code api} that {@code poison} applies to, on every call. */
        public Builder poison(String api, Poison poison) {
            poisons.computeIfAbsent(api, a -> new ArrayList<>()).add(poison);
            return this;
        }

        /** Every answer of {@code api} disagrees with the catalog as {@code drift} says (schema drift's tests). */
        public Builder drift(String api, Drift drift) {
            drifts.put(api, drift);
            return this;
        }

        /** An answer with more than {@code records} rows is held back {@code delay} (past a client's timeout). */
        public Builder timeoutAbove(int records, Duration delay) {
            this.slowAbove = records;
            this.slowDelay = delay;
            return this;
        }

        /**
         * Every call to {@code api} answers 200 with an envelope whose {@code data} never ends, whatever the window:
         * a proxy streaming without end. It stops when the client hangs up (or after {@link #ENDLESS_BOUND} bytes).
         */
        public Builder endless(String api) {
            endless.add(api);
            return this;
        }

        public WolkvoxSimulator build() {
            return new WolkvoxSimulator(this);
        }
    }
}
