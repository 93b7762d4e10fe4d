package io.github.wolkvoxcamel.state;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The records delivered so far, by {@link Fingerprint} (route, key and content), so that a window fetched again (the
 * lookback of every poll, a re-pull, a retry after a crash) does not deliver a record twice, while a key that comes
 * back with other content (a row Wolkvox changed, a second row of a call) is delivered again and recognised as a new
 * version. Kept per record day for as long as windows may reach back to it ({@code retention}), in memory and in
 * {@code <state>/delivered/<yyyy-MM-dd>.log}.
 * <p>
 * A fingerprint reaches the file only when {@link #flush(String)} is called for its route, which the poller does
 * once the record's window is done and its records are at their sinks: a crash can lose the fingerprints of the
 * window in flight (its records may then be delivered twice), never mark an undelivered record as delivered.
 */
public final class DeliveredRecords {

    static final String DIRECTORY = "delivered";

    private final Path directory;
    private final Duration retention;
    private final Clock clock;
    private final ZoneId zone;
    private final TreeMap<LocalDate, Day> days = new TreeMap<>();
    private final Map<String, List<Pending>> unflushed = new HashMap<>();

    private record Pending(LocalDate day, Fingerprint fingerprint) {
    }

    /** The fingerprints of one record day. */
    private static final class Day {
        private final FingerprintSet records = new FingerprintSet();
        private final LongSet keys = new LongSet();
    }

    /**
     * Reads the fingerprints of the days still within {@code retention}.
     *
     * @param retention how far back in record dates a window may reach again (lookback, re-pull), plus a margin
     */
    public DeliveredRecords(Path stateDirectory, Duration retention, Clock clock, ZoneId zone) {
        this.directory = stateDirectory.resolve(DIRECTORY);
        this.retention = retention;
        this.clock = clock;
        this.zone = zone;
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                    LocalDate day = LocalDate.parse(file.getFileName().toString().replace(".log", ""));
                    if (!day.isBefore(oldestKept())) {
                        load(day, file);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read delivered records from " + directory, e);
            }
        }
    }

    private void load(LocalDate day, Path file) throws IOException {
        Day records = day(day);
        try (Stream<String> lines = Files.lines(file, StandardCharsets.US_ASCII)) {
            // a crash may have cut the last line: what cannot be read was not flushed whole
            lines.filter(line -> line.length() == 49).forEach(line -> {
                Fingerprint fingerprint = Fingerprint.parse(line);
                records.records.add(fingerprint.high(), fingerprint.low());
                records.keys.add(fingerprint.keyHash());
            });
        }
    }

    /** Whether a record with this route, key and content, dated {@code day}, was delivered. */
    public synchronized boolean contains(LocalDate day, Fingerprint fingerprint) {
        Day records = days.get(day);
        return records != null && records.records.contains(fingerprint.high(), fingerprint.low());
    }

    /**
     * Remembers a delivered record; its route is {@code scope}.
     *
     * @return true when its key had been delivered before with other content: a new version
     */
    public synchronized boolean add(String scope, LocalDate day, Fingerprint fingerprint) {
        Day records = day(day);
        boolean version = records.keys.contains(fingerprint.keyHash());
        if (records.records.add(fingerprint.high(), fingerprint.low())) {
            records.keys.add(fingerprint.keyHash());
            unflushed.computeIfAbsent(scope, s -> new ArrayList<>()).add(new Pending(day, fingerprint));
        }
        return version;
    }

    /**
     * Writes the fingerprints of {@code scope} added since its last flush to disk and forgets days past the retention;
     * call after their window is delivered.
     */
    public synchronized void flush(String scope) {
        List<Pending> pending = unflushed.remove(scope);
        if (pending != null && !pending.isEmpty()) {
            Map<LocalDate, List<Fingerprint>> byDay = new TreeMap<>();
            pending.forEach(p -> byDay.computeIfAbsent(p.day(), d -> new ArrayList<>()).add(p.fingerprint()));
            try {
                Files.createDirectories(directory);
                for (Map.Entry<LocalDate, List<Fingerprint>> entry : byDay.entrySet()) {
                    append(file(entry.getKey()), entry.getValue());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write delivered records to " + directory, e);
            }
        }
        forgetOldDays();
    }

    private static void append(Path file, List<Fingerprint> fingerprints) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
             BufferedWriter out = new BufferedWriter(java.nio.channels.Channels.newWriter(channel, StandardCharsets.US_ASCII))) {
            for (Fingerprint fingerprint : fingerprints) {
                out.write(fingerprint.hex());
                out.write('\n');
            }
            out.flush();
            channel.force(false);
        }
    }

    private void forgetOldDays() {
        LocalDate oldest = oldestKept();
        while (!days.isEmpty() && days.firstKey().isBefore(oldest)) {
            LocalDate day = days.pollFirstEntry().getKey();
            try {
                Files.deleteIfExists(file(day));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file(day), e);
            }
        }
    }

    /** Records remembered, over all days. */
    public synchronized long size() {
        return days.values().stream().mapToLong(day -> day.records.size()).sum();
    }

    private LocalDate oldestKept() {
        return LocalDate.now(clock.withZone(zone)).minusDays(retention.toDays() + 1);
    }

    private Day day(LocalDate day) {
        return days.computeIfAbsent(day, d -> new Day());
    }

    private Path file(LocalDate day) {
        return directory.resolve(day + ".log");
    }

    /** An open-addressing set of 128-bit values, 16 bytes each: many fingerprints in little heap. */
    static final class FingerprintSet {
        private long[] highs = new long[64];
        private long[] lows = new long[64];
        private int size;

        boolean add(long high, long low) {
            if ((size + 1) * 2 > highs.length) {
                grow();
            }
            long h = high == 0 && low == 0 ? 1 : high;
            int mask = highs.length - 1;
            for (int i = (int) (mix(h ^ low)) & mask; ; i = (i + 1) & mask) {
                if (highs[i] == 0 && lows[i] == 0) {
                    highs[i] = h;
                    lows[i] = low;
                    size++;
                    return true;
                }
                if (highs[i] == h && lows[i] == low) {
                    return false;
                }
            }
        }

        boolean contains(long high, long low) {
            long h = high == 0 && low == 0 ? 1 : high;
            int mask = highs.length - 1;
            for (int i = (int) (mix(h ^ low)) & mask; ; i = (i + 1) & mask) {
                if (highs[i] == 0 && lows[i] == 0) {
                    return false;
                }
                if (highs[i] == h && lows[i] == low) {
                    return true;
                }
            }
        }

        int size() {
            return size;
        }

        private void grow() {
            long[] oldHighs = highs;
            long[] oldLows = lows;
            highs = new long[oldHighs.length * 2];
            lows = new long[oldLows.length * 2];
            size = 0;
            for (int i = 0; i < oldHighs.length; i++) {
                if (oldHighs[i] != 0 || oldLows[i] != 0) {
                    add(oldHighs[i], oldLows[i]);
                }
            }
        }
    }

    /** An open-addressing set of longs. */
    static final class LongSet {
        private long[] values = new long[64];
        private int size;

        void add(long value) {
            if ((size + 1) * 2 > values.length) {
                long[] old = values;
                values = new long[old.length * 2];
                size = 0;
                for (long v : old) {
                    if (v != 0) {
                        add(v);
                    }
                }
            }
            long v = value == 0 ? 1 : value;
            int mask = values.length - 1;
            for (int i = (int) mix(v) & mask; ; i = (i + 1) & mask) {
                if (values[i] == 0) {
                    values[i] = v;
                    size++;
                    return;
                }
                if (values[i] == v) {
                    return;
                }
            }
        }

        boolean contains(long value) {
            long v = value == 0 ? 1 : value;
            int mask = values.length - 1;
            for (int i = (int) mix(v) & mask; ; i = (i + 1) & mask) {
                if (values[i] == 0) {
                    return false;
                }
                if (values[i] == v) {
                    return true;
                }
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        return z ^ (z >>> 33);
    }
}
