package io.github.wolkvoxcamel.wolkvox;

/**
 * What a validation pass over a Wolkvox answer found: the body {@code code} as text ({@code 200} and {@code "200"}
 * both read "200"), {@code msg}, how many records {@code data} holds, and the latest value of the records' date field
 * (null when not asked for or absent), which shows how far in time a cut-off answer reached.
 */
public record Envelope(String code, String msg, int recordCount, String latestDate) {

    public static final Envelope EMPTY = new Envelope("404", "no records in window", 0, null);

    public Envelope(String code, String msg, int recordCount) {
        this(code, msg, recordCount, null);
    }

    public Envelope withoutRecords() {
        return new Envelope(code, msg, 0, latestDate);
    }

    /**
     * How many records {@code msg} says were found ({@code "75000 records were found"}), or -1 when it does not say.
     * More than {@code data} holds means the answer was cut.
     */
    public long reportedCount() {
        if (msg == null) {
            return -1;
        }
        java.util.regex.Matcher count = REPORTED.matcher(msg);
        return count.find() ? Long.parseLong(count.group(1)) : -1;
    }

    private static final java.util.regex.Pattern REPORTED = java.util.regex.Pattern.compile("^\\s*(\\d{1,12})\\s+records?\\b");

    /** Wolkvox marks success with 200 as int or string; a few endpoints answer "0". */
    public boolean successful() {
        return "200".equals(code) || "0".equals(code);
    }
}
