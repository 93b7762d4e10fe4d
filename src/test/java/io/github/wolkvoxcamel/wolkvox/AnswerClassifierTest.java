package io.github.wolkvoxcamel.wolkvox;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnswerClassifierTest {

    private static Envelope classify(int status, String body) {
        return AnswerClassifier.classify(status, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static WolkvoxAnswerException failure(int status, String body) {
        return assertThrows(WolkvoxAnswerException.class, () -> classify(status, body));
    }

    @Test
    void successfulAnswersYieldTheirRecordCount() {
        assertEquals(1, classify(200, "{\"code\":200,\"error\":null,\"msg\":\"1\",\"data\":[{\"a\":\"1\"}]}").recordCount());
        assertEquals(1, classify(200, "{\"code\":\"200\",\"error\":null,\"msg\":\"1\",\"data\":[{\"a\":\"1\"}]}").recordCount());
        assertEquals(1, classify(200, "{\"code\":\"0\",\"msg\":\"ok\",\"data\":[{\"a\":\"1\"}]}").recordCount());
    }

    @Test
    void notFoundWithWolkvoxsEnvelopeIsAnEmptyWindow() {
        assertEquals(Envelope.EMPTY, classify(404, "{\"code\":404,\"error\":\"NOT FOUND\",\"msg\":\"0 records were found\"}"));
        assertEquals(Envelope.EMPTY, classify(404, "{\"code\":\"404\",\"error\":null,\"msg\":\" records were found\"}"));
    }

    @Test
    void notFoundWithAnyOtherBodyIsAnErrorThatNamesWhatToCheck() {
        for (String body : List.of("", "<html><head><title>404 Not Found</title></head><body>nginx</body></html>",
                "Not Found", "{\"message\":\"Not Found\"}",
                // API gateways' and frameworks' own JSON 404s: a code, but not Wolkvox's error and msg pair
                "{\"code\":404,\"message\":\"Not Found\"}", "{\"code\":\"404\",\"msg\":\"Not Found\"}",
                "{\"code\":404,\"error\":\"Not Found\"}", "{\"status\":404,\"error\":\"Not Found\",\"msg\":\"\"}",
                "{\"code\":200,\"error\":null,\"msg\":\"0 records were found\"}")) {
            WolkvoxAnswerException page = failure(404, body);
            assertEquals(WolkvoxErrorClass.NOT_FOUND_PAGE, page.errorClass(), body);
            assertTrue(page.getMessage().contains("WOLKVOX_BASE_URL"), page.getMessage());
        }
        assertTrue(failure(404, "<html><head><title>404 Not Found</title></head></html>").getMessage().contains("404 Not Found"));
    }

    @Test
    void documentedErrorsMapToTheirClassWithWolkvoxsMessage() {
        WolkvoxAnswerException unknownApi = failure(400,
                "{\"code\":400,\"error\":\"BAD REQUEST\",\"msg\":\"THE API YOU WANT TO CONSULT DOES NOT EXIST\"}");
        assertEquals(WolkvoxErrorClass.CONFIGURATION, unknownApi.errorClass());
        assertTrue(unknownApi.getMessage().contains("THE API YOU WANT TO CONSULT DOES NOT EXIST"), unknownApi.getMessage());
        assertEquals(400, unknownApi.httpStatus());
        assertEquals(WolkvoxErrorClass.TOKEN_INVALID, failure(401,
                "{\"code\":401,\"error\":\"UNAUTHORIZED\",\"msg\":\"PLEASE ENTER THE WOLKVOX-TOKEN\"}").errorClass());
        assertEquals(WolkvoxErrorClass.TOKEN_INVALID, failure(403,
                "{\"code\":403,\"error\":\"FORBIDDEN\",\"msg\":\"PLEASE VALIDATE TOKEN\"}").errorClass());
        assertEquals(WolkvoxErrorClass.CONCURRENCY_LIMIT, failure(403,
                "{\"code\":403,\"error\":\"FORBIDDEN\",\"msg\":\"EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)\"}").errorClass());
        assertEquals(WolkvoxErrorClass.QUOTA_EXHAUSTED, failure(403,
                "{\"code\":403,\"error\":\"FORBIDDEN\",\"msg\":\"TOKEN LIMIT EXCEEDED\"}").errorClass());
    }

    @Test
    void htmlPagesAndServerErrorsAreRetryable() {
        WolkvoxAnswerException maintenance = failure(403,
                "<html><head><title>403 Forbidden</title></head><body>Maintenance</body></html>");
        assertEquals(WolkvoxErrorClass.MAINTENANCE, maintenance.errorClass());
        assertTrue(maintenance.getMessage().contains("403 Forbidden"), maintenance.getMessage());
        assertEquals(WolkvoxErrorClass.SERVER_ERROR, failure(502, "Bad Gateway").errorClass());
        assertEquals(WolkvoxErrorClass.MALFORMED_ANSWER, failure(200, "<html><body>Loading</body></html>").errorClass());
        assertEquals(WolkvoxErrorClass.MALFORMED_ANSWER, failure(200, "{\"code\":200,\"data\":[{\"a\":").errorClass());
        assertTrue(WolkvoxErrorClass.MAINTENANCE.retryable() && WolkvoxErrorClass.SERVER_ERROR.retryable()
                && WolkvoxErrorClass.MALFORMED_ANSWER.retryable());
    }

    @Test
    void aSuccessStatusWithAnErrorCodeIsNotRecords() {
        WolkvoxAnswerException error = failure(200, "{\"code\":\"403\",\"error\":\"FORBIDDEN\",\"msg\":\"TOKEN LIMIT EXCEEDED\",\"data\":[]}");
        assertEquals(WolkvoxErrorClass.MALFORMED_ANSWER, error.errorClass());
        assertTrue(error.getMessage().contains("TOKEN LIMIT EXCEEDED"), error.getMessage());
    }
}
