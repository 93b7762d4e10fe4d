package io.github.wolkvoxcamel.backfill;

import io.github.wolkvoxcamel.time.WolkvoxTime;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code backfill --from <start> --to <end> [--reports a,b] [--chunk 1d]} into the settings the application
 * runs the backfill with. {@code --to} given as a day means the end of that day.
 */
public final class BackfillCommand {

    public static final String USAGE = "usage: backfill --from <start> --to <end> [--reports diagram_1,agents_detail] [--chunk 1d]\n"
            + "  <start>, <end>: 2026-07-01, 2026-07-01T06:00:00 or 20260701060000 (Bogota time); a day as --to means its end";

    private BackfillCommand() {
    }

    /** @return the settings to run with; throws IllegalArgumentException with the usage for bad arguments */
    public static Map<String, String> settings(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument '" + name + "'\n" + USAGE);
            }
            options.put(name.substring(2), args[++i]);
        }
        for (String name : options.keySet()) {
            if (!Map.of("from", 1, "to", 1, "reports", 1, "chunk", 1).containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
            }
        }
        if (!options.containsKey("from") || !options.containsKey("to")) {
            throw new IllegalArgumentException("backfill needs --from and --to\n" + USAGE);
        }
        LocalDateTime now = LocalDateTime.now(WolkvoxTime.BOGOTA);
        LocalDateTime from = WolkvoxTime.parseStart(options.get("from"), now);
        String toText = options.get("to").trim();
        LocalDateTime to = toText.length() == 10 ? WolkvoxTime.parseStart(toText, now).plusDays(1).minusSeconds(1)
                : WolkvoxTime.parseStart(toText, now);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("wolkvox.backfill.from", WolkvoxTime.formatRequest(from));
        settings.put("wolkvox.backfill.to", WolkvoxTime.formatRequest(to));
        settings.put("wolkvox.backfill.reports", options.getOrDefault("reports", ""));
        if (options.containsKey("chunk")) {
            settings.put("wolkvox.chunk-span", options.get("chunk"));
        }
        // a tick fetches every remaining chunk; after a failure the next tick resumes soon
        settings.put("wolkvox.poll-period", "10s");
        return settings;
    }
}
