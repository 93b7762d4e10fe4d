package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.catalog.ReportShape;
import io.github.wolkvoxcamel.time.Window;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.github.wolkvoxcamel.record.WolkvoxHeaders.LIST_VERSION;

/**
 * Reads a window's answer: spooled off the connection to a file, classified ({@link AnswerClassifier}), read record by
 * record when only some records are broken, checked for a cut ({@link WindowSizer}: the window is then put back as
 * halves), for an unchanged lookup list, and for a host clock running ahead of Wolkvox's.
 */
final class AnswerReader {

    /**
     * How much of an answer is kept, as a share of Wolkvox's size limit: Wolkvox never sends more, so an answer going
     * on past this (a proxy streaming without end) is cut here rather than filling the disk.
     */
    private static final double SPOOL_CAP = 1.1;
    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.poll");

    private final PollerSettings settings;
    private final ReportPoller.Parts parts;
    private final WindowSizer sizer;
    private final ListDigests listDigests;

    AnswerReader(PollerSettings settings, ReportPoller.Parts parts, WindowSizer sizer, ListDigests listDigests) {
        this.settings = settings;
        this.parts = parts;
        this.sizer = sizer;
        this.listDigests = listDigests;
    }

    /**
     * Reads the whole answer off the connection into a temporary file, the message's body from then on, while the call
     * still holds the token's slot (Wolkvox counts a call until its answer is sent).
     */
    void spool(Message message) {
        message.setBody(AnswerSpool.of(message.getBody(InputStream.class),
                (long) (settings.answerSizeLimit() * SPOOL_CAP)));
    }

    /**
     * Checks the spooled answer on {@code message} whole ({@link AnswerClassifier}, one streaming pass over it) where
     * its call was made, once the call freed its slot: for a call made ahead, while the window before sends its
     * records. {@link #read} takes the outcome from the call.
     */
    void check(WindowCall call, Message message) {
        AnswerSpool spool = message.getBody(AnswerSpool.class);
        if (spool.cut()) {
            return;
        }
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        try (InputStream answer = spool.open()) {
            call.checked(AnswerClassifier.classify(status, answer, call.dateField()), null);
        } catch (WolkvoxAnswerException unusable) {
            call.checked(null, unusable);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the spooled answer " + spool.path(), e);
        }
    }

    /**
     * Classifies the spooled answer on {@code message}, which it then clears. An answer that is valid JSON except for
     * some records is read record by record, the unreadable ones becoming dead letters. An answer that may have been
     * cut (as many records as the cap, fewer than its {@code msg} says were found, or close to Wolkvox's size limit)
     * puts its detail window back as two halves and delivers nothing itself, down to the smallest span, where its
     * records are delivered with a loud warning.
     */
    void read(Tick tick, Message message, String routeId) {
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        ReportSpec spec = tick.spec;
        AnswerSpool spool = message.getBody(AnswerSpool.class);
        tick.spool = spool;
        String answeredAt = answeredAt(message);
        // each record's exchange starts as a copy of this one: nothing of the HTTP answer goes with it
        message.setBody(null);
        message.getHeaders().clear();
        checkClock(answeredAt, tick.call.requestedAt(), spec, tick.window, status);
        if (spool.cut()) {
            throw new WolkvoxAnswerException(WolkvoxErrorClass.ANSWER_TOO_LARGE, status, "the answer went on past "
                    + spool.size() + " bytes, " + SPOOL_CAP + " x Wolkvox's limit of " + settings.answerSizeLimit()
                    + "; the rest was not read");
        }
        Envelope envelope = tick.call.envelope();
        WolkvoxAnswerException malformed = tick.call.unusable();
        if (malformed != null) {
            TolerantReader tolerant = malformed.errorClass() == WolkvoxErrorClass.MALFORMED_ANSWER
                    ? TolerantReader.of(spool.path()) : null;
            if (tolerant == null || !new Envelope(tolerant.code(), null, 0).successful()) {
                throw malformed;
            }
            LOG.warn("poll report={} route={} window={}: the answer is not valid JSON throughout ({}); reading it record "
                    + "by record, unreadable records become dead letters", spec.api(), routeId, tick.window,
                    malformed.getMessage());
            tick.tolerant = tolerant;
            envelope = new Envelope(tolerant.code(), null, tolerant.recordCount());
        }
        Window window = tick.window;
        String outcome = envelope.recordCount() == 0 ? "empty" : "ok";
        WindowSizer.Cut cut = sizer.cut(tick, envelope, spool.size());
        if (cut != null && cut.split()) {
            envelope = envelope.withoutRecords();
            tick.tolerant = null;
            outcome = "split";
        } else if (cut != null) {
            outcome = "capped";
            LOG.warn("poll report={} route={} window={} records={} outcome=capped: {}, and the window cannot be "
                    + "split ({}); records past the cut may be missing", spec.api(), routeId, window,
                    envelope.recordCount(), cut.reason(), spec.shape() == ReportShape.DETAIL
                            ? "minimum span " + settings.minSplitSpan() : spec.shape().name().toLowerCase() + " report");
        }
        int fetched = envelope.recordCount();
        if (tick.keys.namesParam(LIST_VERSION)) {
            tick.listDigest = spool.digest();
            if (listDigests.unchanged(routeId, tick.listDigest)) {
                parts.monitor().recordsSkipped(spec.api(), "duplicate", fetched);
                envelope = envelope.withoutRecords();
                tick.tolerant = null;
                outcome = "unchanged";
            } else {
                tick.call.requestParams().put(LIST_VERSION, window.dateEnd());
            }
        }
        if (spec.shape() == ReportShape.DETAIL && (outcome.equals("ok") || outcome.equals("empty"))) {
            // before the next window is called, maybe ahead of this one's records
            sizer.sizeRemaining(routeId, tick, fetched, spool.size());
        }
        tick.envelope = envelope;
        tick.outcome = outcome;
        parts.monitor().called(routeId, spec.api(), spec.token(), outcome, tick.call.durationNanos(), fetched);
    }

    /**
     * The answer's {@code Date} header, however the server or a proxy wrote its name (HTTP/2 writes it in lower case):
     * the application keeps header names as they are set (camel.main.case-insensitive-headers=false).
     */
    private static String answeredAt(Message answer) {
        for (Map.Entry<String, Object> header : answer.getHeaders().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Date") && header.getValue() != null) {
                return header.getValue().toString();
            }
        }
        return null;
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
        if (window != null && spec.shape() != ReportShape.REALTIME && window.end().isAfter(parts.clock().now(settings.zone()))) {
            throw new WolkvoxAnswerException(WolkvoxErrorClass.CLOCK_AHEAD, status, "the host clock is "
                    + ahead.toSeconds() + " s ahead of Wolkvox's: the window ends at " + window.end()
                    + ", after Wolkvox's now; it is fetched again on Wolkvox's time");
        }
    }
}
