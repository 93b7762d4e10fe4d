package io.github.wolkvoxcamel.time;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;

/**
 * Wolkvox's wall-clock conventions: request dates are {@code YYYYmmddHHiiss} in the operation's zone
 * (Bogota, UTC-5, no DST) and record dates are {@code yyyy-MM-dd HH:mm:ss} in the same zone.
 */
public final class WolkvoxTime {

    public static final ZoneId BOGOTA = ZoneId.of("America/Bogota");

    /** The {@code date_ini}/{@code date_end} format. */
    public static final DateTimeFormatter REQUEST_FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

    /** The format Wolkvox uses inside records ({@code date}, {@code date_inbound_call}...). */
    public static final DateTimeFormatter RECORD_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    private WolkvoxTime() {
    }

    public static String formatRequest(LocalDateTime time) {
        return REQUEST_FORMAT.format(time);
    }

    public static LocalDateTime parseRequest(String text) {
        return LocalDateTime.parse(text, REQUEST_FORMAT);
    }

    /**
     * Parses a start instant given by a person: {@code today}, {@code yyyy-MM-dd}, {@code yyyy-MM-ddTHH:mm:ss},
     * {@code YYYYmmddHHiiss}, or a look-back such as {@code -P7D} / {@code -PT6H}. Result is wall-clock time
     * in {@code zone}, truncated to the second.
     */
    public static LocalDateTime parseStart(String text, LocalDateTime now) {
        String value = text == null ? "" : text.trim();
        try {
            if (value.isEmpty() || value.equalsIgnoreCase("today")) {
                return now.toLocalDate().atStartOfDay();
            }
            if (value.startsWith("-P")) {
                String iso = value.substring(1);
                return iso.contains("T")
                        ? now.minus(java.time.Duration.parse(iso)).truncatedTo(ChronoUnit.SECONDS)
                        : now.toLocalDate().atStartOfDay().minus(java.time.Period.parse(iso));
            }
            if (value.length() == 14 && value.chars().allMatch(Character::isDigit)) {
                return parseRequest(value);
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay();
            }
            return LocalDateTime.parse(value).truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("Cannot read start time '" + value
                    + "': use today, yyyy-MM-dd, yyyy-MM-ddTHH:mm:ss, YYYYmmddHHiiss or a look-back like -P7D / -PT6H", e);
        }
    }
}
