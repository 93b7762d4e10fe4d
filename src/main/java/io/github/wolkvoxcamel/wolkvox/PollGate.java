package io.github.wolkvoxcamel.wolkvox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a report polls now: not with an api Wolkvox does not have, a request Wolkvox called wrong (until its route
 * changes), a token set aside or paused, before its turn in the quota plan, or when its poll would spend calls kept in
 * reserve for the real-time reports. Each poll it holds back is logged with why (and an unknown api shows in health).
 */
final class PollGate {

    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.poll");

    private final ReportPoller.Parts parts;
    private final PollSchedule schedule;
    /** Requests Wolkvox called wrong (400), by {@link #requestKey}: not asked again until the route changes. */
    private final Map<String, String> refusedRequests = new ConcurrentHashMap<>();

    PollGate(ReportPoller.Parts parts, PollSchedule schedule) {
        this.parts = parts;
        this.schedule = schedule;
    }

    /**
     * @param live false for a backfill, which polls whenever its routes tick
     * @param today Wolkvox's day, whose calls the token has used
     * @return whether the report polls now
     */
    boolean opens(String routeId, ReportSpec spec, boolean live, LocalDate today) {
        String alias = parts.tokens().canonical(spec.token());
        String notNow = parts.tokenStates().reason(alias, parts.clock().instant());
        String unknown = WolkvoxApis.unknown(spec.group(), spec.api());
        if (unknown != null) {
            // a reload can bring a typo; asking would only fetch a web server's 404 page
            parts.monitor().failed(routeId, WolkvoxErrorClass.CONFIGURATION.name(), unknown, true);
            LOG.error("report={} route={} stopped: the route {}", spec.api(), routeId, unknown);
            return false;
        }
        String refused = refusedRequests.get(requestKey(routeId, spec));
        if (notNow != null || refused != null) {
            LOG.info("poll report={} route={} outcome=skipped reason=\"{}\"", spec.api(), routeId,
                    refused != null ? "Wolkvox refused this request (fix the report in YAML): " + refused
                            : "token " + alias + ": " + notNow);
            return false;
        }
        if (live && !schedule.due(routeId, spec)) {
            return false;
        }
        String reserved = schedule.reserve(alias).refusesPoll(spec.shape(), parts.callBudget().used(alias, today),
                schedule.untilMidnight());
        if (reserved != null) {
            LOG.info("poll report={} route={} outcome=skipped reason=\"{}\"", spec.api(), routeId, reserved);
            return false;
        }
        return true;
    }

    /** Wolkvox called the route's request wrong: it is not made again until the route changes or the restart. */
    void refused(String routeId, ReportSpec spec, String message) {
        refusedRequests.put(requestKey(routeId, spec), message);
    }

    /** What identifies a request Wolkvox may refuse: the route and what it asks for. */
    private static String requestKey(String routeId, ReportSpec spec) {
        return routeId + "|" + spec.group() + "|" + spec.api() + "|" + spec.params();
    }
}
