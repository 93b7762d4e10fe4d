package io.github.wolkvoxcamel.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The records delivered so far, by {@link Fingerprint} (route, key and content), so that a window fetched again (the
 * lookback of every poll, a re-pull, a retry after a crash) does not deliver a record twice, while a key that comes
 * back with other content (a row Wolkvox changed, a second row of a call) is delivered again and recognised as a new
 * version. Kept per hour of the records' own dates for as long as windows may reach back to it ({@code retention}),
 * in {@code <state>/delivered/<yyyy-MM-dd>T<HH>.fp} (24 bytes a record), and in memory for the few hours windows are
 * at now: an hour is read when a window first meets one of its records, and the least recently used hours beyond
 * {@link #HOURS_IN_MEMORY} are let go, so the heap holds hours, not the whole re-pull depth.
 * <p>
 * A fingerprint reaches the file only when {@link #flush(String)} is called for its route, which the poller does
 * once the record's window is done and its records are at their sinks: a crash can lose the fingerprints of the
 * window in flight (its records may then be delivered twice), never mark an undelivered record as delivered.
 */
public final class DeliveredRecords {

    static final String DIRECTORY = "delivered";
    /** Hours held in memory at most while none of them waits to be flushed. */
    static final int HOURS_IN_MEMORY = 8;
    private static final int RECORD_BYTES = 24;
    private static final String SUFFIX = ".fp";
    private static final DateTimeFormatter FILE_HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH");
    private static final Pattern FILE_NAME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}\\.fp");

    private final Path directory;
    private volatile Duration retention;
    private final Clock clock;
    private final ZoneId zone;
    // access order: the eldest entry is the hour least recently used
    private final LinkedHashMap<Long, Hour> hours = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Map<Long, ByteArrayOutputStream>> unflushed = new HashMap<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(RECORD_BYTES);

    /** The fingerprints of one hour of record dates. */
    private static final class Hour {
        private final FingerprintSet records;
        private final LongSet keys = new LongSet();
        private int unflushed;

        private Hour(int expected) {
            records = new FingerprintSet(expected);
        }
    }

    /**
     * Nothing is forgotten before the first flush or {@link #reachBack}: the report routes, known only once they
     * started, may reach further back than {@code retention}.
     *
     * @param retention how far back in record dates a window may reach again (lookback, re-pull), plus a margin
     */
    public DeliveredRecords(Path stateDirectory, Duration retention, Clock clock, ZoneId zone) {
        this.directory = stateDirectory.resolve(DIRECTORY);
        this.retention = retention;
        this.clock = clock;
        this.zone = zone;
    }

    /** Whether {@code text} starts with a date {@code yyyy-MM-dd} that {@link #hourOf} reads. */
    public static boolean isDate(String text) {
        if (text.length() < 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return false;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= YearMonth.of(year, month).lengthOfMonth();
    }

    /**
     * The hour a record's date falls in, as hours since 1970-01-01T00 of the same local time.
     *
     * @param date {@code yyyy-MM-dd}, then the time, if any, as {@code HH...} after one separator
     * @throws IllegalArgumentException when it does not start with a date ({@link #isDate})
     */
    public static long hourOf(String date) {
        if (!isDate(date)) {
            throw new IllegalArgumentException("not a record date: '" + date + "'");
        }
        int hour = date.length() >= 13 ? digits(date, 11, 13) : 0;
        long day = LocalDate.of(digits(date, 0, 4), digits(date, 5, 7), digits(date, 8, 10)).toEpochDay();
        return day * 24 + (hour >= 0 && hour < 24 ? hour : 0);
    }

    /** The number written with the characters {@code from} (inclusive) to {@code to}, or -1 if one is no digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * How long fingerprints are kept: as far back as a lookback or re-pull reads record days again, and a day's margin.
     */
    public static Duration retention(Duration lookback, Duration repull) {
        return (lookback.compareTo(repull) >= 0 ? lookback : repull).plusDays(1);
    }

    /**
     * The day a record without a date of its own is kept under (a detail report without a date field): the first day
     * still kept, up to {@code latest}, under which its key was delivered, so that windows starting on other days (past
     * midnight, a re-pull) find it again; {@code otherwise} (its window's day) for a key not delivered yet. Days kept
     * are few (the deepest re-pull and a day), and only those with fingerprints are read.
     *
     * @param keyHash {@link Fingerprint#keyHash(String, String)} of its route and key
     */
    public synchronized LocalDate dayOfKey(long keyHash, LocalDate latest, LocalDate otherwise) {
        long oldestDay = Math.floorDiv(oldestHour() + 23, 24);
        for (long day = oldestDay; day <= latest.toEpochDay(); day++) {
            long hour = day * 24;
            if ((hours.containsKey(hour) || Files.exists(file(hour))) && hour(hour).keys.contains(keyHash)) {
                return LocalDate.ofEpochDay(day);
            }
        }
        return otherwise;
    }

    /** Whether a record with this route, key and content, dated in the same hour, was delivered. */
    public synchronized boolean contains(Fingerprint fingerprint) {
        return hour(fingerprint.hour()).records.contains(fingerprint);
    }

    /**
     * Remembers a delivered record; its route is {@code scope}.
     *
     * @return true when its key had been delivered before with other content: a new version
     */
    public synchronized boolean add(String scope, Fingerprint fingerprint) {
        Hour records = hour(fingerprint.hour());
        boolean version = records.keys.contains(fingerprint.keyHash());
        if (records.records.add(fingerprint)) {
            records.keys.add(fingerprint.keyHash());
            records.unflushed++;
            ByteArrayOutputStream pending = unflushed.computeIfAbsent(scope, s -> new HashMap<>())
                    .computeIfAbsent(fingerprint.hour(), h -> new ByteArrayOutputStream());
            scratch.clear();
            scratch.putLong(fingerprint.high()).putLong(fingerprint.low()).putLong(fingerprint.keyHash());
            pending.write(scratch.array(), 0, RECORD_BYTES);
        }
        return version;
    }

    /**
     * Writes the fingerprints of {@code scope} added since its last flush to disk and forgets hours past the
     * retention; call after their window is delivered.
     */
    public synchronized void flush(String scope) {
        Map<Long, ByteArrayOutputStream> pending = unflushed.remove(scope);
        if (pending != null) {
            try {
                for (Map.Entry<Long, ByteArrayOutputStream> entry : pending.entrySet()) {
                    append(file(entry.getKey()), entry.getValue().toByteArray());
                    Hour hour = hours.get(entry.getKey());
                    hour.unflushed -= entry.getValue().size() / RECORD_BYTES;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write delivered records to " + directory, e);
            }
        }
        forgetOldHours();
        letGoOfHours(HOURS_IN_MEMORY);
    }

    /** The fingerprints of {@code scope} added since its last flush, 24 bytes each, by hour: what a flush writes. */
    public synchronized Map<Long, byte[]> unflushed(String scope) {
        Map<Long, byte[]> copy = new HashMap<>();
        unflushed.getOrDefault(scope, Map.of()).forEach((hour, bytes) -> copy.put(hour, bytes.toByteArray()));
        return copy;
    }

    /**
     * Forgets the fingerprints of {@code scope} added since its last flush: their records' delivery was rolled back
     * (an aborted Kafka transaction), so they are to be delivered again.
     */
    public synchronized void discard(String scope) {
        Map<Long, ByteArrayOutputStream> pending = unflushed.remove(scope);
        if (pending == null) {
            return;
        }
        for (Long hourKey : pending.keySet()) {
            // read again from its file, which holds no unflushed fingerprint; other scopes' unflushed ones are put back
            hours.remove(hourKey);
            Hour reloaded = hour(hourKey);
            for (Map<Long, ByteArrayOutputStream> other : unflushed.values()) {
                ByteArrayOutputStream bytes = other.get(hourKey);
                if (bytes != null) {
                    reloaded.unflushed += addAll(reloaded, bytes.toByteArray(), null);
                }
            }
        }
    }

    /**
     * Takes in fingerprints another replica delivered (24 bytes each, by hour), so that the records it delivered are
     * not delivered again here: those not known yet are added and written to the hour's file. Hours past the
     * retention are left out.
     *
     * @return how many were new here
     */
    public synchronized int adopt(Map<Long, byte[]> fingerprints) {
        long oldest = oldestHour();
        int adopted = 0;
        try {
            for (Map.Entry<Long, byte[]> entry : fingerprints.entrySet()) {
                if (entry.getKey() < oldest) {
                    continue;
                }
                ByteArrayOutputStream fresh = new ByteArrayOutputStream();
                addAll(hour(entry.getKey()), entry.getValue(), fresh);
                if (fresh.size() > 0) {
                    append(file(entry.getKey()), fresh.toByteArray());
                    adopted += fresh.size() / RECORD_BYTES;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write adopted delivered records to " + directory, e);
        }
        letGoOfHours(HOURS_IN_MEMORY);
        return adopted;
    }

    /** Adds fingerprints of 24 bytes each to {@code hour}; those it did not hold are also written to {@code added}. */
    private static int addAll(Hour hour, byte[] records, ByteArrayOutputStream added) {
        ByteBuffer buffer = ByteBuffer.wrap(records);
        int count = 0;
        while (buffer.remaining() >= RECORD_BYTES) {
            long high = buffer.getLong();
            long low = buffer.getLong();
            long keyHash = buffer.getLong();
            if (hour.records.add(high, low)) {
                hour.keys.add(keyHash);
                count++;
                if (added != null) {
                    added.write(records, buffer.position() - RECORD_BYTES, RECORD_BYTES);
                }
            }
        }
        return count;
    }

    private static void append(Path file, byte[] records) throws IOException {
        try (FileChannel channel = DurableFiles.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(records);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }

    /** Records of the hours in memory. */
    public synchronized long size() {
        return hours.values().stream().mapToLong(hour -> hour.records.size()).sum();
    }

    private Hour hour(long hour) {
        Hour records = hours.get(hour);
        if (records == null) {
            letGoOfHours(HOURS_IN_MEMORY - 1);
            records = load(hour);
            hours.put(hour, records);
        }
        return records;
    }

    private Hour load(long hour) {
        Path file = file(hour);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long whole = channel.size() - channel.size() % RECORD_BYTES;
            if (whole < channel.size()) {
                // a crash cut the last record: it was not flushed whole, and appends must stay aligned
                channel.truncate(whole);
            }
            Hour records = new Hour((int) (whole / RECORD_BYTES));
            ByteBuffer buffer = ByteBuffer.allocate(RECORD_BYTES * 4096);
            long position = 0;
            while (position < whole) {
                buffer.clear();
                buffer.limit((int) Math.min(buffer.capacity(), whole - position));
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        throw new IOException("file shrank while read: " + file);
                    }
                }
                position += buffer.position();
                buffer.flip();
                while (buffer.hasRemaining()) {
                    records.records.add(buffer.getLong(), buffer.getLong());
                    records.keys.add(buffer.getLong());
                }
            }
            return records;
        } catch (NoSuchFileException e) {
            return new Hour(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read delivered records from " + file, e);
        }
    }

    /**
     * Lets go of the least recently used hours beyond {@code kept}, but not of one waiting to be flushed: while
     * windows in flight hold more hours than that, memory holds them all.
     */
    private void letGoOfHours(int kept) {
        Iterator<Hour> eldestFirst = hours.values().iterator();
        int excess = hours.size() - kept;
        while (excess > 0 && eldestFirst.hasNext()) {
            if (eldestFirst.next().unflushed == 0) {
                eldestFirst.remove();
                excess--;
            }
        }
    }

    /**
     * Keeps fingerprints at least {@code reach} (and a day) back: a report route that reaches further back than the
     * settings this was made with (its own repull, a daily bucket) would otherwise have records delivered again once
     * their hour was let go.
     */
    public synchronized void reachBack(Duration reach) {
        Duration needed = reach.plusDays(1);
        if (needed.compareTo(retention) > 0) {
            retention = needed;
        }
        forgetOldHours();
    }

    /** The first hour of record dates still kept. */
    private long oldestHour() {
        return LocalDateTime.now(clock.withZone(zone)).minus(retention).toEpochSecond(ZoneOffset.UTC) / 3600;
    }

    private void forgetOldHours() {
        long oldest = oldestHour();
        hours.entrySet().removeIf(hour -> hour.getKey() < oldest && hour.getValue().unflushed == 0);
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> FILE_NAME.matcher(f.getFileName().toString()).matches()).toList()) {
                String name = file.getFileName().toString();
                long hour = LocalDateTime.parse(name.substring(0, name.length() - SUFFIX.length()) + ":00")
                        .toEpochSecond(ZoneOffset.UTC) / 3600;
                if (hour < oldest && !hours.containsKey(hour)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot forget old delivered records in " + directory, e);
        }
    }

    private Path file(long hour) {
        return directory.resolve(FILE_HOUR.format(LocalDateTime.ofEpochSecond(hour * 3600, 0, ZoneOffset.UTC)) + SUFFIX);
    }
}
