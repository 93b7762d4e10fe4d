package io.github.wolkvoxcamel.wolkvox;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.wolkvoxcamel.record.WolkvoxRecord;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads the Wolkvox answer envelope {@code {"code":..,"error":..,"msg":..,"data":[..]}} with a streaming parser, so a
 * 60,000-record answer is never held as one tree or list. {@link #scan} walks the whole answer once to check it is
 * complete and count the records; {@link #records} then hands out one record at a time. A bare array (as
 * {@code real_time.php?api=campaigns} answers) counts as {@code data} with code 200.
 */
public final class EnvelopeReader {

    // the caller owns the stream: a spooled answer is scanned, reset and read again
    private static final ObjectMapper MAPPER = JsonMapper.builder().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE).build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private EnvelopeReader() {
    }

    /**
     * @throws WolkvoxAnswerException of class {@link WolkvoxErrorClass#MALFORMED_ANSWER} if the answer is not one
     *         complete JSON envelope (HTML, cut-off JSON, trailing garbage, {@code data} not an array)
     */
    public static Envelope scan(InputStream body) {
        return scan(body, null);
    }

    /** As {@link #scan(InputStream)}, also finding the latest value of {@code dateField} (text order) in the records. */
    public static Envelope scan(InputStream body, String dateField) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            String[] latest = {null};
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                int count = countArray(parser, dateField, latest);
                expectEnd(parser);
                return new Envelope("200", count + " records were found", count, latest[0]);
            }
            if (first != JsonToken.START_OBJECT) {
                throw malformed("the answer is not a JSON object", null);
            }
            String code = null;
            String msg = null;
            int count = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "code" -> code = value == JsonToken.VALUE_NULL ? null : parser.getText().trim();
                    case "msg" -> msg = value == JsonToken.VALUE_NULL ? null : parser.getText();
                    case "data" -> count = countData(parser, value, dateField, latest);
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw malformed("the answer ended inside the envelope", null);
            }
            expectEnd(parser);
            return new Envelope(code, msg, count, latest[0]);
        } catch (JsonProcessingException e) {
            throw malformed("the answer is not complete JSON (" + withoutValues(e) + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the Wolkvox answer", e);
        }
    }

    /**
     * Streams the records of {@code data}, each as a field map in the order Wolkvox sent them. The stream is closed
     * when the iterator is exhausted. Call only on an answer {@link #scan} accepted.
     */
    public static RecordIterator records(InputStream body) {
        try {
            JsonParser parser = FACTORY.createParser(body);
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                seekData(parser);
            } else if (first != JsonToken.START_ARRAY) {
                parser.close();
                throw malformed("the answer is not a JSON object", null);
            }
            return new RecordIterator(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the Wolkvox answer", e);
        }
    }

    private static void seekData(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("data".equals(field) && (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT)) {
                return;
            }
            parser.skipChildren();
        }
        // no data field: an iterator over nothing
        parser.clearCurrentToken();
    }

    private static int countData(JsonParser parser, JsonToken value, String dateField, String[] latest) throws IOException {
        return switch (value) {
            case START_ARRAY -> countArray(parser, dateField, latest);
            case START_OBJECT -> {
                parser.skipChildren();
                yield 1;
            }
            case VALUE_NULL -> 0;
            default -> throw malformed("data is neither an array nor an object", null);
        };
    }

    private static int countArray(JsonParser parser, String dateField, String[] latest) throws IOException {
        int count = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw malformed("the answer ended inside data", null);
            }
            if (token != JsonToken.START_OBJECT) {
                throw malformed("a record in data is not a JSON object", null);
            }
            if (dateField == null) {
                parser.skipChildren();
            } else {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean date = dateField.equals(parser.currentName());
                    JsonToken value = parser.nextToken();
                    if (date && value == JsonToken.VALUE_STRING && (latest[0] == null || parser.getText().compareTo(latest[0]) > 0)) {
                        latest[0] = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
                if (parser.currentToken() != JsonToken.END_OBJECT) {
                    throw malformed("the answer ended inside a record", null);
                }
            }
            count++;
        }
        return count;
    }

    private static void expectEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw malformed("the answer has content after the JSON envelope", null);
        }
    }

    /**
     * Jackson's reason, where in the answer, and not the token it quotes ({@code Unrecognized token '3001234567'}):
     * the message reaches logs and health, and the token may be a record's value, a phone number.
     */
    private static String withoutValues(JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        int quoted = reason.length();
        for (char mark : new char[] {'\'', '('}) {
            int at = reason.indexOf(mark);
            if (at >= 0 && at < quoted) {
                quoted = at;
            }
        }
        String where = e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
        return reason.substring(0, quoted).trim() + where;
    }

    private static WolkvoxAnswerException malformed(String message, Throwable cause) {
        return new WolkvoxAnswerException(WolkvoxErrorClass.MALFORMED_ANSWER, 200, message, cause);
    }

    /**
     * Reads the object the parser stands on into its fields and, in the same pass, its compact JSON, written with the
     * iterator's one generator into its one buffer (a generator per record cost more than the rest of the record).
     * Flat string fields (all of the reference reports) take the fast path; nested values go through a tree.
     */
    private static WolkvoxRecord readRecord(JsonParser parser, JsonGenerator json, ByteArrayBuilder bytes) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        bytes.reset();
        json.writeStartObject();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            json.writeFieldName(name);
            if (value == JsonToken.VALUE_STRING) {
                String text = parser.getText();
                fields.put(name, text);
                json.writeString(text);
            } else if (value == JsonToken.VALUE_NULL) {
                fields.put(name, null);
                json.writeNull();
            } else {
                JsonNode node = MAPPER.readTree(parser);
                fields.put(name, MAPPER.treeToValue(node, Object.class));
                json.writeTree(node);
            }
        }
        json.writeEndObject();
        json.flush();
        return new WolkvoxRecord(fields, bytes.toByteArray());
    }

    public static final class RecordIterator implements Iterator<WolkvoxRecord>, Closeable {

        private final JsonParser parser;
        private final boolean singleObject;
        private boolean done;
        private boolean ready;

        private final ByteArrayBuilder bytes = new ByteArrayBuilder(512);
        private final JsonGenerator json;

        private RecordIterator(JsonParser parser) throws IOException {
            this.parser = parser;
            this.json = FACTORY.createGenerator(bytes, JsonEncoding.UTF8);
            // records are separate documents: no separator between them
            json.setRootValueSeparator(null);
            this.singleObject = parser.currentToken() == JsonToken.START_OBJECT;
            this.done = parser.currentToken() == null;
            this.ready = singleObject;
        }

        @Override
        public boolean hasNext() {
            if (done) {
                return false;
            }
            if (!ready) {
                try {
                    JsonToken token = parser.nextToken();
                    if (token != JsonToken.START_OBJECT) {
                        close();
                        return false;
                    }
                    ready = true;
                } catch (IOException e) {
                    close();
                    throw new UncheckedIOException("could not read the next Wolkvox record", e);
                }
            }
            return true;
        }

        @Override
        public WolkvoxRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                WolkvoxRecord record = readRecord(parser, json, bytes);
                ready = false;
                if (singleObject) {
                    close();
                }
                return record;
            } catch (IOException e) {
                close();
                throw new UncheckedIOException("could not read a Wolkvox record", e);
            }
        }

        @Override
        public void close() {
            done = true;
            try {
                try {
                    parser.close();
                } finally {
                    json.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
