package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Out of the box, the management port (no authentication) answers on loopback only, and its health details say what
 * failed without a record's key or content: here every file write fails, as on a broken disk.
 */
class SafeDefaultsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theManagementPortIsOnLoopbackAndHealthShowsNoRecordKeys() throws Exception {
        // the sink directory lies under a regular file: every record's write fails
        Path blocker = Files.createTempFile("wolkvox-camel-blocker", ".txt");
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(),
                Map.of("sink.file-dir", blocker.resolve("out").toString()));
             RunningApp app = RunningApp.start()) {
            URI health = URI.create("http://127.0.0.1:" + env.managementPort + "/observe/health?data=true");
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> get(health).contains("DELIVERY_FAILED"));
            String body = get(health);
            assertTrue(body.contains("record(s) did not reach their endpoints (UncheckedIOException)"), body);
            List<String> keys = env.simulator.records("reports_manager", "diagram_1", env.initialFrom,
                    LocalDateTime.now(WolkvoxTime.BOGOTA), Map.of("customer_id", ""))
                    .stream().map(record -> record.get("conn_id")).toList();
            assertTrue(keys.size() > 100, "the failed windows have records: " + keys.size());
            assertEquals(List.of(), keys.stream().filter(body::contains).toList(), "record keys in the health details");

            InetAddress other = nonLoopbackAddress();
            assumeTrue(other != null, "this machine has a network address besides loopback to try");
            assertThrows(IOException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(other, env.managementPort), 2000);
                }
            }, "the management port refuses connections on " + other.getHostAddress());
        } finally {
            Files.delete(blocker);
        }
    }

    private static String get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address;
                    }
                }
            }
        }
        return null;
    }
}
