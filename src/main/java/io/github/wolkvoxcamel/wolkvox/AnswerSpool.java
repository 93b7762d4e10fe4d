package io.github.wolkvoxcamel.wolkvox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Wolkvox answer copied from the socket to a temporary file, so that a 256 MB answer never sits in the heap, the
 * call ends (and its token slot frees) as fast as the network allows, and the answer can be checked whole before
 * its records are read again. The file lives exactly as long as its window: {@link #close()} deletes it.
 */
public final class AnswerSpool implements AutoCloseable {

    private final Path file;

    private AnswerSpool(Path file) {
        this.file = file;
    }

    /** Reads {@code body} to its end into a new temporary file, and closes it. */
    public static AnswerSpool of(InputStream body) {
        Path file = null;
        try (InputStream in = body) {
            file = Files.createTempFile("wolkvox-answer-", ".json");
            if (in != null) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return new AnswerSpool(file);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException("could not read the Wolkvox answer", e);
        }
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
