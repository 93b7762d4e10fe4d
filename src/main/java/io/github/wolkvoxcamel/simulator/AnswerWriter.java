package io.github.wolkvoxcamel.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes Wolkvox's envelope {@code {"code":200,"error":null,"msg":"N records were found","data":[...]}} by hand, so a
 * poisoned row can carry what a JSON library refuses to write (a byte that is not UTF-8), and a cut-off answer can
 * stop in the middle of a record. {@link AnswerForm} says how the rows are wrapped; fields it names as raw hold JSON
 * (a nested list or object) and are written as they are.
 */
final class AnswerWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private byte[] scratch = new byte[256];

    AnswerWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Writes {@code rows} the way {@code form} says: in the envelope as a list or as one object (the first row), or
     * as a bare array.
     *
     * @param matched the number {@code msg} reports
     * @param truncate stop half-way through {@code data}, inside a record, as a dropped connection would
     */
    void write(AnswerForm form, long matched, AnswerRows rows, boolean truncate) throws IOException {
        if (form.data() != AnswerForm.Data.BARE_LIST) {
            ascii("{\"code\":" + form.code());
            ascii(",\"error\":null,\"msg\":\"" + form.msg(matched) + "\",\"data\":");
        }
        if (form.data() == AnswerForm.Data.OBJECT) {
            if (truncate) {
                ascii("{\"");
                out.flush();
                return;
            }
            rows.writeTo(out, 1);
            ascii("}");
            out.flush();
            return;
        }
        out.write('[');
        rows.writeTo(out, truncate ? Math.max(1, rows.size() / 2) : rows.size());
        if (truncate) {
            ascii(",{\"conn_id\"");
            out.flush();
            return;
        }
        ascii(form.data() == AnswerForm.Data.BARE_LIST ? "]" : "]}");
        out.flush();
    }

    /** Writes one row as its JSON object, with the poisons that apply to it. */
    void row(Row row, List<Poison> poisons, Set<String> rawFields) throws IOException {
        out.write('{');
        boolean first = true;
        for (Map.Entry<String, String> field : row.fields().entrySet()) {
            Poison poison = poisonOf(row, field.getKey(), poisons);
            if (poison != null && poison.kind() == Poison.Kind.MISSING_FIELD) {
                continue;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            string(field.getKey());
            out.write(':');
            if (poison == null && rawFields.contains(field.getKey())) {
                out.write(field.getValue().getBytes(StandardCharsets.UTF_8));
            } else if (poison == null) {
                string(field.getValue());
            } else {
                poisoned(field.getValue(), poison);
            }
        }
        out.write('}');
    }

    private void poisoned(String value, Poison poison) throws IOException {
        switch (poison.kind()) {
            case EMPTY_FIELD -> string("");
            case NOT_AVAILABLE -> string(Poison.NOT_AVAILABLE_TEXT);
            case INVALID_UTF8 -> {
                int half = value.length() / 2;
                out.write('"');
                escaped(value.substring(0, half));
                out.write(0xFF);
                escaped(value.substring(half));
                out.write('"');
            }
            case OVERSIZED -> string(value + "x".repeat(Math.max(0, poison.bytes() - value.length())));
            default -> string(value);
        }
    }

    private static Poison poisonOf(Row row, String field, List<Poison> poisons) {
        for (Poison poison : poisons) {
            if (poison.field().equals(field) && poison.applies(row.event())) {
                return poison;
            }
        }
        return null;
    }

    private void string(String value) throws IOException {
        out.write('"');
        escaped(value);
        out.write('"');
    }

    private void escaped(String value) throws IOException {
        if (plainAscii(value)) {
            // most values: no escapes, one byte a char, copied without a new array
            if (scratch.length < value.length()) {
                scratch = new byte[Math.max(value.length(), scratch.length * 2)];
            }
            for (int i = 0; i < value.length(); i++) {
                scratch[i] = (byte) value.charAt(i);
            }
            out.write(scratch, 0, value.length());
            return;
        }
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                out.write(value.substring(start, i).getBytes(StandardCharsets.UTF_8));
                if (c == '"' || c == '\\') {
                    out.write('\\');
                    out.write(c);
                } else {
                    ascii("\\u00");
                    out.write(HEX[c >> 4]);
                    out.write(HEX[c & 0xF]);
                }
                start = i + 1;
            }
        }
        out.write(value.substring(start).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean plainAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private void ascii(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }
}
