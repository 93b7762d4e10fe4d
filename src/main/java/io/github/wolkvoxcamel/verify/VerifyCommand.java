package io.github.wolkvoxcamel.verify;

import io.github.wolkvoxcamel.time.Durations;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code verify [--reports a,b] [--window 1h] [--max-calls 20]} into the settings the application runs a verify
 * with: each configured report called once, its answer compared with the catalog ({@link Verify}).
 */
public final class VerifyCommand {

    public static final String USAGE = "usage: verify [--reports diagram_1,wolkvox-agents_detail] [--window 1h] "
            + "[--max-calls 20]\n  calls each report route once over the last --window (Bogota time) and prints how "
            + "its answer differs from the catalog";
    /** The settings a verify runs with; set only by this command. */
    public static final String REPORTS = "wolkvox.verify.reports";
    public static final String WINDOW = "wolkvox.verify.window";
    public static final String MAX_CALLS = "wolkvox.verify.max-calls";

    private VerifyCommand() {
    }

    /** @return the settings to run with; throws IllegalArgumentException with the usage for bad arguments */
    public static Map<String, String> settings(String[] args) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("reports", "", "window", "1h", "max-calls", "20"));
        for (int i = 1; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument '" + name + "'\n" + USAGE);
            }
            if (!options.containsKey(name.substring(2))) {
                throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
            options.put(name.substring(2), args[i + 1]);
        }
        if (Durations.parse("--window", options.get("window")).isZero()) {
            throw new IllegalArgumentException("--window must be longer than 0s\n" + USAGE);
        }
        try {
            if (Integer.parseInt(options.get("max-calls")) < 1) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-calls must be a whole number of at least 1\n" + USAGE, e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(REPORTS, options.get("reports"));
        settings.put(WINDOW, options.get("window"));
        settings.put(MAX_CALLS, options.get("max-calls"));
        // the report routes are read, not started: a verify makes its own calls, one at a time, and moves no watermark
        settings.put("camel.main.auto-startup", "false");
        return settings;
    }
}
