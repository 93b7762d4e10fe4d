package io.github.wolkvoxcamel.wolkvox;

import org.apache.camel.http.base.HttpOperationFailedException;

import java.sql.SQLException;
import java.util.Set;

/**
 * Whether an endpoint's failure says that the record itself was refused, as opposed to the endpoint being away: a
 * webhook's 400, 409, 413, 415 or 422, a database's data (SQL state 22) or integrity (23) error. Only such a refusal
 * strikes a record that fails alone (see {@code RecordStrikes}); a 5xx, a timeout or a broken connection may be an
 * outage, which must hold the watermark rather than make dead letters.
 */
public final class RecordRefusals {

    private static final Set<Integer> REFUSING_STATUSES = Set.of(400, 409, 413, 415, 422);

    private RecordRefusals() {
    }

    public static boolean refused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof HttpOperationFailedException http) {
                return REFUSING_STATUSES.contains(http.getStatusCode());
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23");
            }
        }
        return false;
    }
}
