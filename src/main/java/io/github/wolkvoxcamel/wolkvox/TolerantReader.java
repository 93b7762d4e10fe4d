package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.record.WolkvoxRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads an answer the strict parser refused, record by record, when its envelope is whole: the brackets of
 * {@code data} and of the envelope close and nothing follows. Each record is cut out by its braces (at the byte level,
 * strings and escapes respected, so a byte that is not UTF-8 does not matter) and parsed alone: a record that does not
 * parse is handed on as {@link WolkvoxRecord#unreadable} with its raw bytes, the others as usual. So one bad record
 * costs a dead letter, not the window. An answer cut off or not shaped like an envelope is not whole: null.
 */
public final class TolerantReader {

    private static final byte[] OPEN = {'['};
    private static final byte[] CLOSE = {']'};

    private final Path answer;
    private final long[] starts;
    private final long[] ends;
    private final String code;

    private TolerantReader(Path answer, List<long[]> records, String code) {
        this.answer = answer;
        this.starts = records.stream().mapToLong(range -> range[0]).toArray();
        this.ends = records.stream().mapToLong(range -> range[1]).toArray();
        this.code = code;
    }

    /** The records of the answer in {@code file} if its envelope is whole, else null. */
    public static TolerantReader of(Path file) {
        try (InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file), 64 * 1024)) {
            return scan(file, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled answer " + file, e);
        }
    }

    public int recordCount() {
        return starts.length;
    }

    /** The envelope's {@code code} as text, or "200" for a bare array. */
    public String code() {
        return code;
    }

    /** The records in order; unreadable ones carry their raw bytes and the parser's complaint. */
    public Iterator<WolkvoxRecord> records() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < starts.length;
            }

            @Override
            public WolkvoxRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] raw = read(starts[next], ends[next]);
                next++;
                // a bare array of the one record: a lone object would read as an envelope
                java.io.InputStream array = new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
                        new java.io.ByteArrayInputStream(OPEN), new java.io.ByteArrayInputStream(raw),
                        new java.io.ByteArrayInputStream(CLOSE))));
                try (EnvelopeReader.RecordIterator one = EnvelopeReader.records(array)) {
                    return one.next();
                } catch (RuntimeException e) {
                    return WolkvoxRecord.unreadable(raw, "record is not valid JSON: " + rootMessage(e));
                }
            }
        };
    }

    private byte[] read(long start, long end) {
        try (FileChannel channel = FileChannel.open(answer, StandardOpenOption.READ)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) (end - start));
            while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) >= 0) {
                // read until the record is whole
            }
            return buffer.array();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled answer " + answer, e);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A byte-level walk over the envelope: the top-level fields, and the byte range of each record in data. */
    private static TolerantReader scan(Path file, InputStream in) throws IOException {
        Scanner scanner = new Scanner(in);
        int first = scanner.nextNonSpace();
        List<long[]> records = new ArrayList<>();
        if (first == '[') {
            return scanner.array(records) && scanner.nextNonSpace() == -1 ? new TolerantReader(file, records, "200") : null;
        }
        if (first != '{') {
            return null;
        }
        String code = null;
        boolean data = false;
        while (true) {
            int c = scanner.nextNonSpace();
            if (c == '}') {
                break;
            }
            if (c == ',') {
                c = scanner.nextNonSpace();
            }
            if (c != '"') {
                return null;
            }
            String name = scanner.string();
            if (name == null || scanner.nextNonSpace() != ':') {
                return null;
            }
            int value = scanner.nextNonSpace();
            if (name.equals("data") && value == '[') {
                if (!scanner.array(records)) {
                    return null;
                }
                data = true;
            } else if (name.equals("code") && value == '"') {
                code = scanner.string();
            } else if (name.equals("code")) {
                code = scanner.bareValue(value);
            } else if (!scanner.skipValue(value)) {
                return null;
            }
        }
        return data && code != null && scanner.nextNonSpace() == -1 ? new TolerantReader(file, records, code.trim()) : null;
    }

    /** Walks bytes, keeping the offset. */
    private static final class Scanner {
        private final InputStream in;
        private long offset;
        private int pushedBack = -2;

        Scanner(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            if (pushedBack != -2) {
                int c = pushedBack;
                pushedBack = -2;
                offset++;
                return c;
            }
            int c = in.read();
            if (c >= 0) {
                offset++;
            }
            return c;
        }

        void unread(int c) {
            pushedBack = c;
            offset--;
        }

        int nextNonSpace() throws IOException {
            int c;
            do {
                c = read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
            return c;
        }

        /** After an opening quote: the string's bytes up to its closing quote (short strings only), null if cut off. */
        String string() throws IOException {
            StringBuilder text = new StringBuilder();
            while (true) {
                int c = read();
                if (c < 0) {
                    return null;
                }
                if (c == '"') {
                    return text.toString();
                }
                if (c == '\\') {
                    c = read();
                    if (c < 0) {
                        return null;
                    }
                }
                if (text.length() < 256) {
                    text.append((char) c);
                }
            }
        }

        /** A number, true, false or null starting with {@code first}. */
        String bareValue(int first) throws IOException {
            StringBuilder text = new StringBuilder().append((char) first);
            while (true) {
                int c = read();
                if (c < 0 || c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    if (c >= 0) {
                        unread(c);
                    }
                    return text.toString();
                }
                text.append((char) c);
            }
        }

        boolean skipValue(int first) throws IOException {
            if (first == '"') {
                return string() != null;
            }
            if (first == '{' || first == '[') {
                return skipNested(first) >= 0;
            }
            return first >= 0 && !bareValue(first).isEmpty();
        }

        /** After an opening brace or bracket: up to its match; the offset after it, or -1 when the input ends first. */
        long skipNested(int open) throws IOException {
            int depth = 1;
            while (depth > 0) {
                int c = read();
                if (c < 0) {
                    return -1;
                }
                if (c == '"') {
                    if (string() == null) {
                        return -1;
                    }
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                }
            }
            return offset;
        }

        /** After {@code [}: each element must be an object; their ranges go to {@code records}. */
        boolean array(List<long[]> records) throws IOException {
            int c = nextNonSpace();
            if (c == ']') {
                return true;
            }
            while (true) {
                if (c != '{') {
                    return false;
                }
                long start = offset - 1;
                long end = skipNested('{');
                if (end < 0) {
                    return false;
                }
                records.add(new long[] {start, end});
                c = nextNonSpace();
                if (c == ']') {
                    return true;
                }
                if (c != ',') {
                    return false;
                }
                c = nextNonSpace();
            }
        }
    }
}
