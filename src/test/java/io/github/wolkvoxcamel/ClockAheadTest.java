package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.state.StateScope;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A host clock two hours ahead of Wolkvox's (its answers' Date header says so): no window ending in Wolkvox's future
 * is delivered, and the watermark never passes Wolkvox's now.
 */
class ClockAheadTest {

    private static final Duration BEHIND = Duration.ofHours(2);

    @Test
    void windowsFollowWolkvoxsClockWhenTheHostRunsAhead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(),
                     Duration.ofHours(6), Map.of("wolkvox.poll-period", "1s"))) {
            Thread wolkvox = new Thread(() -> answerBehind(server), "wolkvox-behind");
            wolkvox.setDaemon(true);
            wolkvox.start();
            System.setProperty("wolkvox.base-url", "http://127.0.0.1:" + server.getLocalPort());
            String scopeDir = StateScope.directory(StateScope.of("127.0.0.1:" + server.getLocalPort(), "default"));
            try (CapturedLog log = CapturedLog.attach(); RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> !log.linesContaining("class=CLOCK_AHEAD").isEmpty());
                List<String> skew = log.linesContaining("s ahead of Wolkvox's (the Date of its answers)");
                assertEquals(1, skew.size(), "the skew is logged once: " + skew);
                Matcher seconds = Pattern.compile("The host clock is (\\d+) s ahead").matcher(skew.get(0));
                assertTrue(seconds.find() && Math.abs(Long.parseLong(seconds.group(1)) - BEHIND.toSeconds()) <= 5, skew.get(0));
                Path file = env.stateDir.resolve(scopeDir).resolve("wolkvox-diagram_1.watermark");
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(file));
                LocalDateTime watermark = WolkvoxTime.parseRequest(Files.readString(file).trim());
                LocalDateTime wolkvoxNow = LocalDateTime.now(WolkvoxTime.BOGOTA).minus(BEHIND);
                assertTrue(!watermark.isAfter(wolkvoxNow), "watermark " + watermark + " is not past Wolkvox's now "
                        + wolkvoxNow);
            }
        }
    }

    /** Answers every call with no data and a Date two hours behind the host's clock, as a server whose clock is right. */
    private static void answerBehind(ServerSocket server) {
        byte[] body = "{\"code\":200,\"error\":null,\"msg\":\"0 records were found\",\"data\":[]}"
                .getBytes(StandardCharsets.UTF_8);
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                // the request ends with an empty line
                int last = 0;
                int matched = 0;
                while (matched < 4 && (last = in.read()) >= 0) {
                    matched = last == "\r\n\r\n".charAt(matched) ? matched + 1 : last == '\r' ? 1 : 0;
                }
                String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minus(BEHIND));
                OutputStream out = socket.getOutputStream();
                // the header's name in lower case, as an HTTP/2 proxy writes it
                out.write(("HTTP/1.1 200 OK\r\ndate: " + date + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (IOException closed) {
                return;
            }
        }
    }
}
