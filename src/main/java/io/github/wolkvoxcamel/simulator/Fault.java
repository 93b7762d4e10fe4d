package io.github.wolkvoxcamel.simulator;

import java.time.Duration;

/**
 * A misbehaviour the simulator shows on one call, for tests: an HTTP error page, a cut-off JSON body, or an answer
 * that arrives late.
 */
public record Fault(Kind kind, int status, String contentType, String body, Duration delay) {

    public enum Kind { STATUS, TRUNCATED_JSON, DELAY }

    /** Any status and body, e.g. a 502 from a proxy. */
    public static Fault status(int status, String contentType, String body) {
        return new Fault(Kind.STATUS, status, contentType, body, Duration.ZERO);
    }

    public static Fault serverError() {
        return status(500, "text/html", "<html><head><title>500 Internal Server Error</title></head><body>Error</body></html>");
    }

    /** What Wolkvox answers while a server is in maintenance: 403 with an HTML page. */
    public static Fault maintenancePage() {
        return status(403, "text/html", "<html><head><title>403 Forbidden</title></head>"
                + "<body><h1>Forbidden</h1><p>Maintenance in progress</p></body></html>");
    }

    /** A proxy's or web server's own 404 page: not Wolkvox's "no data", which is a JSON envelope. */
    public static Fault notFoundPage() {
        return status(404, "text/html", "<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found"
                + "</h1></center><hr><center>nginx</center></body></html>");
    }

    /** An API gateway's own JSON 404 (a route it does not know): JSON, but not Wolkvox's envelope. */
    public static Fault gatewayNotFound() {
        return status(404, "application/json", "{\"code\":404,\"message\":\"Not Found\"}");
    }

    /** 200 with an HTML page instead of JSON. */
    public static Fault htmlOk() {
        return status(200, "text/html", "<!DOCTYPE html><html><head><title>wolkvox</title></head><body>Loading</body></html>");
    }

    /** The real answer, cut off half-way through {@code data}. */
    public static Fault truncatedJson() {
        return new Fault(Kind.TRUNCATED_JSON, 200, "application/json", null, Duration.ZERO);
    }

    /** The real answer, after {@code delay}. */
    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, 200, null, null, delay);
    }
}
