package io.github.wolkvoxcamel.observe;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Readiness of the Wolkvox reports: UP while every report has polled successfully within
 * {@code wolkvox.health.periods} of its poll periods, with each report's last success, last error (class and
 * Wolkvox's message, never a token), watermark, token state and how its records differ from the catalog (field names
 * and kinds) in the details. Not a liveness check: a Wolkvox
 * outage is not cured by restarting.
 */
public final class ReportsHealthCheck extends AbstractHealthCheck {

    private final PollMonitor monitor;
    private final int periods;
    private final Predicate<String> runsHere;

    /** @param runsHere whether a report route (by id) runs in this process now */
    public ReportsHealthCheck(PollMonitor monitor, int periods, Predicate<String> runsHere) {
        super("wolkvox", "reports");
        this.monitor = monitor;
        this.periods = periods;
        this.runsHere = runsHere;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Instant now = monitor.clock().instant();
        boolean up = true;
        for (PollMonitor.ReportStatus status : monitor.reports().values()) {
            String prefix = status.route() + ".";
            if (!runsHere.test(status.route())) {
                builder.detail(prefix + "status", "STANDBY");
                continue;
            }
            boolean healthy = status.healthy(now, periods);
            up &= healthy;
            builder.detail(prefix + "status", healthy ? "UP" : "DOWN");
            builder.detail(prefix + "lastSuccess", String.valueOf(status.lastSuccess()));
            builder.detail(prefix + "watermark", String.valueOf(status.watermark()));
            builder.detail(prefix + "token", status.tokenState());
            String drift = monitor.schemaDrift(status.report());
            if (drift != null) {
                // a difference from the catalog to fix, not a failure: the records are delivered all the same
                builder.detail(prefix + "schemaDrift", drift);
            }
            if (status.realtimeGapSeconds() > 0) {
                builder.detail(prefix + "realtimeGapSeconds", status.realtimeGapSeconds());
            }
            if (status.lastFailure() != null) {
                builder.detail(prefix + "lastFailure", status.lastFailure().toString());
                builder.detail(prefix + "lastErrorClass", status.lastErrorClass());
                builder.detail(prefix + "lastError", status.lastError());
            }
        }
        if (up) {
            builder.up();
        } else {
            builder.message("a report has not polled successfully within " + periods + " poll periods").down();
        }
    }
}
