package io.github.wolkvoxcamel.simulator;

/**
 * A row the answer spoils the same way on every call, as real data sometimes is: a field missing or empty, a byte
 * that is not UTF-8, or a row far larger than the rest. Applied to every {@code every}-th event of a report.
 *
 * @param field the field it concerns (the one left out, emptied, broken or padded)
 * @param bytes for {@link Kind#OVERSIZED}, the length the field is padded to
 */
public record Poison(Kind kind, String field, int bytes, long every) {

    public enum Kind { MISSING_FIELD, EMPTY_FIELD, INVALID_UTF8, OVERSIZED, NOT_AVAILABLE }

    /** What a {@link Kind#NOT_AVAILABLE} field holds instead of its number, date or duration. */
    public static final String NOT_AVAILABLE_TEXT = "N/A";

    public static Poison missingField(String field, long every) {
        return new Poison(Kind.MISSING_FIELD, field, 0, every);
    }

    public static Poison emptyField(String field, long every) {
        return new Poison(Kind.EMPTY_FIELD, field, 0, every);
    }

    /** {@code field} holds {@value #NOT_AVAILABLE_TEXT} instead of its value: text where a number or date belongs. */
    public static Poison notAvailable(String field, long every) {
        return new Poison(Kind.NOT_AVAILABLE, field, 0, every);
    }

    /** A byte 0xFF in the middle of {@code field}'s value. */
    public static Poison invalidUtf8(String field, long every) {
        return new Poison(Kind.INVALID_UTF8, field, 0, every);
    }

    public static Poison oversized(String field, int bytes, long every) {
        return new Poison(Kind.OVERSIZED, field, bytes, every);
    }

    boolean applies(long event) {
        return event % every == 0;
    }
}
