package io.github.wolkvoxcamel.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them in settings: {@code 5m}, {@code 30s}, {@code 1h30m}, {@code 31d}, or ISO {@code PT5M}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the setting when {@code text} is not a duration */
    public static Duration parse(String setting, String text) {
        String value = text == null ? "" : text.trim();
        if (value.startsWith("P") || value.startsWith("p")) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw invalid(setting, value);
            }
        }
        if (value.matches("\\d+")) {
            return Duration.ofMillis(Long.parseLong(value));
        }
        Matcher part = PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
            end = part.end();
        }
        if (end == 0 || end != value.length()) {
            throw invalid(setting, value);
        }
        return total;
    }

    /** A duration as people write it: {@code 5m}, {@code 1h30m}, {@code 45s}, {@code 2d}. */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds == 0) {
            return duration.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        long[] units = {86_400, 3_600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (seconds >= units[i]) {
                text.append(seconds / units[i]).append(names[i]);
                seconds %= units[i];
            }
        }
        return text.toString();
    }

    private static IllegalArgumentException invalid(String setting, String value) {
        return new IllegalArgumentException(setting + " = '" + value
                + "' is not a duration: write it like 5m, 30s, 1h30m, 31d or PT5M");
    }
}
