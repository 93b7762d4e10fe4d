package io.github.wolkvoxcamel.state;

import java.net.URI;
import java.util.Locale;

/**
 * Whose state a value is: the Wolkvox server polled and the token alias polling it, as {@code <host[:port]>/<alias>}.
 * Watermarks and call counts in a shared state topic are keyed under it, and replicas elect one leader per scope.
 */
public final class StateScope {

    private StateScope() {
    }

    /** @param baseUrl Wolkvox's base URL, e.g. {@code https://wv0004.wolkvox.com}; @param alias a canonical token alias */
    public static String of(String baseUrl, String alias) {
        URI uri = URI.create(baseUrl);
        String server = uri.getHost() == null ? baseUrl : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return server.toLowerCase(Locale.ROOT) + "/" + alias;
    }

    /**
     * The scope as a name a lock file or a Kubernetes Lease can carry (lower-case letters, digits and '-'):
     * {@code wolkvox-wv0004-wolkvox-com-default}.
     */
    public static String leadershipNamespace(String scope) {
        return "wolkvox-" + scope.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
