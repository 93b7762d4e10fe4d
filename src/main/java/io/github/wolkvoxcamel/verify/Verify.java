package io.github.wolkvoxcamel.verify;

import io.github.wolkvoxcamel.catalog.CatalogEntry;
import io.github.wolkvoxcamel.catalog.CatalogLines;
import io.github.wolkvoxcamel.catalog.SchemaDrift;
import io.github.wolkvoxcamel.catalog.WolkvoxCatalog;
import io.github.wolkvoxcamel.record.WolkvoxRecord;
import io.github.wolkvoxcamel.state.CallBudget;
import io.github.wolkvoxcamel.time.Durations;
import io.github.wolkvoxcamel.time.Window;
import io.github.wolkvoxcamel.wolkvox.AnswerClassifier;
import io.github.wolkvoxcamel.wolkvox.AnswerSpool;
import io.github.wolkvoxcamel.wolkvox.EnvelopeReader;
import io.github.wolkvoxcamel.wolkvox.ReportPoller;
import io.github.wolkvoxcamel.wolkvox.ReportSpec;
import io.github.wolkvoxcamel.wolkvox.WolkvoxAnswerException;
import io.github.wolkvoxcamel.wolkvox.WolkvoxTokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one-shot check of a new operation: each configured report route called once over a short recent window, one
 * call at a time, each counted in its token's daily budget and at most {@code maxCalls} of them; per route it prints
 * whether the api answered (and if not, Wolkvox's reason), how many records came, and each way they differ from the
 * catalog, with the catalog line to change. Every record of the answer is compared: a verify makes few calls.
 */
public final class Verify {

    /** Wolkvox's own limit on a call; a verify waits no longer. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    /** How far behind now the window ends: rows of the last seconds may not be written yet. */
    private static final Duration LAG = Duration.ofMinutes(1);

    /**
     * Where and how to call.
     *
     * @param reports api names or route ids to verify; empty for every report route
     * @param answerSizeLimit bytes of an answer read at most
     */
    public record Settings(String baseUrl, WolkvoxTokens tokens, CallBudget budget, ZoneId zone, Clock clock,
                           Set<String> reports, Duration window, int maxCalls, long answerSizeLimit) {
    }

    /** What one difference came to over an answer's records. */
    private static final class Seen {
        private final SchemaDrift.Difference difference;
        private int records;

        Seen(SchemaDrift.Difference difference) {
            this.difference = difference;
        }
    }

    private final Settings settings;
    private final WolkvoxCatalog catalog;
    private final CatalogLines lines;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();

    public Verify(Settings settings, WolkvoxCatalog catalog, CatalogLines lines) {
        this.settings = settings;
        this.catalog = catalog;
        this.lines = lines;
    }

    /**
     * Verifies the report routes, printing to {@code out}.
     *
     * @return the exit code: 0 when every route verified answered as the catalog says, 1 otherwise
     */
    public int run(List<ReportSpec> routes, PrintStream out) {
        LocalDateTime to = LocalDateTime.now(settings.clock().withZone(settings.zone())).minus(LAG).withNano(0);
        LocalDateTime from = to.minus(settings.window()).plusSeconds(1);
        List<ReportSpec> chosen = routes.stream().filter(spec -> settings.reports().isEmpty()
                || settings.reports().contains(spec.api()) || settings.reports().contains(spec.route())).toList();
        out.printf("verify %d report route(s) against %s over %s .. %s (the last %s; realtime reports answer their own "
                        + "horizon), at most %d call(s)%n", chosen.size(), settings.baseUrl(), from, to,
                Durations.format(settings.window()), settings.maxCalls());
        int calls = 0;
        int differences = 0;
        boolean allAnswered = true;
        for (ReportSpec spec : chosen) {
            String name = spec.route() + " (" + spec.group() + "/" + spec.api() + ")";
            if (calls == settings.maxCalls()) {
                out.printf("%s: not called: the limit of %d call(s) is reached (--max-calls)%n", name, calls);
                allAnswered = false;
                continue;
            }
            String alias;
            String token;
            try {
                alias = settings.tokens().canonical(spec.token());
                token = settings.tokens().token(alias);
            } catch (IllegalArgumentException e) {
                out.printf("%s: not called: %s%n", name, e.getMessage());
                allAnswered = false;
                continue;
            }
            if (!settings.budget().tryUse(alias, LocalDateTime.now(settings.clock().withZone(settings.zone()))
                    .toLocalDate())) {
                out.printf("%s: not called: token %s has used today's budget of %d calls%n", name, alias,
                        settings.budget().budget());
                allAnswered = false;
                continue;
            }
            calls++;
            try {
                differences += call(spec, name, token, from, to, out);
            } catch (WolkvoxAnswerException e) {
                out.printf("%s: not answered: HTTP %d, %s: %s%n", name, e.httpStatus(), e.errorClass(), e.getMessage());
                allAnswered = false;
            } catch (IOException | UncheckedIOException e) {
                out.printf("%s: not answered: %s%n", name, e.getMessage());
                allAnswered = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.printf("%s: not answered: interrupted%n", name);
                return 1;
            }
        }
        out.printf("verify done: %d call(s), %d difference(s) from the catalog%n", calls, differences);
        return allAnswered && differences == 0 ? 0 : 1;
    }

    /** @return the differences found */
    private int call(ReportSpec spec, String name, String token, LocalDateTime from, LocalDateTime to, PrintStream out)
            throws IOException, InterruptedException {
        String uri = settings.baseUrl() + spec.path() + "?" + spec.query(spec.requestParams(new Window(from, to)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(CALL_TIMEOUT)
                .header(ReportPoller.TOKEN_HEADER, token).GET().build();
        HttpResponse<InputStream> answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (AnswerSpool spool = AnswerSpool.of(answer.body(), settings.answerSizeLimit())) {
            if (spool.cut()) {
                out.printf("%s: not answered: the answer is larger than %d bytes: try a shorter --window%n", name,
                        settings.answerSizeLimit());
                return 0;
            }
            int count;
            try (InputStream in = spool.open()) {
                count = AnswerClassifier.classify(answer.statusCode(), in).recordCount();
            }
            CatalogEntry entry = catalog.entry(spec.group(), spec.api()).orElse(null);
            if (count == 0) {
                out.printf("%s: answered, 0 records: nothing to compare with the catalog; try a longer --window%n", name);
                return 0;
            }
            if (entry == null) {
                out.printf("%s: answered, %d records; the catalog has no entry for it to compare with%n", name, count);
                return 0;
            }
            Map<SchemaDrift.Difference, Seen> seen = compare(spec, entry, spool);
            out.printf("%s: answered, %d records, %s%n", name, count, seen.isEmpty() ? "as the catalog says"
                    : seen.size() + " difference(s) from the catalog:");
            for (Seen difference : seen.values()) {
                SchemaDrift.Difference d = difference.difference;
                out.printf("  %s %s: expected %s, came %s, in %d of %d records; %s%n", d.field(), d.kind().word(),
                        d.expected(), d.came(), difference.records, count, lines.fix(spec.group(), spec.api(), d));
            }
            return seen.size();
        }
    }

    /** Each difference of the answer's records from the catalog entry, with how many records show it. */
    private Map<SchemaDrift.Difference, Seen> compare(ReportSpec spec, CatalogEntry entry, AnswerSpool spool)
            throws IOException {
        SchemaDrift drift = SchemaDrift.of(entry, spec.keyFields(), spec.dateField(), settings.zone());
        Map<SchemaDrift.Difference, Seen> seen = new LinkedHashMap<>();
        try (InputStream in = spool.open(); EnvelopeReader.RecordIterator records = EnvelopeReader.records(in)) {
            while (records.hasNext()) {
                WolkvoxRecord record = records.next();
                if (record.unreadable() != null) {
                    continue;
                }
                for (SchemaDrift.Difference difference : drift.check(record)) {
                    seen.computeIfAbsent(difference, Seen::new).records++;
                }
            }
        }
        return seen;
    }
}
