package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.catalog.ReportShape;
import io.github.wolkvoxcamel.component.WolkvoxEndpoint;
import io.github.wolkvoxcamel.time.Durations;
import io.github.wolkvoxcamel.wolkvox.ReportSpec;
import io.github.wolkvoxcamel.wolkvox.WolkvoxApis;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the application checks and reads off the report routes once they are built: an api Wolkvox does not have, or
 * records sent to a {@code direct:} no route starts from, stop the start; the topics the routes write are created.
 */
final class ReportRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(WolkvoxSetup.class);

    private ReportRoutes() {
    }

    /**
     * Stops the start when a report route names an api Wolkvox does not have, before anything polls; warns when one
     * polls the real API more often than Wolkvox's recommended 5 minutes.
     */
    static void check(CamelContext context, List<ReportSpec> reports, boolean realApi) {
        for (ReportSpec report : reports) {
            String unknown = WolkvoxApis.unknown(report.group(), report.api());
            if (unknown != null) {
                throw new IllegalArgumentException("report route " + report.route() + " (" + where(context, report.route())
                        + ") " + unknown);
            }
            String records = records(context, report.route());
            if (records != null && noConsumer(context, records)) {
                throw new IllegalArgumentException("report route " + report.route() + " (" + where(context, report.route())
                        + ") sends its records to " + records + ", which no route starts from: add that route (see "
                        + "routes/sinks.yaml), or leave out the report's records parameter to send them to its own sink");
            }
            if (realApi && report.shape() != ReportShape.REALTIME && report.period().compareTo(Duration.ofMinutes(5)) < 0) {
                LOG.warn("Route {} polls every {}; Wolkvox recommends at most one poll every 5 minutes", report.route(),
                        Durations.format(report.period()));
            }
        }
    }


    private static String where(CamelContext context, String routeId) {
        return WolkvoxEndpoint.location(context, routeId).orElse("its templatedRoute in the routes files");
    }

    /**
     * Where a report route made from the report template sends its records (its records parameter, which may name the
     * template's other parameters, such as {{api}}), else null.
     */
    private static String records(CamelContext context, String routeId) {
        for (RouteDefinition route : reportRoutes(context)) {
            Map<String, Object> parameters = route.getTemplateParameters();
            if (route.getRouteId().equals(routeId) && parameters != null && parameters.get("records") != null) {
                String records = parameters.get("records").toString();
                for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
                    if (parameter.getValue() != null) {
                        records = records.replace("{{" + parameter.getKey() + "}}", parameter.getValue().toString());
                    }
                }
                return context.resolvePropertyPlaceholders(records);
            }
        }
        return null;
    }

    /** Whether {@code records} is a direct: endpoint that no route starts from. */
    private static boolean noConsumer(CamelContext context, String records) {
        if (!records.startsWith("direct:")) {
            return false;
        }
        String uri = context.getEndpoint(records).getEndpointUri();
        return context.getRoutes().stream().noneMatch(route -> route.getEndpoint().getEndpointUri().equals(uri));
    }

    /** The report routes' definitions: those starting from a wolkvox: endpoint. */
    private static List<RouteDefinition> reportRoutes(CamelContext context) {
        return ((ModelCamelContext) context).getRouteDefinitions().stream()
                .filter(route -> route.getInput() != null && route.getInput().getEndpointUri().startsWith("wolkvox:"))
                .toList();
    }

    /** The topics the routes' kafka: endpoints send to, the dead letters' route (wolkvox-dlq) included. */
    static Set<String> topics(CamelContext context) {
        Set<String> topics = new TreeSet<>();
        context.getEndpoints().stream().filter(KafkaEndpoint.class::isInstance)
                .map(endpoint -> ((KafkaEndpoint) endpoint).getConfiguration().getTopic()).forEach(topics::add);
        return topics;
    }
}
