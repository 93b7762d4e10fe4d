package io.github.wolkvoxcamel.state;

import java.net.URI;
import java.util.Locale;

/**
 * Whose state a value is: the Wolkvox server polled and the token alias polling it, as {@code <server>/<alias>}.
 * Watermarks and call counts are kept under it, in the state directory ({@link #directory}) and in a shared state
 * topic alike, and replicas elect one leader per scope: state of one server never moves the start of another's.
 */
public final class StateScope {

    /** The server name of the embedded simulator, whose port changes at every start. */
    public static final String SIMULATOR = "simulator";

    private StateScope() {
    }

    /**
     * The server a deployment polls, as its state names it: {@code wv<WOLKVOX_SERVER>.wolkvox.com} when the server is
     * set (whatever proxy {@code WOLKVOX_BASE_URL} carries the calls), else the base URL's {@code host[:port]}.
     */
    public static String server(String wolkvoxServer, String baseUrl) {
        if (wolkvoxServer != null && !wolkvoxServer.isBlank()) {
            return "wv" + wolkvoxServer.trim().toLowerCase(Locale.ROOT) + ".wolkvox.com";
        }
        URI uri = URI.create(baseUrl);
        String server = uri.getHost() == null ? baseUrl : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return server.toLowerCase(Locale.ROOT);
    }

    /** @param server the server ({@link #server}); @param alias a canonical token alias */
    public static String of(String server, String alias) {
        return server.toLowerCase(Locale.ROOT) + "/" + alias;
    }

    /**
     * The scope as a name a lock file, a directory or a Kubernetes Lease can carry (lower-case letters, digits and '-'):
     * {@code wolkvox-wv0004-wolkvox-com-default}.
     */
    public static String leadershipNamespace(String scope) {
        return "wolkvox-" + scope.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** The directory of the scope's files in the state directory: its leadership namespace, so one name for both. */
    public static String directory(String scope) {
        return leadershipNamespace(scope);
    }
}
