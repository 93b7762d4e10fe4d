package io.github.wolkvoxcamel.wolkvox;

import java.time.Duration;
import java.time.ZoneId;

/**
 * How the poller talks to Wolkvox.
 *
 * @param baseUrl {@code https://wvNNNN.wolkvox.com}, or a proxy or simulator
 * @param server the Wolkvox server whose state the reports keep ({@code StateScope.server}), whatever URL reaches it
 * @param zone Wolkvox's wall-clock zone (Bogota)
 * @param recordCap the most records one answer holds; an answer with that many may have been cut
 * @param minSplitSpan below this a full window is not split further: its records are delivered with a warning
 * @param repullEvery how often a report re-pulls (each report says how deep)
 * @param lag how far behind now a detail window ends
 * @param answerSizeLimit the largest answer Wolkvox sends (256 MB); one close to it may have been cut
 */
public record PollerSettings(String baseUrl, String server, ZoneId zone, int recordCap, Duration minSplitSpan, Duration repullEvery,
                             Duration lag, long answerSizeLimit) {

    public PollerSettings {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (recordCap < 1) {
            throw new IllegalArgumentException("wolkvox.record-cap must be at least 1, got " + recordCap);
        }
        if (minSplitSpan.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("wolkvox.min-split-span must be at least 1s, got " + minSplitSpan);
        }
        if (repullEvery.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("wolkvox.repull-every must be at least 1s, got " + repullEvery);
        }
        if (lag.isNegative() || lag.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("wolkvox.lag must be between 0s and 1m, got " + lag);
        }
    }
}
