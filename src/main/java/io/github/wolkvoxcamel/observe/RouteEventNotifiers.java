package io.github.wolkvoxcamel.observe;

import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerRouteEventNotifier;
import org.apache.camel.support.EventHelper;

/**
 * Camel's route gauges ({@code camel_routes_added}, {@code camel_routes_running}) come from camel-micrometer's route
 * event notifier, which reads route events only but does not say so: Camel then makes an event object for every
 * exchange created, sent and completed, and offers it to the notifiers, for each record (a few hundred bytes a record,
 * bench/run). Told to ignore exchange events, it keeps its gauges and Camel makes none.
 */
public final class RouteEventNotifiers {

    private RouteEventNotifiers() {
    }

    /**
     * Has the route event notifier, if there is one, ignore every exchange event. Camel decided when it initialised
     * whether any notifier wants exchange events, and asks each notifier about each exchange while that holds: the
     * decision is taken again here, as Camel takes it, so that with no other notifier an exchange asks none.
     */
    public static void ignoreExchanges(CamelContext context) {
        context.getManagementStrategy().getEventNotifiers().stream()
                .filter(MicrometerRouteEventNotifier.class::isInstance)
                .map(MicrometerRouteEventNotifier.class::cast)
                .forEach(notifier -> notifier.setIgnoreExchangeEvents(true));
        context.getCamelContextExtension().setEventNotificationApplicable(EventHelper.eventsApplicable(context));
    }
}
