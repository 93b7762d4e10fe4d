package io.github.wolkvoxcamel.simulator;

import java.util.Set;

/**
 * How an answer wraps its rows: the body {@code code} as the api writes it, what {@code data} is, and {@code msg}.
 * The hand-written reports answer {@code {"code":200,"error":null,"msg":"N records were found","data":[...]}}; the
 * catalog's other apis also answer one object as {@code data}, or a bare array without an envelope
 * ({@code real_time.php?api=campaigns}), or carry nested lists and objects in some fields.
 *
 * @param code the code as JSON: {@code 200}, {@code "200"} or {@code "0"}
 * @param msg the fixed {@code msg} (billing: "Information found for the current month"), or null for
 *        "N records were found"
 * @param rawFields fields whose value is JSON already (a nested list or object), written as is, not as a string
 */
record AnswerForm(String code, Data data, String msg, Set<String> rawFields) {

    /** What {@code data} holds. */
    enum Data {
        /** An array of records. */
        LIST,
        /** One object: the first row. */
        OBJECT,
        /** No envelope at all: the answer is the array of records. */
        BARE_LIST
    }

    AnswerForm {
        rawFields = Set.copyOf(rawFields);
    }

    /** The envelope of the hand-written reports: a list, the code an int or a string. */
    static AnswerForm envelope(boolean stringCode) {
        return new AnswerForm(stringCode ? "\"200\"" : "200", Data.LIST, null, Set.of());
    }

    String msg(long matched) {
        return msg != null ? msg : matched + " records were found";
    }
}
