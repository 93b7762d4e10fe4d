package io.github.wolkvoxcamel.wolkvox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each lookup route's last delivered answer digest (a report keyed by {@code @list_version}): an answer with the same
 * digest delivers nothing. Forgotten when the route changes or changes hands, so that its next poll delivers the list
 * whole.
 */
final class ListDigests {

    private final Map<String, String> byRoute = new ConcurrentHashMap<>();

    boolean unchanged(String routeId, String digest) {
        return digest.equals(byRoute.get(routeId));
    }

    void delivered(String routeId, String digest) {
        byRoute.put(routeId, digest);
    }

    void forget(String routeId) {
        byRoute.remove(routeId);
    }
}
