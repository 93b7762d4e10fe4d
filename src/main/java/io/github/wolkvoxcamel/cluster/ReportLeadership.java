package io.github.wolkvoxcamel.cluster;

import io.github.wolkvoxcamel.state.StateScope;
import io.github.wolkvoxcamel.wolkvox.WolkvoxTokens;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.util.URISupport;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

import java.net.URISyntaxException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs each report route only on the replica that leads its token: one Camel {@link ClusteredRoutePolicy} per report
 * route, with one leadership namespace per Wolkvox server and token ({@link StateScope}), so that a token's call
 * slots and daily budget are counted by one process while several tokens spread over replicas. A report route that
 * starts (its replica became the leader) is announced, so its state is read again from where the last leader left it;
 * one that stops (leadership lost) too, so its window in flight is rolled back, and a tick in progress ends at its
 * current window once the route no longer leads ({@link #leads}).
 * Other routes (sinks, the call route) run on every replica: they only act on a leader's exchanges.
 */
public final class ReportLeadership implements RoutePolicyFactory {

    private final CamelClusterService cluster;
    private final UnaryOperator<String> scopeOfAlias;
    private final Consumer<String> started;
    private final Consumer<String> stopped;
    private final Map<String, ClusteredRoutePolicy> policies = new ConcurrentHashMap<>();

    /**
     * @param scopeOfAlias the {@link StateScope} of a token alias as a report route names it
     * @param started told the id of a report route that started on this replica (it leads now)
     * @param stopped told the id of a report route that stopped on this replica (it lost its leadership)
     */
    public ReportLeadership(CamelClusterService cluster, UnaryOperator<String> scopeOfAlias, Consumer<String> started,
                            Consumer<String> stopped) {
        this.cluster = cluster;
        this.scopeOfAlias = scopeOfAlias;
        this.started = started;
        this.stopped = stopped;
    }

    /** Whether this replica leads the token of a report route (any other route: true). */
    public boolean leads(String routeId) {
        ClusteredRoutePolicy policy = policies.get(routeId);
        return policy == null || policy.isLeader();
    }

    /** One policy per report route: leadership, and the announcement once it started; none for other routes. */
    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode node) {
        String alias = tokenAlias(context, node);
        if (alias == null) {
            return null;
        }
        try {
            ClusteredRoutePolicy leadership = ClusteredRoutePolicy.forNamespace(cluster,
                    StateScope.leadershipNamespace(scopeOfAlias.apply(alias)));
            leadership.setCamelContext(context);
            policies.put(routeId, leadership);
            return leadership;
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up leader election for route " + routeId + ": " + e.getMessage(), e);
        }
    }

    /** The second policy of each report route: announces that it started or stopped here. */
    public RoutePolicyFactory announcements() {
        return (context, routeId, node) -> tokenAlias(context, node) == null ? null : new RoutePolicySupport() {
            @Override
            public void onStart(Route route) {
                started.accept(route.getRouteId());
            }

            @Override
            public void onStop(Route route) {
                stopped.accept(route.getRouteId());
            }
        };
    }

    /**
     * The token alias of a report route (one starting from a wolkvox: endpoint), or null for any other route: its
     * template's token parameter when the report template made it, else its URI's token option.
     */
    private static String tokenAlias(CamelContext context, NamedNode node) {
        if (!(node instanceof RouteDefinition route) || route.getInput() == null
                || !route.getInput().getEndpointUri().startsWith("wolkvox:")) {
            return null;
        }
        Object token;
        if (route.getTemplateParameters() != null && route.getTemplateParameters().get("api") != null) {
            token = route.getTemplateParameters().get("token");
        } else {
            try {
                token = URISupport.parseQuery(URISupport.extractQuery(route.getInput().getEndpointUri())).get("token");
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("route " + route.getRouteId() + ": " + e.getMessage(), e);
            }
        }
        return token == null ? WolkvoxTokens.DEFAULT_ALIAS : context.resolvePropertyPlaceholders(token.toString());
    }
}
