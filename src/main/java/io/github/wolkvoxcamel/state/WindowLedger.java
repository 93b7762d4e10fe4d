package io.github.wolkvoxcamel.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every window the poller fetched, one JSON line per call in {@code <state>/ledger/<route>/<yyyy-MM-dd>.jsonl}
 * (the day of the window's start), so an operator can see what a day's coverage is and where its gaps are.
 */
public final class WindowLedger {

    /**
     * One fetched window. {@code outcome}: ok, empty, split (cap reached, fetched again in halves), capped, unchanged
     * (a lookup list as at its last delivery), failed.
     */
    public record Entry(String route, String report, LocalDateTime start, LocalDateTime end, int records,
                        String outcome, String errorClass, LocalDateTime fetchedAt) {
    }

    /** A stretch of a day. */
    public record Span(LocalDateTime start, LocalDateTime end) {
    }

    /** What a day looks like: delivered stretches and the gaps between them (up to the last delivered second). */
    public record Coverage(List<Span> delivered, List<Span> gaps, int calls, long records) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final Path directory;

    public WindowLedger(Path stateDirectory) {
        this.directory = stateDirectory.resolve("ledger");
    }

    public synchronized void record(Entry entry) {
        Path file = file(entry.route(), entry.start().toLocalDate());
        try (FileChannel channel = DurableFiles.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                channel.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the window ledger " + file, e);
        }
    }

    public List<Entry> entries(String route, LocalDate day) {
        Path file = file(route, day);
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                entries.add(JSON.readValue(line, Entry.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the window ledger " + file, e);
        }
        return entries;
    }

    /** Merges the delivered windows of a day (ok, empty, capped, unchanged) and lists the gaps between them. */
    public Coverage coverage(String route, LocalDate day) {
        List<Entry> entries = entries(route, day);
        List<Span> delivered = new ArrayList<>();
        entries.stream().filter(e -> e.outcome().equals("ok") || e.outcome().equals("empty") || e.outcome().equals("capped")
                        || e.outcome().equals("unchanged"))
                .sorted(Comparator.comparing(Entry::start))
                .forEach(e -> {
                    Span last = delivered.isEmpty() ? null : delivered.get(delivered.size() - 1);
                    if (last != null && !e.start().isAfter(last.end().plusSeconds(1))) {
                        delivered.set(delivered.size() - 1, new Span(last.start(),
                                e.end().isAfter(last.end()) ? e.end() : last.end()));
                    } else {
                        delivered.add(new Span(e.start(), e.end()));
                    }
                });
        List<Span> gaps = new ArrayList<>();
        LocalDateTime cursor = day.atStartOfDay();
        for (Span span : delivered) {
            if (span.start().isAfter(cursor)) {
                gaps.add(new Span(cursor, span.start().minusSeconds(1)));
            }
            cursor = span.end().plusSeconds(1);
        }
        long records = entries.stream().filter(e -> !e.outcome().equals("split") && !e.outcome().equals("failed"))
                .mapToLong(Entry::records).sum();
        return new Coverage(delivered, gaps, entries.size(), records);
    }

    private Path file(String route, LocalDate day) {
        return directory.resolve(route).resolve(day + ".jsonl");
    }
}
