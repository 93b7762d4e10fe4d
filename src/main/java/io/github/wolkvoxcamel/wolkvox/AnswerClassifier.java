package io.github.wolkvoxcamel.wolkvox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an HTTP status and body into records, an empty window, or a {@link WolkvoxAnswerException} carrying the
 * error class and Wolkvox's {@code msg}. One rule set for every report.
 */
public final class AnswerClassifier {

    /** How much of an error body is read to find its message; error bodies are small, HTML pages need not be. */
    static final int ERROR_BODY_LIMIT = 8 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern HTML_TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private AnswerClassifier() {
    }

    /**
     * @param status HTTP status of the answer
     * @param body the answer body; read once for validation (the caller resets it before streaming records)
     * @return the envelope of a usable answer ({@link Envelope#EMPTY} for 404)
     * @throws WolkvoxAnswerException for every answer that yields no records
     */
    public static Envelope classify(int status, InputStream body) {
        return classify(status, body, null);
    }

    /** As {@link #classify(int, InputStream)}, noting the latest value of the records' {@code dateField}. */
    public static Envelope classify(int status, InputStream body, String dateField) {
        if (status == 200) {
            Envelope envelope = EnvelopeReader.scan(body, dateField);
            if (!envelope.successful()) {
                throw new WolkvoxAnswerException(WolkvoxErrorClass.MALFORMED_ANSWER, status,
                        "body code " + envelope.code() + ": " + envelope.msg());
            }
            return envelope;
        }
        String text = readLimited(body);
        JsonNode json = jsonObject(text);
        if (status == 404) {
            if (isWolkvoxEnvelope(json, 404)) {
                // Wolkvox answers a window without records with 404 and its envelope rather than an empty list
                return Envelope.EMPTY;
            }
            // a web server's, proxy's or API gateway's 404 (HTML or its own JSON): the path is no Wolkvox API (base URL,
            // group) or something is in the way
            throw new WolkvoxAnswerException(WolkvoxErrorClass.NOT_FOUND_PAGE, status, htmlOrTextMessage(text)
                    + " (a 404 without Wolkvox's JSON envelope: check WOLKVOX_BASE_URL or WOLKVOX_SERVER and the report's group)");
        }
        String jsonMsg = jsonMessage(json);
        String message = jsonMsg != null ? jsonMsg : htmlOrTextMessage(text);
        String upper = message.toUpperCase(Locale.ROOT);
        WolkvoxErrorClass errorClass;
        if (status == 400) {
            errorClass = WolkvoxErrorClass.CONFIGURATION;
        } else if (status == 401) {
            errorClass = WolkvoxErrorClass.TOKEN_INVALID;
        } else if (status == 403 && jsonMsg == null) {
            // the documented 403s all carry a JSON msg; an HTML 403 is the maintenance page
            errorClass = WolkvoxErrorClass.MAINTENANCE;
        } else if (status == 403 && upper.contains("SIMULTANEOUS")) {
            errorClass = WolkvoxErrorClass.CONCURRENCY_LIMIT;
        } else if (status == 403 && upper.contains("TOKEN LIMIT")) {
            errorClass = WolkvoxErrorClass.QUOTA_EXHAUSTED;
        } else if (status == 403 && upper.contains("VALIDATE TOKEN")) {
            errorClass = WolkvoxErrorClass.TOKEN_INVALID;
        } else if (status == 403) {
            errorClass = WolkvoxErrorClass.MAINTENANCE;
        } else {
            errorClass = WolkvoxErrorClass.SERVER_ERROR;
        }
        throw new WolkvoxAnswerException(errorClass, status, message);
    }

    private static String readLimited(InputStream body) {
        if (body == null) {
            return "";
        }
        try {
            return new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The body as a JSON object; null for any other body. */
    private static JsonNode jsonObject(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        try {
            return MAPPER.readTree(trimmed);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether {@code json} is Wolkvox's envelope for {@code status}: its {@code code} (a number or a string, both seen)
     * and the {@code error} and {@code msg} members Wolkvox always writes (error may be null). A gateway's or
     * framework's JSON error ({@code {"code":404,"message":"Not Found"}}) has no such pair.
     */
    private static boolean isWolkvoxEnvelope(JsonNode json, int status) {
        return json != null && json.has("error") && json.has("msg")
                && json.path("code").asText().equals(Integer.toString(status));
    }

    /** Wolkvox's message from its JSON envelope ({@code code}, {@code error}, {@code msg}); null for any other body. */
    private static String jsonMessage(JsonNode node) {
        if (node == null || !node.has("code") && !node.has("msg")) {
            return null;
        }
        JsonNode msg = node.get("msg");
        if (msg != null && !msg.isNull() && !msg.asText().isBlank()) {
            return msg.asText().trim();
        }
        JsonNode error = node.get("error");
        return error != null && !error.isNull() ? error.asText().trim() : "HTTP code " + node.path("code").asText();
    }

    private static String htmlOrTextMessage(String text) {
        Matcher title = HTML_TITLE.matcher(text);
        String message = title.find() ? title.group(1) : text.replaceAll("<[^>]*>", " ");
        message = message.replaceAll("\\s+", " ").trim();
        if (message.isEmpty()) {
            return "(empty body)";
        }
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
}
