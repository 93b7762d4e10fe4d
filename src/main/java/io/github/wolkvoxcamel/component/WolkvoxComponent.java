package io.github.wolkvoxcamel.component;

import io.github.wolkvoxcamel.backfill.Backfill;
import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.record.WolkvoxRecord;
import io.github.wolkvoxcamel.sink.DeadLetterRoute;
import io.github.wolkvoxcamel.sink.DeadLetters;
import io.github.wolkvoxcamel.state.CallBudget;
import io.github.wolkvoxcamel.state.Fingerprint;
import io.github.wolkvoxcamel.state.KafkaStateTopic;
import io.github.wolkvoxcamel.state.KafkaTransactions;
import io.github.wolkvoxcamel.wolkvox.ReportPoller;
import io.github.wolkvoxcamel.wolkvox.ReportSpec;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Producer;
import org.apache.camel.ServiceStatus;
import org.apache.camel.VetoCamelContextStartException;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.SimpleTypeConverter;
import org.apache.camel.support.service.ServiceHelper;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@code wolkvox:<api>}: a report of the Wolkvox API as a scheduled polling consumer, each record an exchange. The
 * component holds what the reports share ({@link WolkvoxEngine}): the poller with its plan, state and budgets, each
 * token's call slots, the HTTP client the calls go through, the delivered records and the dead letters, whose route
 * ({@value DeadLetterRoute#ROUTE_ID}) it adds to the application. Its settings
 * are {@code camel.component.wolkvox.*} in any Camel application; wolkvox-camel sets them from its environment.
 */
@Component("wolkvox")
public class WolkvoxComponent extends DefaultComponent {

    /** The endpoint the calls go through: the answer is spooled to a file, not cached, and read only up to its cap. */
    private static final String HTTP_ENDPOINT = "http://wolkvox?throwExceptionOnFailure=false&disableStreamCache=true"
            + "&httpClientConfigurer=#class:io.github.wolkvoxcamel.wolkvox.AbortOnEarlyClose";

    @Metadata(label = "consumer", description = "The Wolkvox server: calls go to https://wv{server}.wolkvox.com (12 "
            + "for wv12)")
    private String server = "";
    @Metadata(label = "consumer", description = "Where calls go instead of the server's address (a proxy, a "
            + "simulator); https unless on loopback or allowInsecureHttp")
    private String baseUrl = "";
    @Metadata(label = "security", defaultValue = "false", description = "Allows a base URL with plain http to a host "
            + "other than loopback, which would send the token in clear (a TLS-terminating proxy beside the application)")
    private boolean allowInsecureHttp;
    @Metadata(label = "security", secret = true, description = "The token of the alias default; WOLKVOX_TOKEN_ALIAS "
            + "environment variables add more aliases")
    private String token = "";
    @Metadata(label = "security", description = "A file holding the token of the alias default, read when token is "
            + "not set")
    private String tokenFile = "";
    @Metadata(label = "consumer", defaultValue = "data/state", description = "Where watermarks, call counts and "
            + "delivered records are kept; one process at a time (locked)")
    private String stateDir = "data/state";
    @Metadata(label = "consumer", defaultValue = "data", description = "Where dead letters are written, as "
            + "dlq/yyyy-MM-dd.jsonl under it")
    private String deadLetterDir = "data";
    @Metadata(label = "consumer", description = "The Kafka topic dead letters also go to, through the kafka "
            + "component; none when empty")
    private String deadLetterTopic = "";
    @Metadata(label = "consumer", defaultValue = "5m", description = "How often a report polls whose route does not "
            + "say (the endpoint's delay)")
    private String pollPeriod = "5m";
    @Metadata(label = "consumer", defaultValue = "30m", description = "A report's lookback when its route does not say")
    private String lookback = "30m";
    @Metadata(label = "consumer", defaultValue = "24h", description = "How far back a report re-pulls when its route "
            + "does not say")
    private String repull = "24h";
    @Metadata(label = "consumer", defaultValue = "6h", description = "How often a report re-pulls")
    private String repullEvery = "6h";
    @Metadata(label = "consumer", defaultValue = "today", description = "Where a report's first poll starts when its "
            + "route does not say")
    private String initialFrom = "today";
    @Metadata(label = "consumer", defaultValue = "America/Bogota", description = "The zone of Wolkvox's wall-clock "
            + "dates")
    private String zone = "America/Bogota";
    @Metadata(label = "consumer,advanced", defaultValue = "1", description = "Calls in flight at once per token, "
            + "Wolkvox's limit")
    private int callsInFlightPerToken = 1;
    @Metadata(label = "consumer", defaultValue = "1000", description = "Calls a day per token Wolkvox allows "
            + "(licenses x 1000)")
    private int dailyCallLimit = 1000;
    @Metadata(label = "consumer", defaultValue = "50", description = "Calls a day per token left for manual use")
    private int dailyCallHeadroom = 50;
    @Metadata(label = "consumer,advanced", defaultValue = "31d", description = "The longest window one call asks for")
    private String chunkSpan = "31d";
    @Metadata(label = "consumer,advanced", defaultValue = "30s", description = "How far behind now a detail window "
            + "ends, for rows still being written")
    private String lag = "30s";
    @Metadata(label = "consumer,advanced", defaultValue = "60000", description = "Records Wolkvox answers at most per "
            + "call (past them it cuts silently, so a full window is split)")
    private int recordCap = 60_000;
    @Metadata(label = "consumer,advanced", defaultValue = "268435456", description = "Bytes Wolkvox answers at most "
            + "per call (past them it cuts silently)")
    private long answerSizeLimit = 268_435_456L;
    @Metadata(label = "consumer,advanced", defaultValue = "1m", description = "Below this a full window is not split "
            + "further")
    private String minSplitSpan = "1m";
    @Metadata(label = "consumer,advanced", defaultValue = "4", description = "Attempts of a failed window or pass "
            + "before it waits for the next poll")
    private int retryMaxAttempts = 4;
    @Metadata(label = "consumer,advanced", defaultValue = "2s", description = "The first back-off of a failed window")
    private String retryBaseDelay = "2s";
    @Metadata(label = "consumer,advanced", defaultValue = "30s", description = "The longest back-off of a failed "
            + "window")
    private String retryMaxDelay = "30s";
    @Metadata(label = "consumer", defaultValue = "false", description = "Records with the catalog's types (numbers, "
            + "booleans, ISO-8601 dates) instead of strings")
    private boolean typed;

    // set by an application that has them (wolkvox-camel: Kafka, replicas, its own metrics); else none
    private Map<String, String> tokens;
    private String stateServer;
    private KafkaStateTopic stateTopic;
    private KafkaTransactions transactions;
    private PollMonitor monitor;
    private Consumer<List<ReportSpec>> reportsListener;
    private Predicate<String> leadership;
    private Backfill backfill;

    private WolkvoxEngine engine;
    private Producer http;
    private WolkvoxCall call;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining.isBlank()) {
            throw new IllegalArgumentException("wolkvox needs a report's api: wolkvox:<api>, e.g. wolkvox:diagram_1");
        }
        WolkvoxEndpoint endpoint = new WolkvoxEndpoint(uri, this, remaining);
        // a time such as 5m: the endpoint's configurer reads delay as a duration
        parameters.putIfAbsent("delay", pollPeriod);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        // a profile, not a pool: each report's consumer makes its own thread from it, so one report's slow synchronous
        // endpoint holds only that report, and a window's records still leave in the answer's order; the queue holds
        // the records read ahead, which the window bounds
        ExecutorServiceManager executors = getCamelContext().getExecutorServiceManager();
        if (executors.getThreadPoolProfile(WolkvoxConsumer.RECORD_THREAD_PROFILE) == null) {
            executors.registerThreadPoolProfile(new ThreadPoolProfileBuilder(WolkvoxConsumer.RECORD_THREAD_PROFILE)
                    .poolSize(1).maxPoolSize(1).maxQueueSize(Integer.MAX_VALUE).build());
        }
        recordConverters(getCamelContext().getTypeConverterRegistry());
        CamelContext context = getCamelContext();
        if (context.isRunAllowed()) {
            addDeadLetterRoute(context);
        } else {
            // once the application's routes are made: a component made while they are cannot add a route then
            context.addLifecycleStrategy(new LifecycleStrategySupport() {
                @Override
                public void onContextInitialized(CamelContext initialized) throws VetoCamelContextStartException {
                    try {
                        addDeadLetterRoute(initialized);
                    } catch (Exception e) {
                        throw new VetoCamelContextStartException("cannot add the dead letters' route "
                                + DeadLetterRoute.ROUTE_ID + ": " + e.getMessage(), e, initialized);
                    }
                }
            });
        }
    }

    /**
     * Adds the route the dead letters go through, in any application the component runs in, and makes it when the
     * context would not (one starting), as camel-kamelet does with the route of a Kamelet.
     */
    private void addDeadLetterRoute(CamelContext context) throws Exception {
        context.addRoutes(engine().deadLetters().route());
        ServiceStatus status = context.getRouteController().getRouteStatus(DeadLetterRoute.ROUTE_ID);
        if (status == null || !status.isStarted()) {
            ModelCamelContext model = (ModelCamelContext) context;
            model.startRouteDefinitions(List.of(model.getRouteDefinition(DeadLetterRoute.ROUTE_ID)));
        }
    }

    /** A record wherever bytes, text or a stream are wanted (Kafka values, HTTP bodies, SQL text, files) is its JSON. */
    public static void recordConverters(TypeConverterRegistry converters) {
        converters.addTypeConverter(byte[].class, WolkvoxRecord.class,
                new SimpleTypeConverter(false, (type, exchange, value) -> ((WolkvoxRecord) value).json()));
        converters.addTypeConverter(String.class, WolkvoxRecord.class,
                new SimpleTypeConverter(false, (type, exchange, value) -> value.toString()));
        converters.addTypeConverter(InputStream.class, WolkvoxRecord.class,
                new SimpleTypeConverter(false, (type, exchange, value) -> new ByteArrayInputStream(((WolkvoxRecord) value).json())));
        converters.addTypeConverter(String.class, Fingerprint.class,
                new SimpleTypeConverter(false, (type, exchange, value) -> value.toString()));
    }

    /**
     * The engine, made from the settings when first asked for: by the first report route's consumer or at start, after
     * Camel bound {@code camel.component.wolkvox.*}.
     */
    public synchronized WolkvoxEngine engine() {
        if (engine == null) {
            engine = new WolkvoxEngine(this, getCamelContext());
        }
        return engine;
    }

    /** Each token's calls of the day, which a one-off command of the application (verify) counts its calls in. */
    public CallBudget callBudget() {
        return engine().callBudget();
    }

    /** The poller: the application plans and follows leadership with it once the routes are built. */
    public ReportPoller poller() {
        return engine().poller();
    }

    /** The dead letters of the reports, for the application's records routes to keep refused records with. */
    public DeadLetters deadLetters() {
        return engine().deadLetters();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        WolkvoxEngine running = engine();
        http = getCamelContext().getEndpoint(HTTP_ENDPOINT).createProducer();
        ServiceHelper.startService(http);
        call = new WolkvoxCall(running.poller(), running.permits(), http);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(http);
        super.doStop();
    }

    @Override
    protected void doShutdown() throws Exception {
        WolkvoxEngine stopping;
        synchronized (this) {
            stopping = engine;
            engine = null;
        }
        if (stopping != null) {
            stopping.close();
        }
        super.doShutdown();
    }

    WolkvoxCall getCall() {
        return call;
    }

    String getServer() {
        return server;
    }

    public void setServer(String server) {
        this.server = server;
    }

    boolean isAllowInsecureHttp() {
        return allowInsecureHttp;
    }

    public void setAllowInsecureHttp(boolean allowInsecureHttp) {
        this.allowInsecureHttp = allowInsecureHttp;
    }

    String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    String getTokenFile() {
        return tokenFile;
    }

    public void setTokenFile(String tokenFile) {
        this.tokenFile = tokenFile;
    }

    String getStateDir() {
        return stateDir;
    }

    public void setStateDir(String stateDir) {
        this.stateDir = stateDir;
    }

    String getDeadLetterDir() {
        return deadLetterDir;
    }

    public void setDeadLetterDir(String deadLetterDir) {
        this.deadLetterDir = deadLetterDir;
    }

    String getDeadLetterTopic() {
        return deadLetterTopic;
    }

    public void setDeadLetterTopic(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }

    String getPollPeriod() {
        return pollPeriod;
    }

    public void setPollPeriod(String pollPeriod) {
        this.pollPeriod = pollPeriod;
    }

    String getLookback() {
        return lookback;
    }

    public void setLookback(String lookback) {
        this.lookback = lookback;
    }

    String getRepull() {
        return repull;
    }

    public void setRepull(String repull) {
        this.repull = repull;
    }

    String getRepullEvery() {
        return repullEvery;
    }

    public void setRepullEvery(String repullEvery) {
        this.repullEvery = repullEvery;
    }

    String getInitialFrom() {
        return initialFrom;
    }

    public void setInitialFrom(String initialFrom) {
        this.initialFrom = initialFrom;
    }

    String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    int getCallsInFlightPerToken() {
        return callsInFlightPerToken;
    }

    public void setCallsInFlightPerToken(int callsInFlightPerToken) {
        this.callsInFlightPerToken = callsInFlightPerToken;
    }

    int getDailyCallLimit() {
        return dailyCallLimit;
    }

    public void setDailyCallLimit(int dailyCallLimit) {
        this.dailyCallLimit = dailyCallLimit;
    }

    int getDailyCallHeadroom() {
        return dailyCallHeadroom;
    }

    public void setDailyCallHeadroom(int dailyCallHeadroom) {
        this.dailyCallHeadroom = dailyCallHeadroom;
    }

    String getChunkSpan() {
        return chunkSpan;
    }

    public void setChunkSpan(String chunkSpan) {
        this.chunkSpan = chunkSpan;
    }

    String getLag() {
        return lag;
    }

    public void setLag(String lag) {
        this.lag = lag;
    }

    int getRecordCap() {
        return recordCap;
    }

    public void setRecordCap(int recordCap) {
        this.recordCap = recordCap;
    }

    long getAnswerSizeLimit() {
        return answerSizeLimit;
    }

    public void setAnswerSizeLimit(long answerSizeLimit) {
        this.answerSizeLimit = answerSizeLimit;
    }

    String getMinSplitSpan() {
        return minSplitSpan;
    }

    public void setMinSplitSpan(String minSplitSpan) {
        this.minSplitSpan = minSplitSpan;
    }

    int getRetryMaxAttempts() {
        return retryMaxAttempts;
    }

    public void setRetryMaxAttempts(int retryMaxAttempts) {
        this.retryMaxAttempts = retryMaxAttempts;
    }

    String getRetryBaseDelay() {
        return retryBaseDelay;
    }

    public void setRetryBaseDelay(String retryBaseDelay) {
        this.retryBaseDelay = retryBaseDelay;
    }

    String getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(String retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }

    boolean isTyped() {
        return typed;
    }

    public void setTyped(boolean typed) {
        this.typed = typed;
    }

    Map<String, String> getTokens() {
        return tokens;
    }

    /** The tokens by alias, when the application read them itself (WOLKVOX_TOKEN_<ALIAS>...). */
    public void setTokens(Map<String, String> tokens) {
        this.tokens = tokens;
    }

    String getStateServer() {
        return stateServer;
    }

    /** The server the state is kept under, when not the one called (the embedded simulator: simulator). */
    public void setStateServer(String stateServer) {
        this.stateServer = stateServer;
    }

    KafkaStateTopic getStateTopic() {
        return stateTopic;
    }

    /** The Kafka topic the state follows the leader through, with replicas. */
    public void setStateTopic(KafkaStateTopic stateTopic) {
        this.stateTopic = stateTopic;
    }

    KafkaTransactions getTransactions() {
        return transactions;
    }

    /** Exactly once into Kafka: each window's records and state in one transaction. */
    public void setTransactions(KafkaTransactions transactions) {
        this.transactions = transactions;
    }

    PollMonitor getMonitor() {
        return monitor;
    }

    /** The metrics and health the polls report to. */
    public void setMonitor(PollMonitor monitor) {
        this.monitor = monitor;
    }

    Consumer<List<ReportSpec>> getReportsListener() {
        return reportsListener;
    }

    /** Told the report routes at start and whenever a reload changed them (after their quota plan is made). */
    public void setReportsListener(Consumer<List<ReportSpec>> reportsListener) {
        this.reportsListener = reportsListener;
    }

    Predicate<String> getLeadership() {
        return leadership;
    }

    /** Whether a report route (by id) leads its token, with replicas: a poll ends early once it does not. */
    public void setLeadership(Predicate<String> leadership) {
        this.leadership = leadership;
    }

    Backfill getBackfill() {
        return backfill;
    }

    /** Makes the reports a backfill of a past range instead of live polls. */
    public void setBackfill(Backfill backfill) {
        this.backfill = backfill;
    }
}
