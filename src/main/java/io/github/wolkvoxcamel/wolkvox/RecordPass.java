package io.github.wolkvoxcamel.wolkvox;

import com.fasterxml.jackson.core.JacksonException;
import io.github.wolkvoxcamel.catalog.ReportShape;
import io.github.wolkvoxcamel.catalog.WolkvoxCatalog;
import io.github.wolkvoxcamel.record.RecordRef;
import io.github.wolkvoxcamel.record.WolkvoxRecord;
import io.github.wolkvoxcamel.state.DeliveredRecords;
import io.github.wolkvoxcamel.state.Fingerprint;
import io.github.wolkvoxcamel.state.RecordStrikes;
import io.github.wolkvoxcamel.time.Window;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A window's passes over its records: each pass reads them one at a time from the spooled answer, with their keys,
 * dates and headers ({@link WindowRecords}); after a pass in which some failed, the window's records are sent again
 * after a back-off, those that reached their endpoints skipped, and a record that keeps failing while the rest of its
 * window gets through is struck ({@link RecordStrikes}) and refused (a dead letter) on a later pass.
 */
final class RecordPass {

    /** Records of a window read but not finished at most: bounds the heap a slow sink can take. */
    static final int MAX_RECORDS_IN_FLIGHT = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.poll");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final PollerSettings settings;
    private final ReportPoller.Parts parts;
    private final DriftWatch drift;

    RecordPass(PollerSettings settings, ReportPoller.Parts parts) {
        this.settings = settings;
        this.parts = parts;
        this.drift = new DriftWatch(WolkvoxCatalog.shipped(), settings.zone(), parts.monitor());
    }

    /**
     * Whether the window's records are to be sent (again): on the first pass when the answer holds any, and after a
     * pass in which some failed while attempts are left ({@link #ended}).
     */
    boolean pending(Tick tick) {
        Envelope envelope = tick.envelope;
        if (envelope == null || envelope.recordCount() == 0) {
            return false;
        }
        return tick.records == null || tick.passAgain;
    }

    /**
     * The window's records for the route, read one at a time from the fetched answer, each a message with its headers.
     * Records that failed too often while the rest of their window got through are refused: they become dead letters.
     */
    WindowRecords begin(Tick tick, CamelContext context, String routeId) throws IOException, InterruptedException {
        ReportSpec spec = tick.spec;
        parts.commit().recordsStart(tick.stateScope, tick.windowOwner);
        Map<String, String> params = tick.call.requestParams();
        RecordKeys keys = tick.keys;
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
        if (tick.passes == 0) {
            // a window's first pass only: a pass again sends the same records
            read = drift.watch(spec, read);
        }
        WindowRecords pass = new WindowRecords(context, read, answer, routeId, record -> keys.keyOf(record, params),
                record -> recordDate(record, spec, routeId, keys, params, window),
                WindowHeaders.of(spec, window, settings.zone(), parts.clock().now(settings.zone())), giveUp,
                MAX_RECORDS_IN_FLIGHT);
        tick.records = pass;
        tick.passes = tick.passes + 1;
        return pass;
    }

    /**
     * After a pass over the window's records: counts them, and when some failed (a sink down, a webhook that answered
     * 500), has the window's records sent again from the fetched answer after a back-off (the tick's pause).
     *
     * @throws SinkFailedException when records still failed after the attempts allowed: the window fails
     */
    void ended(Tick tick, String routeId) throws InterruptedException, SinkFailedException {
        WindowRecords pass = tick.records;
        pass.close();
        // another pass only if this one failed and attempts are left
        tick.passAgain = false;
        ReportSpec spec = tick.spec;
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
                spec.api(), routeId, tick.window, logged, attempt + 1, parts.backoff().maxAttempts(), delay.toMillis());
        parts.monitor().retried(spec.api(), WolkvoxErrorClass.DELIVERY_FAILED.name());
        parts.commit().passFailed(tick.stateScope, routeId, tick.windowOwner);
        tick.passAgain = true;
        tick.pause = delay;
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
}
