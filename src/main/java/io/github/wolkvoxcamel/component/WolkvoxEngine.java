package io.github.wolkvoxcamel.component;

import io.github.wolkvoxcamel.catalog.WolkvoxCatalog;
import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.sink.DeadLetters;
import io.github.wolkvoxcamel.sink.JsonLinesWriter;
import io.github.wolkvoxcamel.state.CallBudget;
import io.github.wolkvoxcamel.state.DeliveredRecords;
import io.github.wolkvoxcamel.state.DeliveredRecordsRepository;
import io.github.wolkvoxcamel.state.RecordStrikes;
import io.github.wolkvoxcamel.state.StateDirLock;
import io.github.wolkvoxcamel.state.StateScope;
import io.github.wolkvoxcamel.state.WatermarkStore;
import io.github.wolkvoxcamel.state.WindowCommit;
import io.github.wolkvoxcamel.state.WindowLedger;
import io.github.wolkvoxcamel.time.Durations;
import io.github.wolkvoxcamel.time.WindowPlanner;
import io.github.wolkvoxcamel.wolkvox.Backoff;
import io.github.wolkvoxcamel.wolkvox.PlainHttp;
import io.github.wolkvoxcamel.wolkvox.PollerSettings;
import io.github.wolkvoxcamel.wolkvox.ReportPoller;
import io.github.wolkvoxcamel.wolkvox.TokenPermits;
import io.github.wolkvoxcamel.wolkvox.TokenStates;
import io.github.wolkvoxcamel.wolkvox.TypedRecords;
import io.github.wolkvoxcamel.wolkvox.WindowRecords;
import io.github.wolkvoxcamel.wolkvox.WolkvoxApis;
import io.github.wolkvoxcamel.wolkvox.WolkvoxClock;
import io.github.wolkvoxcamel.wolkvox.WolkvoxTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the wolkvox component runs its reports with, made from its settings: the poller with its plan, state and call
 * budgets, each token's call slots, the delivered records, the dead letters. It holds the state directory's lock
 * until it is closed.
 */
final class WolkvoxEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WolkvoxEngine.class);

    private final StateDirLock lock;
    private final ReportPoller poller;
    private final TokenPermits permits;
    private final IdempotentRepository deliveredRecords;
    private final JsonLinesWriter deadLetterFiles;
    private final DeadLetters deadLetters;
    private final TypedRecords typedRecords;
    private final PollMonitor monitor;
    private final CallBudget callBudget;

    WolkvoxEngine(WolkvoxComponent settings, CamelContext context) {
        Path stateDir = Path.of(settings.getStateDir());
        // before anything reads or writes state: a second process on the same state directory stops here
        lock = StateDirLock.acquire(stateDir);
        try {
            String baseUrl = settings.getBaseUrl();
            if (baseUrl.isBlank() && !settings.getServer().isBlank()) {
                baseUrl = WolkvoxApis.serverUrl(settings.getServer());
            }
            if (baseUrl.isBlank()) {
                throw new IllegalArgumentException("the wolkvox component needs the Wolkvox server: set "
                        + "camel.component.wolkvox.server (wv<server>.wolkvox.com) or camel.component.wolkvox.base-url");
            }
            PlainHttp.refuse("camel.component.wolkvox.base-url", baseUrl, "the wolkvox-token header",
                    settings.isAllowInsecureHttp());
            Map<String, String> tokenMap = settings.getTokens() != null ? settings.getTokens()
                    : WolkvoxTokens.fromEnvironment(System.getenv(), settings.getToken(), settings.getTokenFile());
            if (tokenMap.isEmpty()) {
                throw new IllegalArgumentException("Polling " + baseUrl + " needs a token: set WOLKVOX_TOKEN or "
                        + "WOLKVOX_TOKEN_FILE (camel.component.wolkvox.token, camel.component.wolkvox.token-file)");
            }
            WolkvoxTokens tokens = new WolkvoxTokens(tokenMap);
            String server = settings.getStateServer() != null ? settings.getStateServer()
                    : StateScope.server(settings.getServer(), baseUrl);
            ZoneId zone = ZoneId.of(settings.getZone());
            Duration fingerprintRetention = DeliveredRecords.retention(
                    Durations.parse("wolkvox.lookback", settings.getLookback()),
                    Durations.parse("wolkvox.repull", settings.getRepull()));
            Clock clock = Clock.systemUTC();
            PollerSettings pollerSettings = new PollerSettings(baseUrl, server, zone, settings.getRecordCap(),
                    Durations.parse("wolkvox.min-split-span", settings.getMinSplitSpan()),
                    Durations.parse("wolkvox.repull-every", settings.getRepullEvery()),
                    Durations.parse("wolkvox.lag", settings.getLag()), settings.getAnswerSizeLimit());
            DeliveredRecords delivered = new DeliveredRecords(stateDir, fingerprintRetention, clock, zone);
            monitor = settings.getMonitor() != null ? settings.getMonitor()
                    : new PollMonitor(meterRegistry(context), clock, zone);
            Backoff backoff = new Backoff(settings.getRetryMaxAttempts(),
                    Durations.parse("wolkvox.retry.base-delay", settings.getRetryBaseDelay()),
                    Durations.parse("wolkvox.retry.max-delay", settings.getRetryMaxDelay()), new SplittableRandom());
            callBudget = new CallBudget(stateDir, settings.getDailyCallLimit(), settings.getDailyCallHeadroom(),
                    settings.getStateTopic(), alias -> StateScope.of(server, alias));
            monitor.quota(callBudget, tokens.aliases());
            deadLetterFiles = new JsonLinesWriter(Path.of(settings.getDeadLetterDir()));
            String deadLetterTopic = settings.getDeadLetterTopic();
            deadLetters = new DeadLetters(context, deadLetterFiles, deadLetterTopic.isBlank() ? null : deadLetterTopic,
                    monitor, clock);
            WindowCommit commit = new WindowCommit(new WatermarkStore(stateDir, settings.getStateTopic()), delivered,
                    settings.getStateTopic(), settings.getTransactions());
            permits = new TokenPermits(settings.getCallsInFlightPerToken());
            poller = new ReportPoller(pollerSettings, new ReportPoller.Parts(tokens,
                    new WindowPlanner(Durations.parse("wolkvox.chunk-span", settings.getChunkSpan())), commit,
                    new WindowLedger(stateDir), monitor, backoff, new TokenStates(), callBudget,
                    new RecordStrikes(stateDir, 2 * backoff.maxAttempts()), deadLetters, new WolkvoxClock(clock)),
                    () -> WolkvoxEndpoint.reportSpecs(context));
            if (settings.getReportsListener() != null) {
                poller.onReports(settings.getReportsListener());
            }
            if (settings.getLeadership() != null) {
                poller.setLeadership(settings.getLeadership());
            }
            if (settings.getBackfill() != null) {
                poller.setBackfill(settings.getBackfill());
            }
            deliveredRecords = new DeliveredRecordsRepository(delivered, WindowRecords.HEADER_FINGERPRINT);
            typedRecords = settings.isTyped() ? new TypedRecords(WolkvoxCatalog.shipped(), zone, monitor) : null;
            LOG.info("Wolkvox tokens configured for aliases {}", tokens.aliases());
        } catch (RuntimeException e) {
            try {
                lock.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The registry the application's metrics go to: the one named metricsRegistry, else its only one, else its own. */
    private static MeterRegistry meterRegistry(CamelContext context) {
        MeterRegistry bound = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                MeterRegistry.class);
        if (bound == null) {
            // the application's only registry, whatever its name (Spring Boot's and Quarkus' are beans of their own)
            bound = context.getRegistry().findSingleByType(MeterRegistry.class);
        }
        return bound != null ? bound : new SimpleMeterRegistry();
    }

    CallBudget callBudget() {
        return callBudget;
    }

    ReportPoller poller() {
        return poller;
    }

    TokenPermits permits() {
        return permits;
    }

    IdempotentRepository deliveredRecords() {
        return deliveredRecords;
    }

    DeadLetters deadLetters() {
        return deadLetters;
    }

    /** Null unless records are typed (WOLKVOX_TYPED). */
    TypedRecords typedRecords() {
        return typedRecords;
    }

    PollMonitor monitor() {
        return monitor;
    }

    /** What releasing the lock throws, not {@code Exception}: javac warns that such a close() may be interrupted. */
    @Override
    public void close() throws IOException {
        try {
            deadLetterFiles.close();
        } finally {
            lock.close();
        }
    }
}
