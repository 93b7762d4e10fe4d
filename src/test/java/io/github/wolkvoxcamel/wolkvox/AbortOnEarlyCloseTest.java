package io.github.wolkvoxcamel.wolkvox;

import com.sun.net.httpserver.HttpServer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An answer without end, plain or gzip-compressed as a real server sends it to a client that accepts it: closed after
 * its first megabyte, its connection is dropped, where the HTTP client would otherwise read it to its end.
 */
class AbortOnEarlyCloseTest {

    /** What the server sends at most (uncompressed) to a client that never hangs up. */
    private static final long BOUND = 512L * 1024 * 1024;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anAnswerClosedBeforeItsEndDropsItsConnection(boolean gzip) throws Exception {
        CompletableFuture<Long> sent = new CompletableFuture<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            long bytes = 0;
            try (exchange) {
                if (gzip) {
                    exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                }
                exchange.sendResponseHeaders(200, 0);
                OutputStream body = gzip ? new GZIPOutputStream(exchange.getResponseBody()) : exchange.getResponseBody();
                byte[] row = new byte[4096];
                while (bytes < BOUND) {
                    // rows that compress as little as a record does
                    for (int i = 0; i < row.length; i++) {
                        row[i] = (byte) ('0' + (bytes + i) * 2654435761L % 10);
                    }
                    body.write(row);
                    bytes += row.length;
                }
                body.close();
            } catch (IOException hungUp) {
                // the client dropped the connection
            } finally {
                sent.complete(bytes);
            }
        });
        server.start();
        HttpClientBuilder builder = HttpClientBuilder.create();
        new AbortOnEarlyClose().configureHttpClient(builder);
        try (CloseableHttpClient client = builder.build()) {
            HttpGet get = new HttpGet("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            int read = client.execute(get, response -> {
                try (InputStream in = response.getEntity().getContent()) {
                    return in.readNBytes(1024 * 1024).length;
                }
            });
            assertEquals(1024 * 1024, read);
            long bytes = sent.get(30, TimeUnit.SECONDS);
            assertTrue(bytes < BOUND / 4, "the server stopped soon after the client hung up: " + bytes + " bytes sent");
        } finally {
            server.stop(0);
        }
    }
}
