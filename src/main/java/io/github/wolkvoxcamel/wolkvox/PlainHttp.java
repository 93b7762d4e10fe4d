package io.github.wolkvoxcamel.wolkvox;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** Plain {@code http://} URLs that would carry a secret over a network. */
public final class PlainHttp {

    private PlainHttp() {
    }

    /**
     * Refuses a URL that would send a secret in clear over a network: http:// to anything but loopback, unless allowed
     * (a TLS-terminating proxy beside the application, say).
     *
     * @param setting the setting that names the URL, for the message
     * @param secret what would cross the network, for the message
     * @param allowed the operator allowed plain http (WOLKVOX_ALLOW_INSECURE_HTTP)
     */
    public static void refuse(String setting, String url, String secret, boolean allowed) {
        URI uri = URI.create(url);
        if (!"http".equalsIgnoreCase(uri.getScheme()) || allowed || isLoopback(uri.getHost())) {
            return;
        }
        throw new IllegalArgumentException(setting + " " + url + " is plain http: " + secret
                + " would cross the network in clear. Use https, or set WOLKVOX_ALLOW_INSECURE_HTTP=true if you must");
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
