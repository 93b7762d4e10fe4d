package io.github.wolkvoxcamel.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * CPU time and bytes allocated by this JVM's threads while a round runs, grouped by what the thread does
 * ({@link #GROUPS}, by name). The JVM's per-thread counters are read every {@link #PERIOD_MS} ms, so a thread that
 * ends during the round (the application's, at its stop) keeps what it used up to its last sample: at most one period
 * of its work is lost. Threads that were running before the round (the broker's, the JVM's) count from where they
 * were when it started. The JVM's own threads (JIT compilers, GC) are no Java threads and are not counted.
 */
final class ThreadCosts implements AutoCloseable {

    private static final long PERIOD_MS = 50;

    /** A group of threads: the name it is reported under, and a pattern its threads' names contain. */
    record Group(String name, Pattern threads, boolean recordPath) {
    }

    /**
     * The threads a record passes, in its order, then the rest of the process apart. Camel names its pool threads
     * {@code Camel (wolkvox-camel) thread #N - <name>}.
     */
    static final List<Group> GROUPS = List.of(
            new Group("poll and call-ahead threads (fetch, parse, keys, headers)",
                    Pattern.compile("- wolkvox://|wolkvox-call-ahead-"), true),
            new Group("record thread (wolkvox-records-*)", Pattern.compile("wolkvox-records-"), true),
            new Group("camel-kafka worker (KafkaProducer[*])", Pattern.compile("KafkaProducer\\["), true),
            new Group("kafka-producer-network-thread", Pattern.compile("^kafka-producer-network-thread"), true),
            new Group("jsonl commit (wolkvox-file-commit)", Pattern.compile("^wolkvox-file-commit"), true),
            new Group("simulator (answers over HTTP)", Pattern.compile("^wolkvox-simulator|^HTTP-Dispatcher|^qtp"), false),
            new Group("broker and the rest", Pattern.compile(""), false));

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Per thread id: its group, and its counters at the round's start and at the last sample. */
    private final Map<Long, long[]> start = new HashMap<>();
    private final Map<Long, long[]> last = new HashMap<>();
    private final Map<Long, Group> groupOf = new HashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-thread-costs");
        thread.setDaemon(true);
        return thread;
    });

    private final long gcStartMs = gcMs();
    private long gcEndMs;

    ThreadCosts() {
        sample(true);
        sampler.scheduleAtFixedRate(() -> sample(false), PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private synchronized void sample(boolean first) {
        long[] ids = threads.getAllThreadIds();
        long[] cpu = threads.getThreadCpuTime(ids);
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        ThreadInfo[] infos = threads.getThreadInfo(ids, 0);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null || cpu[i] < 0 || allocated[i] < 0) {
                continue;
            }
            long[] counters = {cpu[i], allocated[i]};
            // a thread first seen after the round started began at zero
            start.computeIfAbsent(ids[i], id -> first ? counters : new long[2]);
            last.put(ids[i], counters);
            String name = infos[i].getThreadName();
            groupOf.computeIfAbsent(ids[i], id -> GROUPS.stream().filter(g -> g.threads().matcher(name).find()).findFirst()
                    .orElseThrow());
        }
    }

    /** Stops sampling, with one last sample. */
    @Override
    public synchronized void close() {
        sampler.shutdownNow();
        sample(false);
        gcEndMs = gcMs();
    }

    /**
     * The JVM's collection time over the round, in milliseconds: with G1, its pauses, when every thread stood still
     * (the process's, the in-process broker's and simulator's included).
     */
    synchronized long gcPausesMs() {
        return gcEndMs - gcStartMs;
    }

    private static long gcMs() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(ms -> ms > 0).sum();
    }

    /** Per group, {CPU nanoseconds, bytes allocated} over the round, in {@link #GROUPS}' order. */
    synchronized Map<Group, long[]> byGroup() {
        Map<Group, long[]> totals = new LinkedHashMap<>();
        GROUPS.forEach(group -> totals.put(group, new long[2]));
        last.forEach((id, counters) -> {
            long[] total = totals.get(groupOf.get(id));
            long[] from = start.get(id);
            total[0] += counters[0] - from[0];
            total[1] += counters[1] - from[1];
        });
        return totals;
    }
}
