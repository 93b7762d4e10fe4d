package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.backfill.Backfill;
import io.github.wolkvoxcamel.catalog.CatalogLines;
import io.github.wolkvoxcamel.catalog.WolkvoxCatalog;
import io.github.wolkvoxcamel.cluster.ClusterServices;
import io.github.wolkvoxcamel.component.WolkvoxComponent;
import io.github.wolkvoxcamel.component.WolkvoxEndpoint;
import io.github.wolkvoxcamel.cluster.ReportLeadership;
import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.observe.RouteEventNotifiers;
import io.github.wolkvoxcamel.observe.ReportsHealthCheck;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.verify.Verify;
import io.github.wolkvoxcamel.verify.VerifyCommand;
import io.github.wolkvoxcamel.sink.JsonLinesComponent;
import io.github.wolkvoxcamel.sink.JsonLinesWriter;
import io.github.wolkvoxcamel.sink.DeadLetters;
import io.github.wolkvoxcamel.kafka.KafkaTopics;
import io.github.wolkvoxcamel.sink.SchemaFiles;
import io.github.wolkvoxcamel.sink.SchemaPublisher;
import io.github.wolkvoxcamel.sink.ShippedSinkSteps;
import io.github.wolkvoxcamel.state.DeliveredRecords;
import io.github.wolkvoxcamel.state.DurableFiles;
import io.github.wolkvoxcamel.state.KafkaStateTopic;
import io.github.wolkvoxcamel.state.KafkaTransactions;
import io.github.wolkvoxcamel.state.StateScope;
import io.github.wolkvoxcamel.wolkvox.PlainHttp;
import io.github.wolkvoxcamel.wolkvox.WolkvoxApis;
import io.github.wolkvoxcamel.wolkvox.ReportSpec;
import io.github.wolkvoxcamel.time.Durations;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import io.github.wolkvoxcamel.wolkvox.WolkvoxTokens;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.Route;
import org.apache.camel.cluster.CamelClusterService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * wolkvox-camel's wiring around the {@code wolkvox} component: decides where to poll (the real API when
 * {@code WOLKVOX_SERVER} or {@code WOLKVOX_BASE_URL} is set, otherwise an embedded simulator on loopback) and with which
 * tokens, and gives the component what the application shares with it: Kafka's state topic and transactions, metrics
 * and health, leader election, the reports' schemas, a backfill or a verify run.
 */
public class WolkvoxSetup implements CamelConfiguration {

    /** The token the embedded simulator accepts; not a secret, it only opens the local simulator. */
    static final String SIMULATOR_TOKEN = "simulator-demo-token";
    /** Calls a day without WOLKVOX_DAILY_CALL_LIMIT: one license's against a real server, plenty against the simulator. */
    private static final int REAL_DAILY_CALLS = 1000;
    private static final int SIMULATOR_DAILY_CALLS = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(WolkvoxSetup.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        // before the first file is made: the lock file in STATE_DIR is one
        DurableFiles.access(DurableFiles.Access.of(setting(properties, "wolkvox.file-mode")));
        String server = setting(properties, "wolkvox.server");
        String baseUrl = setting(properties, "wolkvox.base-url");
        Map<String, String> tokenMap = WolkvoxTokens.fromEnvironment(System.getenv(), setting(properties, "wolkvox.token"),
                setting(properties, "wolkvox.token-file"));
        if (baseUrl.isEmpty() && !server.isEmpty()) {
            baseUrl = WolkvoxApis.serverUrl(server);
        }
        boolean insecureHttpAllowed = Boolean.parseBoolean(setting(properties, "wolkvox.allow-insecure-http"));
        String stateServer;
        if (baseUrl.isEmpty()) {
            WolkvoxSimulator simulator = WolkvoxSimulator.builder().token(SIMULATOR_TOKEN)
                    .dailyQuota(SIMULATOR_DAILY_CALLS).build().start();
            closeWith(context, simulator);
            context.getRegistry().bind("wolkvoxSimulator", simulator);
            baseUrl = simulator.baseUrl();
            tokenMap = Map.of(WolkvoxTokens.DEFAULT_ALIAS, SIMULATOR_TOKEN);
            stateServer = StateScope.SIMULATOR;
            LOG.info("No WOLKVOX_SERVER or WOLKVOX_BASE_URL set: polling the embedded Wolkvox simulator at {}", baseUrl);
        } else {
            PlainHttp.refuse("WOLKVOX_BASE_URL", baseUrl, "the wolkvox-token header", insecureHttpAllowed);
            stateServer = StateScope.server(server, baseUrl);
            LOG.info("Polling Wolkvox at {}", baseUrl);
        }
        String kafkaBrokers = setting(properties, "kafka.brokers");
        boolean kafka = !kafkaBrokers.isEmpty();
        boolean files = !kafka || Boolean.parseBoolean(setting(properties, "wolkvox.sink.files-with-kafka"));
        // what the shipped sinks (kamelet:wolkvox-sink) write to
        properties.addOverrideProperty("wolkvox.sink.kafka", String.valueOf(kafka));
        properties.addOverrideProperty("wolkvox.sink.files", String.valueOf(files));
        // and a route's to: kamelet:wolkvox-sink?sink=... made those steps themselves, as each route is added
        context.getCamelContextExtension().getContextPlugin(Model.class).addModelLifecycleStrategy(new ShippedSinkSteps(kafka, files));
        LOG.info(kafka ? "Kafka sinks on: brokers {}" + (files ? "; file sinks too" : "")
                : "KAFKA_BROKERS not set: records go to file sinks", kafkaBrokers);
        ZoneId zone = ZoneId.of(setting(properties, "wolkvox.zone"));
        CamelClusterService cluster = ClusterServices.fromSettings(name -> setting(properties, name));
        if (cluster != null && !kafka) {
            throw new IllegalArgumentException("Replicas with a cluster service (CAMEL_CLUSTER_*_ENABLED) need KAFKA_BROKERS: "
                    + "a new leader resumes from the watermarks and call counts in Kafka's state topic");
        }
        Duration fingerprintRetention = DeliveredRecords.retention(
                Durations.parse("wolkvox.lookback", setting(properties, "wolkvox.lookback")),
                Durations.parse("wolkvox.repull", setting(properties, "wolkvox.repull")));
        Properties kafkaClient = kafkaBrokers.isEmpty() ? null : kafkaClient(properties, kafkaBrokers);
        KafkaStateTopic stateTopic = kafkaClient == null ? null
                : stateTopic(context, properties, kafkaClient, fingerprintRetention);
        KafkaTopics kafkaTopics = null;
        if (kafkaClient != null) {
            kafkaTopics = new KafkaTopics(kafkaClient, Integer.parseInt(setting(properties, "kafka.topic-partitions")));
            closeWith(context, kafkaTopics);
            context.getRegistry().bind("kafkaTopics", kafkaTopics);
        }
        PollMonitor monitor = new PollMonitor(meterRegistry(context), Clock.systemUTC(), zone);
        context.getRegistry().bind("pollMonitor", monitor);
        boolean typed = strictBoolean("WOLKVOX_TYPED (wolkvox.typed)", setting(properties, "wolkvox.typed"));
        // one writer for the files of FILE_SINK_DIR: the lines of every jsonl: endpoint
        JsonLinesWriter fileWriter = new JsonLinesWriter(Path.of(setting(properties, "sink.file-dir")));
        closeWith(context, fileWriter);
        context.getRegistry().bind(JsonLinesComponent.WRITER_BEAN, fileWriter);
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new ReportsHealthCheck(monitor, Integer.parseInt(setting(properties, "wolkvox.health.periods")),
                    routeId -> context.getRouteController().getRouteStatus(routeId) != null
                            && context.getRouteController().getRouteStatus(routeId).isStarted()));
        }
        String dailyLimit = setting(properties, "wolkvox.daily-call-limit");
        int dailyCalls = !dailyLimit.isEmpty() ? Integer.parseInt(dailyLimit)
                : stateServer.equals(StateScope.SIMULATOR) ? SIMULATOR_DAILY_CALLS : REAL_DAILY_CALLS;
        KafkaTransactions transactions = exactlyOnce(context, properties, stateTopic, kafkaBrokers);
        // the component runs the reports: Camel Main binds its options (camel.component.wolkvox.* in
        // application.properties) once this setup is done; here what the setup decides and what the component shares
        // with the rest of the application
        WolkvoxComponent component = context.getComponent("wolkvox", WolkvoxComponent.class);
        component.setBaseUrl(baseUrl);
        component.setAllowInsecureHttp(insecureHttpAllowed);
        // here, not only as camel.component.wolkvox.* lines: a properties file of one's own without them still keeps
        // the state and the letters where STATE_DIR and DLQ_DIR say, not in the defaults
        component.setStateDir(setting(properties, "state.dir"));
        component.setDeadLetterDir(setting(properties, "dlq.dir"));
        component.setServer(server);
        component.setTokens(tokenMap);
        component.setStateServer(stateServer);
        component.setDailyCallLimit(dailyCalls);
        component.setStateTopic(stateTopic);
        if (kafka) {
            component.setDeadLetterTopic(setting(properties, "kafka.topic-prefix") + "dlq");
        }
        component.setTransactions(transactions);
        component.setMonitor(monitor);
        // made once its options are bound, before the routes: a second process on the same state directory stops
        // here, before anything reads or writes state
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextInitializing(CamelContext initializing) {
                component.engine();
            }
        });
        // the refused records of the records routes (routes/sinks.yaml) are kept by the same dead letters
        context.getRegistry().bind("deadLetters", DeadLetters.class, component::deadLetters);
        boolean realApi = context.getRegistry().lookupByName("wolkvoxSimulator") == null;
        KafkaTopics topicsToPrepare = kafkaTopics;
        URI schemaRegistry = registryUrl(setting(properties, "schema-registry.url"));
        String registryUserInfo = setting(properties, "schema-registry.basic-auth-user-info");
        if (schemaRegistry != null && (!registryUserInfo.isEmpty() || schemaRegistry.getUserInfo() != null)) {
            PlainHttp.refuse("SCHEMA_REGISTRY_URL", SchemaPublisher.withoutUserInfo(schemaRegistry),
                    "the registry's credentials", insecureHttpAllowed);
        }
        if (schemaRegistry != null && kafkaClient == null) {
            LOG.warn("SCHEMA_REGISTRY_URL is set but KAFKA_BROKERS is not: the reports' schemas are registered only "
                    + "with Kafka on");
        }
        SchemaPublisher schemaPublisher = kafkaClient == null ? null : new SchemaPublisher(kafkaClient,
                setting(properties, "kafka.topic-prefix"), schemaRegistry, registryUserInfo, typed);
        SchemaFiles schemaFiles = files ? new SchemaFiles(Path.of(setting(properties, "sink.file-dir")), typed) : null;
        // at start and after a reload changed the report routes: their schemas beside the files, to Kafka, registered
        component.setReportsListener(new ReportSchemas(schemaFiles, schemaPublisher));
        context.addStartupListener((started, alreadyStarted) -> {
            if (!alreadyStarted) {
                RouteEventNotifiers.ignoreExchanges(started);
                List<ReportSpec> reports = WolkvoxEndpoint.reportSpecs(started);
                ReportRoutes.check(started, reports, realApi);
                component.poller().fitPlan(reports);
                if (topicsToPrepare != null) {
                    Set<String> topics = ReportRoutes.topics(started);
                    Thread preparing = new Thread(() -> topicsToPrepare.prepare(topics), "wolkvox-topics");
                    preparing.setDaemon(true);
                    preparing.start();
                }
            }
        });
        if (cluster != null) {
            WolkvoxTokens tokens = new WolkvoxTokens(tokenMap);
            context.addService(cluster);
            ReportLeadership leadership = new ReportLeadership(cluster,
                    alias -> StateScope.of(stateServer, tokens.canonical(alias)), routeId -> component.poller().leading(routeId),
                    routeId -> component.poller().stopped(routeId));
            context.addRoutePolicyFactory(leadership);
            context.addRoutePolicyFactory(leadership.announcements());
            component.setLeadership(leadership::leads);
            LOG.info("Leader election on: {} (member {}); each token's reports run on its leader only",
                    cluster.getClass().getSimpleName(), cluster.getId());
        }
        String verifyCalls = setting(properties, VerifyCommand.MAX_CALLS);
        if (!verifyCalls.isEmpty()) {
            String verifyUrl = baseUrl;
            WolkvoxTokens verifyTokens = new WolkvoxTokens(tokenMap);
            Set<String> verifyReports = Arrays.stream(setting(properties, VerifyCommand.REPORTS).split(","))
                    .map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
            Duration verifyWindow = Durations.parse("--window", setting(properties, VerifyCommand.WINDOW));
            // the reports' own budget: a verify's calls count in the token's day
            verify(context, () -> new Verify.Settings(verifyUrl, verifyTokens, component.callBudget(), zone,
                    Clock.systemUTC(), verifyReports, verifyWindow, Integer.parseInt(verifyCalls),
                    Long.parseLong(setting(properties, "wolkvox.answer-size-limit"))));
        }
        String backfillFrom = setting(properties, "wolkvox.backfill.from");
        if (!backfillFrom.isEmpty()) {
            component.setBackfill(backfill(context, properties, backfillFrom,
                    Integer.parseInt(setting(properties, "wolkvox.record-cap")), monitor.registry()));
        }
    }

    /** Once the routes are read (not started): the verify, on a thread of its own, then the end of the run. */
    private static void verify(CamelContext context, Supplier<Verify.Settings> settings) throws Exception {
        IntConsumer done = context.getRegistry().lookupByNameAndType(Application.VERIFY_DONE, IntConsumer.class);
        context.addStartupListener((started, alreadyStarted) -> {
            if (!alreadyStarted) {
                Verify verify = new Verify(settings.get(), WolkvoxCatalog.shipped(), CatalogLines.shipped());
                List<ReportSpec> reports = WolkvoxEndpoint.reportSpecs(started);
                Thread verifying = new Thread(() -> done.accept(verify.run(reports, System.out)), "wolkvox-verify");
                verifying.start();
            }
        });
    }

    /** The Schema Registry's URL with a trailing slash (its API paths resolve against it), or null when not set. */
    private static URI registryUrl(String url) {
        if (url.isBlank()) {
            return null;
        }
        try {
            URI registry = new URI(url.endsWith("/") ? url : url + "/");
            if (!"http".equals(registry.getScheme()) && !"https".equals(registry.getScheme()) || registry.getHost() == null) {
                throw new URISyntaxException(url, "not an http:// or https:// URL with a host");
            }
            return registry;
        } catch (URISyntaxException e) {
            // a URL may hold user:password@: never in a message
            throw new IllegalArgumentException("SCHEMA_REGISTRY_URL (schema-registry.url) '"
                    + url.replaceAll("//[^/@]*@", "//") + "' is no Schema Registry URL: " + e.getReason(), e);
        }
    }

    /** {@code true} or {@code false}, nothing else: a typo must not turn a mode half on. */
    private static boolean strictBoolean(String setting, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(setting + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }


    /** The registry Prometheus scrapes; Camel's own meters go to the same one (it uses a bound metricsRegistry). */
    private static MeterRegistry meterRegistry(CamelContext context) {
        MeterRegistry existing = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        if (existing != null) {
            return existing;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        return registry;
    }

    /** Bootstrap servers and the same security settings as the Kafka sinks, for the application's own Kafka clients. */
    private static Properties kafkaClient(PropertiesComponent properties, String brokers) {
        Properties client = new Properties();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers);
        client.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, setting(properties, "camel.component.kafka.security-protocol"));
        client.put(SaslConfigs.SASL_MECHANISM, setting(properties, "camel.component.kafka.sasl-mechanism"));
        String jaas = setting(properties, "camel.component.kafka.sasl-jaas-config");
        if (!jaas.isEmpty()) {
            client.put(SaslConfigs.SASL_JAAS_CONFIG, jaas);
        }
        return client;
    }

    /** The sinks' producer settings: the camel-kafka component's (camel.component.kafka.*), which Camel has bound by now. */
    private static Properties producerSettings(CamelContext context, String brokers) {
        Properties producer = context.getComponent("kafka", KafkaComponent.class).getConfiguration().createProducerProperties();
        producer.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers);
        return producer;
    }

    /** The topics the state follows the leader through: watermarks, call counts, delivered records. */
    private static KafkaStateTopic stateTopic(CamelContext context, PropertiesComponent properties, Properties client,
                                              Duration fingerprintRetention) throws Exception {
        KafkaStateTopic topic = new KafkaStateTopic(setting(properties, "kafka.state-topic"), client, fingerprintRetention);
        closeWith(context, topic);
        return topic;
    }

    /**
     * With WOLKVOX_KAFKA_EXACTLY_ONCE=true (and Kafka on), the transactions each window's records, fingerprints and
     * watermark are written in: camel-kafka's endpoints get their producer from them. Otherwise null.
     */
    private static KafkaTransactions exactlyOnce(CamelContext context, PropertiesComponent properties,
                                                 KafkaStateTopic stateTopic, String brokers) throws Exception {
        if (!Boolean.parseBoolean(setting(properties, "wolkvox.kafka.exactly-once"))) {
            return null;
        }
        if (stateTopic == null) {
            throw new IllegalArgumentException("WOLKVOX_KAFKA_EXACTLY_ONCE=true needs KAFKA_BROKERS");
        }
        KafkaTransactions transactions = new KafkaTransactions(() -> producerSettings(context, brokers),
                Durations.parse("wolkvox.kafka.transaction-timeout", setting(properties, "wolkvox.kafka.transaction-timeout")));
        closeWith(context, transactions);
        context.getComponent("kafka", KafkaComponent.class).setKafkaClientFactory(transactions);
        LOG.info("Exactly once into Kafka: each window's records, fingerprints and watermark in one transaction");
        return transactions;
    }

    private static Backfill backfill(CamelContext context, PropertiesComponent properties, String from, int recordCap,
                                     MeterRegistry registry) {
        Set<String> reports = Arrays.stream(setting(properties, "wolkvox.backfill.reports").split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
        Runnable done = context.getRegistry().lookupByNameAndType(Application.BACKFILL_DONE, Runnable.class);
        Backfill backfill = new Backfill(WolkvoxTime.parseRequest(from),
                WolkvoxTime.parseRequest(setting(properties, "wolkvox.backfill.to")), reports,
                () -> context.getRoutes().stream().filter(route -> route.getEndpoint() instanceof WolkvoxEndpoint)
                        .map(Route::getRouteId).collect(Collectors.toSet()),
                recordCap, registry, done != null ? done : () -> { });
        LOG.info("Backfill of {} .. {} for {}", backfill.from(), backfill.to(), reports.isEmpty() ? "every windowed report" : reports);
        return backfill;
    }

    private static String setting(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(String::trim).orElse("");
    }

    /** Closes {@code resource} when the Camel context stops. */
    private static void closeWith(CamelContext context, AutoCloseable resource) throws Exception {
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                resource.close();
            }
        });
    }
}
