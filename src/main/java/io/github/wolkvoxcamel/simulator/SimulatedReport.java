package io.github.wolkvoxcamel.simulator;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One Wolkvox read API as the simulator serves it. */
interface SimulatedReport {

    /** The {@code .php} file the API lives in, e.g. {@code reports_manager}. */
    String group();

    String api();

    /** Whether the answer's {@code code} is the string {@code "200"} rather than the int {@code 200}, as documented. */
    boolean stringCode();

    /** Whether the API takes {@code date_ini}/{@code date_end}; real-time APIs answer "the last 10 minutes". */
    boolean windowed();

    /** Query parameters besides {@code api} and dates that must be present (they may be empty). */
    List<String> requiredParams();

    /** How far back a call without dates answers: the last 10 minutes, or a catalog entry's horizon. */
    default Duration horizon() {
        return Duration.ofMinutes(10);
    }

    /** How the answer wraps the rows: by default the envelope with a list, the code as {@link #stringCode()} says. */
    default AnswerForm form() {
        return AnswerForm.envelope(stringCode());
    }

    /**
     * Every row of the window that a call at {@code now} sees, in date order, each field a string. {@code params}
     * holds the request's parameters.
     */
    void records(LocalDateTime from, LocalDateTime to, Map<String, String> params, LocalDateTime now, Consumer<Row> sink);
}
