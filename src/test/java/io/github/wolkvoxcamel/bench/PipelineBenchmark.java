package io.github.wolkvoxcamel.bench;

import io.github.wolkvoxcamel.ChildApp;
import io.github.wolkvoxcamel.RunningApp;
import io.github.wolkvoxcamel.TestEnvironment;
import io.github.wolkvoxcamel.TestKafka;
import io.github.wolkvoxcamel.kafka.KafkaTopics;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Measures, in one run on one machine: (a) end-to-end records/s from simulator answers of ~59,000 records through
 * HTTP, the streaming split and the sink routes to Kafka (real broker, acks=all), (b) the raw kafka-clients producer
 * sending the same records with the same settings, (c) a/b, and (d) peak heap and RSS of a -Xmx256m JVM processing
 * one 256 MB answer. Run with bench/run; prints a Markdown table for BENCHMARKS.md.
 */
public final class PipelineBenchmark {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    /** BENCH_TYPED=true bench/run: the same rounds with the typed mode on (WOLKVOX_TYPED). */
    private static final String TYPED = System.getProperty("bench.typed", "false");
    /**
     * -Dbench.batch=N (BENCH_BATCH=N bench/run): the rounds with the report in batch mode instead, a route of its own
     * sending N records an exchange straight to its topic (no rule: only the report's topic).
     */
    private static final int BATCH = Integer.getInteger("bench.batch", 0);
    /** -Dbench.memory=false (in BENCH_JAVA_OPTS): the rounds only, without the two -Xmx256m runs, to weigh one change quickly. */
    private static final boolean MEMORY = Boolean.parseBoolean(System.getProperty("bench.memory", "true"));

    /** The application's producer settings (config/application.properties, camel.component.kafka.*). */
    private static final Map<String, String> APPLICATION_PRODUCER = Map.of(ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.LINGER_MS_CONFIG, "20",
            ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    /** Kafka's own defaults, which are safe: idempotent, acks=all, 5 requests in flight, no compression. */
    private static final Map<String, String> DEFAULT_SAFE_PRODUCER = Map.of(ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");

    public static void main(String[] args) {
        try {
            System.out.println(run());
            System.exit(0);
        } catch (Exception | Error e) {
            // the embedded broker's threads would keep the JVM alive
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static String run() throws Exception {
        TestKafka kafka = TestKafka.get();
        LocalDateTime from = LocalDateTime.now(WolkvoxTime.BOGOTA).minusDays(2).withHour(6).withMinute(0).withSecond(0).withNano(0);
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%n| round | Wolkvox records | Kafka records | end-to-end rec/s | raw producer rec/s "
                + "| ratio | default safe producer rec/s | ratio to it | calls | minimum calls | record path CPU µs/rec "
                + "| record path B/rec | Kafka idle ms | GC pauses ms |%n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|%n"));
        List<Double> ratios = new ArrayList<>();
        // per thread group, each round's {CPU ns, bytes allocated} per Wolkvox record
        Map<ThreadCosts.Group, List<double[]>> costs = new LinkedHashMap<>();
        List<Double> safeRatios = new ArrayList<>();
        // round 0 warms the JIT, the broker and the page cache up and is not reported
        for (int round = 0; round <= ROUNDS; round++) {
            String prefix = "bench" + round + "-" + System.nanoTime() + ".";
            // 50 ms apart: 49 minutes hold ~58,800 records, just under the cap; 4 hours is 5 such answers
            Map<String, String> settings = new HashMap<>(Map.of("kafka.brokers", kafka.bootstrapServers(),
                    "kafka.topic-prefix", prefix, "wolkvox.typed", TYPED));
            if (BATCH > 0) {
                settings.put("camel.main.routes-include-pattern", "file:" + batchRoute() + "/*.yaml");
            }
            try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().spacing("diagram_1", Duration.ofMillis(50)),
                    settings)) {
                LocalDateTime to = from.plusHours(4).minusSeconds(1);
                System.gc();
                ThreadCosts sampling = new ThreadCosts();
                try (RunningApp app = RunningApp.start("backfill", "--from", WolkvoxTime.formatRequest(from), "--to",
                        WolkvoxTime.formatRequest(to), "--reports", "diagram_1", "--chunk", "49m")) {
                    if (app.awaitExit(Duration.ofMinutes(10)) != 0) {
                        throw new IllegalStateException("the backfill failed");
                    }
                } finally {
                    sampling.close();
                }
                Map<ThreadCosts.Group, long[]> threads = sampling.byGroup();
                // every Kafka record the pipeline wrote: the report's topic and the shipped rule's (hung-up IVR calls)
                List<ConsumerRecord<String, String>> delivered = kafka.readAll(BATCH > 0 ? List.of(prefix + "diagram_1")
                        : List.of(prefix + "diagram_1", prefix + "ivr-hung-up"));
                long first = delivered.stream().mapToLong(ConsumerRecord::timestamp).min().orElseThrow();
                long last = delivered.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
                double endToEnd = delivered.size() * 1000.0 / Math.max(1, last - first);
                long idle = idleMs(delivered);
                long wolkvoxRecords = delivered.stream().filter(r -> r.topic().endsWith("diagram_1")).count();
                long calls = env.simulator.calls().stream().filter(c -> c.api().equals("diagram_1")).count();
                long minimum = (wolkvoxRecords + 59_999) / 60_000;

                System.gc();
                double raw = rawProducer(kafka.bootstrapServers(), prefix + "raw.", delivered, APPLICATION_PRODUCER);
                System.gc();
                double safe = rawProducer(kafka.bootstrapServers(), prefix + "safe.", delivered, DEFAULT_SAFE_PRODUCER);
                if (round > 0) {
                    ratios.add(endToEnd / raw);
                    safeRatios.add(endToEnd / safe);
                    double pathCpu = 0;
                    double pathBytes = 0;
                    for (Map.Entry<ThreadCosts.Group, long[]> group : threads.entrySet()) {
                        double[] perRecord = {group.getValue()[0] / (double) wolkvoxRecords, group.getValue()[1] / (double) wolkvoxRecords};
                        costs.computeIfAbsent(group.getKey(), g -> new ArrayList<>()).add(perRecord);
                        if (group.getKey().recordPath()) {
                            pathCpu += perRecord[0];
                            pathBytes += perRecord[1];
                        }
                    }
                    report.append(String.format(Locale.ROOT, "| %d | %,d | %,d | %,.0f | %,.0f | %.2f | %,.0f | %.2f | %d | %d | %.1f | %,.0f | %,d | %,d |%n",
                            round, wolkvoxRecords, delivered.size(), endToEnd, raw, endToEnd / raw, safe, endToEnd / safe, calls,
                            minimum, pathCpu / 1000, pathBytes, idle, sampling.gcPausesMs()));
                }
            }
        }
        report.append(median("Median ratio over %d rounds", ratios));
        report.append(median("Median ratio to Kafka's default safe producer over %d rounds", safeRatios));
        report.append(costs(costs));
        if (MEMORY) {
            report.append(largeAnswer(from));
            report.append(longRun(from, kafka.bootstrapServers()));
        }
        return report.toString();
    }

    /** A directory with the report's route in batch mode, as docs/sinks.md shows it. */
    private static Path batchRoute() throws IOException {
        Path routes = Files.createTempDirectory("bench-batch-routes");
        Files.writeString(routes.resolve("diagram_1.yaml"), """
                - route:
                    id: wolkvox-diagram_1
                    from:
                      uri: wolkvox:diagram_1
                      parameters: { batchSize: %d }
                      steps:
                        - to: "kafka:{{kafka.topic-prefix}}diagram_1?batchWithIndividualHeaders=true"
                """.formatted(BATCH));
        return routes;
    }

    /**
     * How long Kafka got no record of the pipeline's, in milliseconds: the gaps of over 25 ms between consecutive
     * records' timestamps (set as each was sent), summed.
     */
    private static long idleMs(List<ConsumerRecord<String, String>> delivered) {
        long[] stamps = delivered.stream().mapToLong(ConsumerRecord::timestamp).sorted().toArray();
        long idle = 0;
        for (int i = 1; i < stamps.length; i++) {
            long gap = stamps[i] - stamps[i - 1];
            if (gap > 25) {
                idle += gap;
            }
        }
        return idle;
    }

    private static String median(String what, List<Double> ratios) {
        if (ratios.isEmpty()) {
            return "";
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        return String.format(Locale.ROOT, "%n" + what + ": %.2f (lowest %.2f, highest %.2f)%n", sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    /**
     * Per thread group, the median over the rounds of CPU time and bytes allocated per Wolkvox record (each one
     * exchange), the record path's groups first and their sum.
     */
    private static String costs(Map<ThreadCosts.Group, List<double[]>> costs) {
        if (costs.isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        StringBuilder apart = new StringBuilder();
        double pathCpu = 0;
        double pathBytes = 0;
        for (Map.Entry<ThreadCosts.Group, List<double[]>> group : costs.entrySet()) {
            double cpu = medianOf(group.getValue().stream().mapToDouble(r -> r[0]).toArray());
            double bytes = medianOf(group.getValue().stream().mapToDouble(r -> r[1]).toArray());
            String row = String.format(Locale.ROOT, "| %s | %.2f | %,.0f |%n", group.getKey().name(), cpu / 1000, bytes);
            if (group.getKey().recordPath()) {
                path.append(row);
                pathCpu += cpu;
                pathBytes += bytes;
            } else {
                apart.append(row);
            }
        }
        return String.format(Locale.ROOT, "%n| threads (median per Wolkvox record) | CPU µs/rec | allocated B/rec |%n|---|---|---|%n")
                + path + String.format(Locale.ROOT, "| **record path** | **%.2f** | **%,.0f** |%n", pathCpu / 1000, pathBytes)
                + String.format(Locale.ROOT, "| *apart:* | | |%n") + apart;
    }

    private static double medianOf(double[] values) {
        Arrays.sort(values);
        return values[values.length / 2];
    }

    /** The same records (keys, values and headers), sent by a bare producer with {@code settings}. */
    private static double rawProducer(String brokers, String topicPrefix, List<ConsumerRecord<String, String>> records,
                                      Map<String, String> settings) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.putAll(settings);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            // the same partitions as the pipeline's topics
            try (KafkaTopics topics = new KafkaTopics(config, 3)) {
                for (String topic : records.stream().map(r -> topicPrefix + r.topic()).distinct().toList()) {
                    topics.ensure(topic);
                    producer.send(new ProducerRecord<>(topic, "warm-up", "{}")).get();
                }
            }
            long start = System.nanoTime();
            for (ConsumerRecord<String, String> record : records) {
                producer.send(new ProducerRecord<>(topicPrefix + record.topic(), null, record.key(), record.value(), record.headers()));
            }
            producer.flush();
            return records.size() * 1e9 / (System.nanoTime() - start);
        }
    }

    /** One answer over 256 MB through a -Xmx256m JVM: peak heap from its GC log, peak RSS from /proc. */
    private static String largeAnswer(LocalDateTime day) throws Exception {
        LocalDateTime from = day.withHour(10);
        LocalDateTime to = from.plusHours(1).minusSeconds(1);
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder()
                .spacing("agents_detail", Duration.ofMillis(61)).padding("agents_detail", 4_300), Map.of())) {
            Child run = Child.run(env, List.of(), 0, "bench-large-answer", "backfill", "--from", WolkvoxTime.formatRequest(from),
                    "--to", WolkvoxTime.formatRequest(to), "--reports", "agents_detail");
            long bytes;
            try (var days = Files.list(env.sinkDir.resolve("agents_detail"))) {
                bytes = days.mapToLong(p -> p.toFile().length()).sum();
            }
            long peakHeapMb = run.heapBeforeGcMb().stream().mapToLong(Long::longValue).max().orElse(0);
            return String.format(Locale.ROOT, "%nOne answer of %,d MB (%,d records) with -Xmx256m: exit code %d, peak heap before GC %d MB, "
                    + "peak RSS %d MB%n", bytes / (1024 * 1024), env.simulator.calls().get(0).records(), run.exitCode(), peakHeapMb,
                    run.peakRssMb());
        }
    }

    /**
     * A day of diagram_1 (1,728,000 records, about 30 full answers) through a -Xmx256m JVM with Kafka on: the heap
     * left after each collection, early in the run against late, shows whether anything grows per window.
     */
    private static String longRun(LocalDateTime day, String brokers) throws Exception {
        LocalDateTime from = day.minusDays(1);
        LocalDateTime to = from.plusDays(1).minusSeconds(1);
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().spacing("diagram_1", Duration.ofMillis(50)), Map.of())) {
            Child run = Child.run(env, List.of("-Dkafka.brokers=" + brokers, "-Dkafka.topic-prefix=bench-long-" + System.nanoTime() + "."),
                    3, "bench-long-run", "backfill", "--from", WolkvoxTime.formatRequest(from), "--to", WolkvoxTime.formatRequest(to),
                    "--reports", "diagram_1", "--chunk", "49m");
            List<Long> live = run.heapAfterFullGcMb();
            long calls = env.simulator.calls().stream().filter(c -> c.api().equals("diagram_1")).count();
            long records = env.simulator.calls().stream().filter(c -> c.api().equals("diagram_1"))
                    .mapToLong(WolkvoxSimulator.Call::records).sum();
            return String.format(Locale.ROOT, "%nA day of diagram_1 (%,d records fetched in %d calls, minimum %d) with -Xmx256m and Kafka on: exit code %d; "
                    + "live heap after a full collection every 3 s: %s MB; peak RSS %d MB%n", records, calls, (records + 59_999) / 60_000,
                    run.exitCode(),
                    live.stream().map(String::valueOf).collect(Collectors.joining(", ")), run.peakRssMb());
        }
    }

    /**
     * The application run as a backfill in a JVM of its own with a 256 MB heap: exit code, GC log, peak RSS; with
     * {@code fullGcSeconds} above 0, a full collection is asked for (jcmd GC.run) that often, so the log tells the live heap.
     */
    private record Child(int exitCode, String gcLog, long peakRssMb) {

        private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");
        private static final Pattern FULL_GC = Pattern.compile("Pause Full \\(Diagnostic Command\\) (\\d+)M->(\\d+)M");

        static Child run(TestEnvironment env, List<String> jvmOptions, int fullGcSeconds, String name, String... args) throws Exception {
            Path gcLog = Path.of("target", name + "-gc.log");
            List<String> options = new ArrayList<>(List.of("-Xmx256m", "-Xlog:gc:file=" + gcLog));
            options.addAll(jvmOptions);
            Process app = ChildApp.launch(env, options, args, name, Map.of());
            long peakRssKb = 0;
            long nextFullGc = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(fullGcSeconds, 1));
            while (!app.waitFor(100, TimeUnit.MILLISECONDS)) {
                if (fullGcSeconds > 0 && System.nanoTime() > nextFullGc) {
                    new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(app.pid()),
                            "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                            .waitFor(30, TimeUnit.SECONDS);
                    nextFullGc = System.nanoTime() + TimeUnit.SECONDS.toNanos(fullGcSeconds);
                }
                Path status = Path.of("/proc", Long.toString(app.pid()), "status");
                if (Files.exists(status)) {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmHWM:")) {
                            peakRssKb = Math.max(peakRssKb, Long.parseLong(line.replaceAll("\\D", "")));
                        }
                    }
                }
            }
            if (app.exitValue() != 0) {
                throw new IllegalStateException(name + " exited with " + app.exitValue() + "; see " + ChildApp.log(name));
            }
            return new Child(app.exitValue(), Files.readString(gcLog), peakRssKb / 1024);
        }

        List<Long> heapBeforeGcMb() {
            return sizes(GC, 1);
        }

        List<Long> heapAfterFullGcMb() {
            return sizes(FULL_GC, 2);
        }

        private List<Long> sizes(Pattern pattern, int group) {
            List<Long> sizes = new ArrayList<>();
            Matcher gc = pattern.matcher(gcLog);
            while (gc.find()) {
                sizes.add(Long.parseLong(gc.group(group)));
            }
            return sizes;
        }
    }
}
