package io.github.wolkvoxcamel.wolkvox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Wolkvox answer copied from the socket to a temporary file, so that a 256 MB answer never sits in the heap, the
 * call ends (and its token slot frees) as fast as the network allows, and the answer can be checked whole before
 * its records are read again. The file lives exactly as long as its window: {@link #close()} deletes it. An answer
 * longer than a cap is copied only up to it: a proxy streaming without end cannot fill the disk.
 */
public final class AnswerSpool implements AutoCloseable {

    private final Path file;
    private final boolean cut;

    private AnswerSpool(Path file, boolean cut) {
        this.file = file;
        this.cut = cut;
    }

    /**
     * Reads {@code body} into a new temporary file, to its end or until {@code maxBytes} are copied, and closes it
     * (the HTTP client drops the connection of an answer closed before its end, {@link AbortOnEarlyClose}).
     */
    public static AnswerSpool of(InputStream body, long maxBytes) {
        Path file = null;
        try (InputStream in = body) {
            file = Files.createTempFile("wolkvox-answer-", ".json");
            boolean cut = false;
            if (in != null) {
                try (OutputStream out = Files.newOutputStream(file)) {
                    long copied = copy(in, out, maxBytes);
                    cut = copied == maxBytes && in.read() >= 0;
                }
            }
            return new AnswerSpool(file, cut);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException("could not read the Wolkvox answer", e);
        }
    }

    private static long copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        while (copied < maxBytes) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes - copied));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            copied += n;
        }
        return copied;
    }

    /** Whether the answer went on past the cap: the file holds only its start, which is no whole answer. */
    public boolean cut() {
        return cut;
    }

    /** A new stream over the whole answer. */
    public InputStream open() {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled answer " + file, e);
        }
    }

    /** The file the answer is in. */
    public Path path() {
        return file;
    }

    /** The answer's length in bytes. */
    public long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled answer " + file, e);
        }
    }

    /**
     * A digest of the whole answer (16 hex digits of its SHA-256): two answers with the same digest hold the same
     * records, so a lookup list keyed by it is delivered again only when some of it changed.
     */
    public String digest() {
        try (InputStream in = open()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled answer " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The first {@code limit} bytes of the answer, for a dead letter of a window that could not be read. */
    public byte[] head(int limit) {
        try (InputStream in = open()) {
            return in.readNBytes(limit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled answer " + file, e);
        }
    }

    @Override
    public void close() {
        deleteQuietly(file);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file the operating system clears; nothing depends on its removal
                file.toFile().deleteOnExit();
            }
        }
    }
}
