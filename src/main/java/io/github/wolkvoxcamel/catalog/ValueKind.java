package io.github.wolkvoxcamel.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Wolkvox value stands for, though the api sends every value as a string: the catalog's {@code value} of a
 * field. The typed mode turns the string into the JSON value it stands for; Wolkvox's empty values ({@code ""},
 * {@code "--"}, a zero date) become null.
 */
public enum ValueKind {
    /** {@code "184"}, {@code "1,172"}: a whole number. */
    INTEGER("integer", "integer", null) {
        @Override
        Object parse(String raw, ZoneId zone) {
            String digits = withoutThousands(raw);
            if (!WHOLE.matcher(digits).matches()) {
                throw new IllegalArgumentException("is no whole number");
            }
            return Long.parseLong(digits);
        }
    },
    /** {@code "12.50"}, {@code "9,336.00"}: a decimal number, kept exact. */
    DECIMAL("decimal", "number", null) {
        @Override
        Object parse(String raw, ZoneId zone) {
            return decimal(raw);
        }
    },
    /** {@code "28.81 %"}, {@code "9,336.00 %"}, {@code "0 %"}: the number of percent, 28.81. */
    PERCENT("percent", "number", null) {
        @Override
        Object parse(String raw, ZoneId zone) {
            String number = raw.endsWith("%") ? raw.substring(0, raw.length() - 1).trim() : raw;
            return decimal(number);
        }
    },
    /** {@code "yes"}, {@code "no"}, {@code "si"}, {@code "true"}, {@code "1"}...: true or false. */
    BOOLEAN("boolean", "boolean", null) {
        @Override
        Object parse(String raw, ZoneId zone) {
            String word = raw.toLowerCase(Locale.ROOT);
            if (TRUE.contains(word)) {
                return Boolean.TRUE;
            }
            if (FALSE.contains(word)) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("is none of " + TRUE + " or " + FALSE);
        }
    },
    /** {@code "2026-01-19 09:47:50"}, Bogota's wall clock: {@code "2026-01-19T09:47:50-05:00"}. */
    DATE_TIME("date-time", "string", "date-time") {
        @Override
        Object parse(String raw, ZoneId zone) {
            try {
                // not OffsetDateTime.toString(), which leaves out seconds that are zero
                return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        LocalDateTime.parse(raw.replace('T', ' '), DATE_TIME_FORMAT).atZone(zone));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("is no date and time (yyyy-MM-dd HH:mm:ss)");
            }
        }
    },
    /** {@code "2026-01-19"}. */
    DATE("date", "string", "date") {
        @Override
        Object parse(String raw, ZoneId zone) {
            try {
                return LocalDate.parse(raw).toString();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("is no date (yyyy-MM-dd)");
            }
        }
    },
    /** {@code "00:01:06"}, {@code "125:03:10"}, {@code "01:06"} or seconds {@code "66"}: ISO-8601, {@code "PT1M6S"}. */
    DURATION("duration", "string", "duration") {
        @Override
        Object parse(String raw, ZoneId zone) {
            Matcher clock = CLOCK.matcher(raw);
            if (clock.matches()) {
                long hours = clock.group(1) == null ? 0 : Long.parseLong(clock.group(1));
                return Duration.ofHours(hours).plusMinutes(Long.parseLong(clock.group(2)))
                        .plusSeconds(Long.parseLong(clock.group(3))).toString();
            }
            if (WHOLE.matcher(raw).matches() && !raw.startsWith("-")) {
                return Duration.ofSeconds(Long.parseLong(raw)).toString();
            }
            throw new IllegalArgumentException("is no duration (HH:MM:SS, MM:SS or seconds)");
        }
    };

    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");
    private static final Pattern THOUSANDS = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern DECIMAL_NUMBER = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d+):)?([0-5]?\\d):([0-5]\\d)");
    private static final DateTimeFormatter DATE_TIME_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Set<String> TRUE = Set.of("yes", "si", "sí", "true", "1");
    private static final Set<String> FALSE = Set.of("no", "false", "0");
    /** What Wolkvox sends for no value. */
    private static final Set<String> EMPTY = Set.of("", "--", "-", "null", "0000-00-00", "0000-00-00 00:00:00");

    private final String word;
    private final String jsonType;
    private final String format;

    /**
     * @param jsonType the JSON type of a converted value
     * @param format the JSON Schema format of a converted string, or null
     */
    ValueKind(String word, String jsonType, String format) {
        this.word = word;
        this.jsonType = jsonType;
        this.format = format;
    }

    /** The catalog's name of the kind: {@code date-time}. */
    public String word() {
        return word;
    }

    /**
     * The JSON value {@code raw} stands for: a Long, a BigDecimal, a Boolean, an ISO-8601 string, or null for
     * Wolkvox's empty values.
     *
     * @param zone the zone of Wolkvox's wall-clock dates
     * @throws IllegalArgumentException when the value is not of this kind; the message says why, without the value
     */
    public Object convert(String raw, ZoneId zone) {
        String value = raw.trim();
        if (EMPTY.contains(value)) {
            return null;
        }
        return parse(value, zone);
    }

    abstract Object parse(String raw, ZoneId zone);

    /** Puts the JSON Schema type (and format) of a converted value on {@code node}: null where Wolkvox sent none. */
    void schema(ObjectNode node) {
        node.putArray("type").add(jsonType).add("null");
        if (format != null) {
            node.put("format", format);
        }
    }

    public static ValueKind parse(String word) {
        for (ValueKind kind : values()) {
            if (kind.word.equals(word)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("value '" + word + "' is none of integer, decimal, percent, boolean, "
                + "date-time, date, duration");
    }

    private static String withoutThousands(String raw) {
        return THOUSANDS.matcher(raw).matches() ? raw.replace(",", "") : raw;
    }

    private static BigDecimal decimal(String raw) {
        String number = withoutThousands(raw);
        if (!DECIMAL_NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("is no number");
        }
        return new BigDecimal(number);
    }
}
