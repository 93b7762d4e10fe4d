package io.github.wolkvoxcamel.wolkvox;

/**
 * What a validation pass over a Wolkvox answer found: the body {@code code} as text ({@code 200} and {@code "200"}
 * both read "200"), {@code msg}, and how many records {@code data} holds.
 */
public record Envelope(String code, String msg, int recordCount) {

    public static final Envelope EMPTY = new Envelope("404", "no records in window", 0);

    /** Wolkvox marks success with 200 as int or string; a few endpoints answer "0". */
    public boolean successful() {
        return "200".equals(code) || "0".equals(code);
    }
}
