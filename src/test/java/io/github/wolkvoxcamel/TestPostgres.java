package io.github.wolkvoxcamel;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for one test, started from Debian's postgresql package on loopback, in a directory of its
 * own; as root, it runs as the package's postgres user (PostgreSQL refuses root). Closing stops it and deletes it.
 */
final class TestPostgres implements AutoCloseable {

    private static final String USER = "wolkvox";

    private final Path directory;
    private final Path bin;
    private final int port;

    private TestPostgres(Path directory, Path bin, int port) {
        this.directory = directory;
        this.bin = bin;
        this.port = port;
    }

    static TestPostgres start() throws IOException, InterruptedException {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(version -> version.resolve("bin")).filter(dir -> Files.isExecutable(dir.resolve("initdb")))
                    .max(Comparator.naturalOrder()).orElseThrow();
        } catch (IOException | java.util.NoSuchElementException e) {
            throw new IllegalStateException("this test needs Debian's postgresql package (apt-get install postgresql)", e);
        }
        Path directory = Files.createTempDirectory("wolkvox-pg");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TestPostgres server = new TestPostgres(directory, bin, port);
        if (isRoot()) {
            UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(directory, postgres);
        }
        server.run("initdb", "-D", directory.resolve("data").toString(), "-A", "trust", "-U", USER, "--no-sync");
        server.run("pg_ctl", "-D", directory.resolve("data").toString(), "-l", directory.resolve("server.log").toString(),
                "-w", "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        return server;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    private void run(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public void close() throws Exception {
        try {
            run("pg_ctl", "-D", directory.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
