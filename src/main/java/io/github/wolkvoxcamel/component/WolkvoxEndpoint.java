package io.github.wolkvoxcamel.component;

import io.github.wolkvoxcamel.catalog.WolkvoxCatalog;
import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import io.github.wolkvoxcamel.wolkvox.ReportSpec;
import org.apache.camel.CamelContext;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.service.ServiceHelper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Poll a report of the Wolkvox contact-center API: each poll reads the windows due since the report's watermark and
 * hands on every record as an exchange of its own. What the options leave out comes from the api's catalog entry.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "wolkvox", title = "Wolkvox", syntax = "wolkvox:api", consumerOnly = true,
        category = { Category.SAAS, Category.API }, headersClass = WolkvoxHeaders.class)
// a poll reads everything due at once, and an empty exchange is no record: the consumer ignores both
@Metadata(excludeProperties = "greedy,sendEmptyMessageWhenIdle")
public class WolkvoxEndpoint extends ScheduledPollEndpoint implements MultipleConsumersSupport {

    @UriPath(description = "The Wolkvox api name, e.g. diagram_1; also the report's name in headers, topics and files")
    @Metadata(required = true)
    private final String api;
    @UriParam(label = "consumer", defaultValueNote = "the catalog's", description = "The .php file the api lives in "
            + "(reports_manager, real_time, customer...); needed only for an api name several groups have (agents, "
            + "skills, campaigns, interactions)")
    private String group;
    @UriParam(label = "consumer", defaultValueNote = "the catalog's", description = "The record key: a field, or "
            + "fields separated by commas; a name after an at sign is a request parameter's instead of a field's "
            + "(polled_at, list_version, or one of params)")
    private String keyFields;
    @UriParam(label = "consumer,advanced", defaultValueNote = "the catalog's; without one, the window's day",
            description = "The record field holding the record's date, for day files and de-duplication by hour")
    private String dateField;
    @UriParam(label = "consumer", description = "Extra query parameters, e.g. skill_id=12; a required one the catalog "
            + "documents a value for (campaign_id=all) is added when left out")
    private String params;
    @UriParam(label = "consumer,advanced", enums = "detail,aggregate,realtime", defaultValueNote = "the catalog's",
            description = "detail: rows dated in the window; aggregate: counts over the window; realtime: no dates")
    private String shape;
    @UriParam(label = "consumer", defaultValueNote = "the component's lookback", description = "detail: how far "
            + "behind the watermark each poll reads again, for rows that appear late or change; aggregate: how long "
            + "after its end a bucket is fetched")
    private String lookback;
    @UriParam(label = "consumer,advanced", defaultValueNote = "the component's repull", description = "How far back a "
            + "re-pull (every repullEvery of the component) reads, for rows later than the lookback; 0s for none")
    private String repull;
    @UriParam(label = "consumer,advanced", defaultValueNote = "the catalog's, else 1h", description = "aggregate: the "
            + "range one call counts over, aligned to the day (15m, 1h, 1d...)")
    private String bucket;
    @UriParam(label = "consumer,advanced", defaultValueNote = "the catalog's, else 10m", description = "realtime: how "
            + "far back each call answers")
    private String horizon;
    @UriParam(label = "consumer", defaultValueNote = "the component's initialFrom", description = "Where the first "
            + "poll starts (today, 2026-01-01, -P7D...)")
    private String initialFrom;
    // the alias that picks one of the component's tokens, not a token itself: no secret
    @UriParam(label = "security", defaultValue = "default", description = "The alias of the token to poll with "
            + "(default, or the alias of a WOLKVOX_TOKEN_ALIAS variable, lower-cased)")
    private String token;
    @UriParam(label = "consumer,filter", defaultValueNote = "the component's, kept in its state directory (and state "
            + "topic) by hour of the records' dates", description = "What tells a record delivered before from a new "
            + "one, as camel-file's idempotentRepository; the message id is the record's fingerprint (route, key, "
            + "content and hour). Not with exactly-once into Kafka, whose aborted windows only the component's "
            + "forgets")
    private IdempotentRepository idempotentRepository;
    @UriParam(label = "consumer,advanced", defaultValue = "0", description = "Records an exchange carries: 0 (the "
            + "default) sends each record as an exchange of its own; from 1 to " + RecordSender.MAX_BATCH + ", the "
            + "exchange's body is the list of up to that many records' exchanges, each with its own body, key and "
            + "headers, which camel-kafka sends record by record (kafka:<topic>?batchWithIndividualHeaders=true). For "
            + "a report whose records all go to one topic: a rule or filter of the route sees the batch, not a record. "
            + "A window's records are batched on its first pass only; one sent again after a failure goes alone, so a "
            + "record Kafka refuses is found and becomes a dead letter by itself")
    private int batchSize;
    // Camel's own delay and initialDelay, declared again for their metadata only, as camel-mail and camel-slack do:
    // the endpoint's configurer then reads them as durations (5m, 1h30m or milliseconds), and tooling shows the
    // component's poll period as delay's default; ScheduledPollEndpoint keeps the values
    @UriParam(label = "consumer,scheduler", javaType = "java.time.Duration", defaultValue = "5m",
            defaultValueNote = "the component's pollPeriod", description = "Time between polls: 5m, 1h30m, or "
                    + "milliseconds")
    private long delay;
    @UriParam(label = "consumer,scheduler", javaType = "java.time.Duration", defaultValue = "1000",
            description = "Time before the first poll: 10s, or milliseconds")
    private long initialDelay;

    // the spec of each route this endpoint starts (one, unless routes share the URI), made once
    private final Map<String, ReportSpec> specs = new ConcurrentHashMap<>();

    WolkvoxEndpoint(String uri, WolkvoxComponent component, String api) {
        super(uri, component);
        this.api = api;
    }

    public String getApi() {
        return api;
    }

    /**
     * The report the route {@code routeId} polls: this endpoint's options, what they leave out from the api's catalog
     * entry, and the component's defaults.
     *
     * @throws IllegalArgumentException when the options do not make a report
     */
    public ReportSpec spec(String routeId) {
        return specs.computeIfAbsent(routeId, route -> {
            WolkvoxComponent component = getComponent();
            Map<String, Object> settings = new HashMap<>();
            settings.put("api", api);
            settings.put("group", group);
            settings.put("keyFields", keyFields);
            settings.put("dateField", dateField);
            settings.put("params", params);
            settings.put("shape", shape);
            settings.put("bucket", bucket);
            settings.put("horizon", horizon);
            settings.put("token", token);
            settings.put("period", String.valueOf(getDelay()));
            settings.put("lookback", or(lookback, component.getLookback()));
            settings.put("repull", or(repull, component.getRepull()));
            settings.put("initialFrom", or(initialFrom, component.getInitialFrom()));
            return ReportSpec.of(route, settings, getCamelContext()::resolvePropertyPlaceholders, WolkvoxCatalog.shipped());
        });
    }

    /** The report routes as they are now: each route that starts from a wolkvox: endpoint, with that endpoint's report. */
    public static List<ReportSpec> reportSpecs(CamelContext context) {
        List<ReportSpec> specs = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof WolkvoxEndpoint endpoint) {
                try {
                    specs.add(endpoint.spec(route.getRouteId()));
                } catch (IllegalArgumentException e) {
                    String location = location(context, route.getRouteId()).map(at -> " (" + at + ")").orElse("");
                    throw new IllegalArgumentException("report route " + route.getRouteId() + location + ": "
                            + e.getMessage(), e);
                }
            }
        }
        return specs;
    }

    /** Where the user wrote the route: a templated route's own line, not its template's; empty when unknown. */
    public static Optional<String> location(CamelContext context, String routeId) {
        return ((ModelCamelContext) context).getRouteDefinitions().stream()
                .filter(definition -> routeId.equals(definition.getRouteId()))
                .map(RouteDefinition::getLocation).filter(Objects::nonNull).findFirst();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // the route's own, started and stopped with the endpoint as camel-file does: every consumer of it shares it
        ServiceHelper.startService(idempotentRepository);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(idempotentRepository);
        super.doStop();
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getKeyFields() {
        return keyFields;
    }

    public void setKeyFields(String keyFields) {
        this.keyFields = keyFields;
    }

    public String getDateField() {
        return dateField;
    }

    public void setDateField(String dateField) {
        this.dateField = dateField;
    }

    public String getParams() {
        return params;
    }

    public void setParams(String params) {
        this.params = params;
    }

    public String getShape() {
        return shape;
    }

    public void setShape(String shape) {
        this.shape = shape;
    }

    public String getLookback() {
        return lookback;
    }

    public void setLookback(String lookback) {
        this.lookback = lookback;
    }

    public String getRepull() {
        return repull;
    }

    public void setRepull(String repull) {
        this.repull = repull;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getHorizon() {
        return horizon;
    }

    public void setHorizon(String horizon) {
        this.horizon = horizon;
    }

    public String getInitialFrom() {
        return initialFrom;
    }

    public void setInitialFrom(String initialFrom) {
        this.initialFrom = initialFrom;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        if (batchSize < 0 || batchSize > RecordSender.MAX_BATCH) {
            throw new IllegalArgumentException("wolkvox:" + api + ": batchSize " + batchSize + " is not between 0 and "
                    + RecordSender.MAX_BATCH);
        }
        this.batchSize = batchSize;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    @Override
    public WolkvoxComponent getComponent() {
        return (WolkvoxComponent) super.getComponent();
    }

    /** Report routes of one api with other parameters or tokens poll it each on their own (their route's settings). */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        WolkvoxConsumer consumer = new WolkvoxConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("wolkvox: endpoints are read from (from: wolkvox:<api>), not sent to");
    }
}
