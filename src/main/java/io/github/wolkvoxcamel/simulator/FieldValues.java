package io.github.wolkvoxcamel.simulator;

import io.github.wolkvoxcamel.catalog.CatalogEntry;
import io.github.wolkvoxcamel.catalog.CatalogShape;
import io.github.wolkvoxcamel.catalog.FieldTree;
import io.github.wolkvoxcamel.time.WolkvoxTime;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plausible values for the fields of a catalog entry, chosen once per field from its name and documented type: call
 * ids as Wolkvox shapes them, other ids as digits, agents, skills, campaigns and codes from small fixed lists (an
 * agent's id, name and dni agree within a row), dates as {@code yyyy-MM-dd HH:mm:ss}, durations as {@code HH:MM:SS}
 * (seconds where the catalog says so), percentages as {@code "34.64 %"}, counts as digits, else short text. Every
 * value is a string, as Wolkvox sends it. What a value is made from (an event, a span of time, a fixed list) is in
 * the {@link RowFacts}; counts over a span grow with it.
 */
final class FieldValues {

    /** Makes one field's value. */
    interface Rule {
        String make(RowFacts f);
    }

    static final List<String> AGENTS = List.of("COM-ANA GOMEZ", "COM-CAMILO PATINO", "COM-LUISA RIOS",
            "COM-JUAN PEREZ", "COM-MARIA TORRES", "COM-ANDRES DIAZ", "SAC-LAURA MEJIA", "SAC-PEDRO RUIZ", "SAC-SOFIA CANO",
            "SAC-DIEGO VEGA", "COB-ELENA MORA", "COB-JORGE SOTO");
    static final List<String> SKILLS = List.of("Ventas", "Servicio al cliente", "Cobranzas", "Soporte tecnico", "Retencion");
    static final List<String> CAMPAIGN_NAMES = List.of("Cobranza Marzo", "Ventas Hogar", "Encuesta NPS");
    static final List<String> ROUTING_POINTS = List.of("4628", "4630", "5102");
    static final List<String> ROUTING_POINT_NAMES = List.of("IVR Principal", "IVR Cobranzas", "IVR Soporte");
    static final List<String> CODES = List.of("VENTA", "NO_INTERESADO", "VOLVER_A_LLAMAR", "INFO", "RECLAMO", "TIMEOUTACW");
    static final List<String> CODE_TEXTS = List.of("Venta realizada", "Cliente no interesado", "Volver a llamar",
            "Solicita informacion", "Reclamo", "Tiempo de ACW agotado");
    static final List<String> CODES_2 = List.of("PLAN_A", "PLAN_B", "PLAN_C", "SIN_PLAN");
    static final List<String> CODE_2_TEXTS = List.of("Plan basico", "Plan plus", "Plan premium", "Sin plan");
    static final List<String> CHANNELS = List.of("whatsapp", "webchat", "facebook", "instagram", "telegram", "email", "sms");
    /** How many different values a dimension without a list of its own takes (phones, ids, texts). */
    static final int GENERIC_POOL = 6;

    private static final List<String> FIRST_NAMES = List.of("Ana", "Carlos", "Luisa", "Jorge", "Maria", "Andres",
            "Paula", "Diego");
    private static final List<String> LAST_NAMES = List.of("Gomez", "Rodriguez", "Martinez", "Lopez", "Garcia",
            "Hernandez", "Restrepo");
    private static final List<String> TEXTS = List.of("Cliente solicita informacion del plan", "Consulta de saldo",
            "Solicita llamada posterior", "Cliente acepta oferta", "Reporta falla en el servicio",
            "Pregunta por el estado de su pedido", "Actualiza datos de contacto", "Solicita cancelacion");
    private static final List<String> YES_NO = List.of("yes", "no");
    private static final Map<String, List<String>> VOCABULARIES = vocabularies();
    private static final Set<String> CONN_IDS = Set.of("conn_id", "connect_id", "id_call", "id_call_origin",
            "conn_id_transfer");
    private static final Set<String> END_WORDS = Set.of("end", "close", "logout", "last_update", "last_outbound",
            "last_date");
    private static final Set<String> DURATIONS = Set.of("time", "talk", "ready", "ring", "not_ready_acw",
            "total_duration", "chat_duration", "billed_minutes", "voice_message_duration", "time_between_calls");
    private static final Set<String> AVERAGES = Set.of("aht", "asa", "ata", "att", "acw", "tmo");
    private static final Set<String> PERCENTS = Set.of("occupancy", "ocupation", "accuracy", "silence", "by_abandon",
            "penetration_day", "penetration_now", "ram", "abandon");
    private static final Set<String> PHONES = Set.of("telephone", "ani", "dial_phone", "customer_phone", "phone_number",
            "phone", "telephone_destination", "tel_extra", "rellamada_tel", "last_dial_tele", "history_dial_tel", "value",
            "identificadores");
    private static final Set<String> FLAGS = Set.of("enabled", "agent_sso", "turbo_dial", "screen_recording",
            "screecbox", "go_to_agent", "greeting", "greeting_agent_name", "recall", "rellamada", "stereo_recording", "sso");
    /** Flags in a configuration list (activity codes: may an agent use it in chat, voice...), counts elsewhere. */
    private static final Set<String> LOOKUP_FLAGS = Set.of("hit", "rpc", "chat", "studio", "voice", "interactions");
    private static final Set<String> TEXT_KEYS = Set.of("tts_text", "text", "message", "msg", "body", "subject",
            "question", "summary", "comment", "comments", "comentarios", "feedback", "explation", "customer_query",
            "routing_answer", "notification", "recognized_text", "audio_text", "topic", "extra_field", "ai_comment",
            "csat_justification", "fcr_justification", "rellamada_info", "example", "second_event");
    private static final Set<String> COUNTS = Set.of("count", "records", "hits", "hit", "rpc", "interactions",
            "interaction", "surveys", "evaluations", "items", "credits", "characters", "units", "points", "attempts",
            "attempt", "clean", "dial", "recycled", "busy", "congestion", "failed", "no_answer", "answer_machine",
            "busy/congestion/failed", "cantidad", "llamadas", "treatment", "service_level_up", "times_chatted",
            "agents_needed", "yes", "no", "yes/no", "licenses", "total", "answer", "minutes", "ivr_minutes", "time_min");
    private static final List<String> COUNT_PREFIXES = List.of("calls", "inbound", "outbound", "internal", "total_",
            "answer_", "abandon_", "anwers_", "stat_", "customer_say_", "recall_", "ad_", "post_", "chars_", "nlp_", "tts_",
            "token_use", "all_token");
    private static final List<String> COUNT_SUFFIXES = List.of("_calls", "_chars", "_count", "_amd", "_credits",
            "_recognitions", "_records", "_amount");
    private static final Pattern AGENT_ROLE = Pattern.compile("(origin|destiny|transfer|receiver)_agent_(id|name|dni)");
    private static final Pattern SECONDS_QUIRK = Pattern.compile("^(\\S+) is in seconds");
    private static final Pattern SUB_BUCKET_QUIRK = Pattern.compile("(\\d+)-minute rows");
    private static final Set<String> BUCKET_KEYS = Set.of("hour", "date", "day");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter COMPACT_DAY = DateTimeFormatter.ofPattern("uuuuMMdd");
    private static final DateTimeFormatter COMPACT_HOUR = DateTimeFormatter.ofPattern("uuuuMMddHH");
    /** Configuration lists carry fixed dates, in this year. */
    private static final LocalDateTime CONFIGURED = LocalDateTime.of(2025, 1, 1, 0, 0);

    private final CatalogEntry entry;
    private final Set<String> answerKeys;
    private final Set<String> secondsFields;
    private final Duration step;
    private final DateTimeFormatter bucketDay;
    private final Map<String, Rule> rules = new HashMap<>();

    FieldValues(CatalogEntry entry, List<FieldTree.Node> tree) {
        this.entry = entry;
        this.answerKeys = new java.util.HashSet<>();
        collectKeys(tree);
        this.secondsFields = new java.util.HashSet<>(Set.of("time_state_now", "time_seg", "duration"));
        Duration sub = null;
        for (String quirk : entry.quirks()) {
            Matcher seconds = SECONDS_QUIRK.matcher(quirk);
            if (seconds.find()) {
                secondsFields.add(seconds.group(1));
            }
            Matcher minutes = SUB_BUCKET_QUIRK.matcher(quirk);
            if (minutes.find()) {
                sub = Duration.ofMinutes(Long.parseLong(minutes.group(1)));
            }
        }
        this.step = entry.bucket() == null ? null : sub != null ? sub : entry.bucket();
        this.bucketDay = bucketDayFormat(entry, answerKeys.contains("hour"));
        compile(tree);
    }

    /** The span each row of a bucketed aggregate covers: the bucket, or the shorter rows the catalog says it has. */
    Duration step() {
        return step;
    }

    /** Whether {@code key} is a field that holds a bucketed row's bucket (its hour, date or day). */
    boolean bucketKey(String key) {
        return entry.shape() == CatalogShape.BUCKETED_AGGREGATE && BUCKET_KEYS.contains(key);
    }

    /** Whether {@code key} holds a date (the answer's or a configuration's). */
    static boolean dateKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        return k.equals("date") || k.equals("fecha") || k.startsWith("date_") || k.endsWith("_date")
                || k.contains("_date_") || Set.of("created_at", "last_update", "last_use", "login", "logout", "last_day")
                .contains(k);
    }

    String value(FieldTree.Node leaf, RowFacts facts) {
        return rules.get(leaf.path()).make(facts);
    }

    /** The entity a field names: fields of one entity (agent_id, agent_name) agree within a row. */
    static String entityOf(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        Matcher role = AGENT_ROLE.matcher(k);
        if (role.matches()) {
            return role.group(1) + "_agent";
        }
        return switch (k) {
            case "agent_id", "id_agent", "agent_name", "name_agent", "agent_dni", "agent_user" -> "agent";
            case "skill_id", "skill", "skill_name", "skill_description" -> "skill";
            case "campaign_id", "campaing_id", "id_campaing", "campaign", "campaign_name", "campaign_description" -> "campaign";
            case "rp_id", "rp_name" -> "rp";
            case "cod_act", "last_code_act", "cod_rslt1", "description_cod_act", "cod_description", "description_cod1" -> "code";
            case "cod_act_2", "cod_rslt2", "description_cod_act_2" -> "code2";
            case "channel", "chanel", "nlp_channel", "last_channel" -> "channel";
            case "customer_id", "id_cliente" -> "customer";
            default -> k;
        };
    }

    /** How many different values the entity takes: its list's length, or {@link #GENERIC_POOL}. */
    static int poolSize(String entity) {
        return switch (entity) {
            case "agent", "origin_agent", "destiny_agent", "transfer_agent", "receiver_agent" -> AGENTS.size();
            case "skill" -> SKILLS.size();
            case "campaign" -> CAMPAIGN_NAMES.size();
            case "rp" -> ROUTING_POINTS.size();
            case "code" -> CODES.size();
            case "code2" -> CODES_2.size();
            case "channel" -> CHANNELS.size();
            default -> VOCABULARIES.containsKey(entity) ? VOCABULARIES.get(entity).size() : GENERIC_POOL;
        };
    }

    /** The index of {@code value} among the entity's values, for a request that names one (agent_id=12463). */
    static int indexOf(String entity, String value) {
        List<String> values = switch (entity) {
            case "agent" -> AGENTS.stream().map(name -> agentId(AGENTS.indexOf(name))).toList();
            case "skill" -> java.util.stream.IntStream.range(0, SKILLS.size()).mapToObj(FieldValues::skillId).toList();
            case "campaign" -> MachineCodeReport.CAMPAIGNS;
            case "rp" -> ROUTING_POINTS;
            case "code" -> CODES;
            case "code2" -> CODES_2;
            case "channel" -> CHANNELS;
            default -> VOCABULARIES.getOrDefault(entity, List.of());
        };
        int index = values.indexOf(value);
        return index >= 0 ? index : Math.floorMod(value.hashCode(), poolSize(entity));
    }

    static String agentId(int index) {
        return Integer.toString(12_460 + index);
    }

    static String skillId(int index) {
        return Integer.toString(5_000 + index);
    }

    private void collectKeys(List<FieldTree.Node> nodes) {
        for (FieldTree.Node node : nodes) {
            answerKeys.add(node.key().trim().toLowerCase(Locale.ROOT));
            collectKeys(node.children());
        }
    }

    private void compile(List<FieldTree.Node> nodes) {
        for (FieldTree.Node node : nodes) {
            if (node.kind() == FieldTree.Kind.LEAF || node.kind() == FieldTree.Kind.STRINGS) {
                rules.put(node.path(), rule(node));
            }
            compile(node.children());
        }
    }

    private static DateTimeFormatter bucketDayFormat(CatalogEntry entry, boolean hasHour) {
        String quirks = String.join(" ", entry.quirks());
        if (hasHour) {
            return DAY;
        }
        if (quirks.contains("YYYYmmdd")) {
            return COMPACT_DAY;
        }
        if (quirks.contains("YYYYMMDDHH")) {
            return COMPACT_HOUR;
        }
        return Duration.ofDays(1).equals(entry.bucket()) ? DAY : WolkvoxTime.RECORD_FORMAT;
    }

    private Rule rule(FieldTree.Node leaf) {
        String k = leaf.key().trim().toLowerCase(Locale.ROOT);
        String path = leaf.path().toLowerCase(Locale.ROOT);
        int h = k.hashCode();
        String entity = entityOf(k);
        if (bucketKey(k)) {
            return bucket(k);
        }
        if (String.join(" ", entry.quirks()).contains("service flags")) {
            return k.equals("licenses") ? count(h) : pick(k, YES_NO);
        }
        if (CONN_IDS.contains(k)) {
            return connId(k);
        }
        Rule named = named(k, entity, h);
        if (named != null) {
            return named;
        }
        if (k.equals("id") || k.endsWith("_id") || k.startsWith("id_")) {
            return id(k, h);
        }
        Rule time = time(k, h);
        if (time != null) {
            return time;
        }
        if (k.contains("percent") || k.startsWith("service_level") && !k.equals("service_level_up")
                || k.startsWith("precision_") || k.startsWith("cpu_") || PERCENTS.contains(k)
                || k.equals("slow_to_greet") && entry.shape() != CatalogShape.DETAIL) {
            return percent(h);
        }
        if (k.equals("cost") || k.equals("telephone_costs")) {
            return money(h);
        }
        if (PHONES.contains(k) || k.matches("tel\\d+") || k.equals("dnis")
                || (k.equals("from") || k.equals("to")) && !answerKeys.contains("subject")) {
            return phone(k, k.equals("dnis") ? "601" : "3", h);
        }
        Rule person = person(k, h);
        if (person != null) {
            return person;
        }
        if (k.endsWith("_active") || FLAGS.contains(k) || k.equals("slow_to_greet")
                || entry.shape() == CatalogShape.LOOKUP && LOOKUP_FLAGS.contains(k)) {
            return pick(k, YES_NO);
        }
        Rule gauge = gauge(k, h);
        if (gauge != null) {
            return gauge;
        }
        Rule vocabulary = vocabulary(k, path);
        if (vocabulary != null) {
            return vocabulary;
        }
        Rule special = special(k, h);
        if (special != null) {
            return special;
        }
        if (k.equals("answer") && !answerKeys.contains("no_answer") || TEXT_KEYS.contains(k)) {
            return text(k, h);
        }
        if (COUNTS.contains(k) || COUNT_PREFIXES.stream().anyMatch(k::startsWith)
                || COUNT_SUFFIXES.stream().anyMatch(k::endsWith) || "Int".equals(leaf.type())) {
            return count(h);
        }
        return text(k, h);
    }

    /** Agents, skills, campaigns, routing points, codes, channels and customers, by index into their lists. */
    private Rule named(String k, String entity, int h) {
        int pool = poolSize(entity);
        if (entity.equals("agent") || AGENT_ROLE.matcher(k).matches()) {
            if (k.endsWith("dni")) {
                return f -> "10" + Values.zeroPadded(20_304_050L + 7919L * f.index(entity, pool), 8);
            }
            if (k.endsWith("id") || k.equals("id_agent")) {
                return f -> agentId(f.index(entity, pool));
            }
            return f -> AGENTS.get(f.index(entity, pool));
        }
        return switch (k) {
            case "quality_analyst" -> pick(k, List.of("QA-MARTA LOPEZ", "QA-RAUL PENA", "QA-DIANA SALAS"));
            case "skill_id", "skill" -> f -> skillId(f.index(entity, pool));
            case "skill_name" -> f -> SKILLS.get(f.index(entity, pool));
            case "skill_description" -> f -> "Cola de " + SKILLS.get(f.index(entity, pool));
            case "campaign_id", "campaing_id", "id_campaing" -> f -> MachineCodeReport.CAMPAIGNS.get(f.index(entity, pool));
            case "campaign_name" -> f -> CAMPAIGN_NAMES.get(f.index(entity, pool));
            case "campaign" -> f -> MachineCodeReport.CAMPAIGNS.get(f.index(entity, pool)) + " - "
                    + CAMPAIGN_NAMES.get(f.index(entity, pool));
            case "campaign_description" -> f -> "Campana " + CAMPAIGN_NAMES.get(f.index(entity, pool));
            case "rp_id" -> f -> ROUTING_POINTS.get(f.index(entity, pool));
            case "rp_name" -> f -> ROUTING_POINT_NAMES.get(f.index(entity, pool));
            case "cod_act", "last_code_act", "cod_rslt1" -> f -> CODES.get(f.index(entity, pool));
            case "description_cod_act", "cod_description", "description_cod1" -> f -> CODE_TEXTS.get(f.index(entity, pool));
            case "cod_act_2", "cod_rslt2" -> f -> CODES_2.get(f.index(entity, pool));
            case "description_cod_act_2" -> f -> CODE_2_TEXTS.get(f.index(entity, pool));
            case "channel", "chanel", "nlp_channel", "last_channel" -> f -> CHANNELS.get(f.index(entity, pool));
            case "customer_id", "id_cliente" -> f -> "10" + (f.fixes(entity)
                    ? Values.zeroPadded(20_304_050L + 7919L * f.index(entity, pool), 8) : f.v().digits(f.salt(h), 8));
            case "id_type", "tipo_doc" -> pick(k, List.of("CC", "CE", "NIT", "PA"));
            default -> null;
        };
    }

    /**
     * A call id as Wolkvox writes it ({@code <agent>.<nnnn>.<utc epoch>.<seq>}): one per event; in a snapshot or a
     * list, one per row and element, dated at the end of the span.
     */
    private static Rule connId(String k) {
        String entity = k.equals("id_call_origin") ? "origin_agent" : "agent";
        String lead = k.equals("conn_id_transfer") ? "9" : "";
        int h = k.hashCode();
        return f -> {
            String prefix = lead + agentId(f.index(entity, AGENTS.size()));
            if (f.mode() == RowFacts.Mode.EVENT) {
                return f.v().connId(prefix, f.at());
            }
            return prefix + "." + Values.zeroPadded(f.v().pick(f.salt(h), 10_000), 4) + "."
                    + f.end().toEpochSecond(java.time.ZoneOffset.ofHours(-5)) + "." + f.v().digits(f.salt(h) + 1, 6);
        };
    }

    /** Other ids: digits, one per event in detail rows, one per entry where the answer lists them. */
    private static Rule id(String k, int h) {
        String lead = Integer.toString(1 + Math.floorMod(h, 9));
        return f -> {
            if (f.fixes(k)) {
                return lead + Values.zeroPadded(10_000 + 7L * f.index(k, GENERIC_POOL), 6);
            }
            return f.mode() == RowFacts.Mode.EVENT ? f.v().uniqueDigits(lead, 9) : lead + f.v().digits(f.salt(h), 6);
        };
    }

    /** Dates, parts of dates, and durations. */
    private Rule time(String k, int h) {
        if (dateKey(k)) {
            return date(k, h);
        }
        switch (k) {
            case "day" -> {
                return f -> DAY.format(f.at());
            }
            case "day_of_week" -> {
                return f -> f.at().getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
            }
            case "month" -> {
                return f -> Values.zeroPadded(f.at().getMonthValue(), 2);
            }
            case "hour" -> {
                return f -> Values.zeroPadded(f.at().getHour(), 2);
            }
            default -> {
                // go on
            }
        }
        if (secondsFields.contains(k)) {
            return f -> Long.toString(k.equals("time_state_now") && f.mode() == RowFacts.Mode.TOTAL
                    ? f.v().pick(f.salt(h), 900) : seconds(f, h));
        }
        if (k.equals("time_min") || k.equals("minutes") || k.equals("ivr_minutes")) {
            return f -> Long.toString((seconds(f, h) + 59) / 60);
        }
        if (AVERAGES.contains(k) || k.startsWith("aht_")) {
            return f -> Values.clock(20 + f.stable().pick(f.salt(h), 580)
                    + (f.mode() == RowFacts.Mode.TOTAL ? f.jitter().pick(f.salt(h), 30) : 0));
        }
        if (k.endsWith("_time") || k.endsWith("_times") || k.startsWith("time_") || DURATIONS.contains(k)) {
            return f -> Values.clock((int) Math.min(Integer.MAX_VALUE, seconds(f, h)));
        }
        return null;
    }

    /**
     * A date: an event's own date is the event's time, an end or close a while after it; in totals a date inside the
     * span (a login near its start, the rest near its end); in configuration lists a fixed date.
     */
    private Rule date(String k, int h) {
        boolean dateField = k.equals(entry.dateField());
        boolean end = END_WORDS.stream().anyMatch(k::contains);
        boolean start = k.contains("ini") || k.contains("start") || k.contains("login") || k.contains("first");
        return f -> {
            LocalDateTime at = switch (f.mode()) {
                case EVENT -> dateField || !end
                        ? f.at().plusSeconds(f.element() == 0 ? 0 : 20L * f.element() + f.v().pick(f.salt(h), 20))
                        : f.at().plusSeconds(30 + f.v().pick(f.salt(h), 900));
                case TOTAL -> {
                    int reach = (int) Math.max(1, Math.min(3600, Duration.between(f.at(), f.end()).toSeconds() + 1));
                    yield start ? f.at().plusSeconds(f.stable().pick(f.salt(h), reach))
                            : f.end().minusSeconds(f.stable().pick(f.salt(h), reach));
                }
                case LOOKUP -> CONFIGURED.plusSeconds(f.stable().pick(f.salt(h), 365 * 86_400));
            };
            return WolkvoxTime.RECORD_FORMAT.format(at);
        };
    }

    /** The bucket a row stands for: an hour of day ({@code HH}, {@code HH:mm} for shorter rows) or its day. */
    private Rule bucket(String k) {
        if (k.equals("hour")) {
            boolean minutes = step.compareTo(Duration.ofHours(1)) < 0;
            return f -> {
                LocalDateTime at = f.bucket() != null ? f.bucket() : f.at();
                return Values.zeroPadded(at.getHour(), 2) + (minutes ? ":" + Values.zeroPadded(at.getMinute(), 2) : "");
            };
        }
        return f -> bucketDay.format(f.bucket() != null ? f.bucket() : f.at());
    }

    /** A duration in seconds: an event's few minutes, or a share of a span's time. */
    private static long seconds(RowFacts f, int h) {
        if (f.mode() != RowFacts.Mode.TOTAL) {
            return 5 + f.v().pick(f.salt(h), 900);
        }
        long share = f.spanSeconds() * (2 + f.stable().pick(f.salt(h), 25)) / 100;
        return Math.min(f.spanSeconds(), share + f.jitter().pick(f.salt(h), 60));
    }

    /** A count: a few for an event, a rate per hour over a span (so it grows with the span). */
    private static Rule count(int h) {
        return f -> {
            if (f.mode() != RowFacts.Mode.TOTAL) {
                return Integer.toString(1 + f.v().pick(f.salt(h), 12));
            }
            long perHour = 1 + f.stable().pick(f.salt(h), 40);
            double expected = perHour * f.spanSeconds() / 3600.0 + f.jitter().pick(f.salt(h), 1000) / 1000.0;
            return Long.toString((long) expected);
        };
    }

    private static Rule percent(int h) {
        return f -> {
            int hundredths = f.stable().pick(f.salt(h), 9000) + f.jitter().pick(f.salt(h) + 1, 1000);
            return hundredths / 100 + "." + Values.zeroPadded(hundredths % 100, 2) + " %";
        };
    }

    private static Rule money(int h) {
        return f -> {
            long cents = f.mode() == RowFacts.Mode.TOTAL
                    ? (f.spanSeconds() / 60 + 1) * (20 + f.stable().pick(f.salt(h), 60)) / 10
                    : 10 + f.v().pick(f.salt(h), 500);
            return cents / 100 + "." + Values.zeroPadded(cents % 100, 2);
        };
    }

    private static Rule phone(String k, String lead, int h) {
        int digits = 10 - lead.length();
        return f -> lead + (f.fixes(k) ? Values.zeroPadded(1_234_567L + 104_729L * f.index(k, GENERIC_POOL), digits)
                : f.v().digits(f.salt(h), digits));
    }

    /** Customers' names and addresses. */
    private Rule person(String k, int h) {
        return switch (k) {
            case "customer_name", "nombre_cliente" -> f -> FIRST_NAMES.get(f.v().pick(f.salt(h), FIRST_NAMES.size()));
            case "customer_last_name", "apellido_cliente" -> f -> LAST_NAMES.get(f.v().pick(f.salt(h), LAST_NAMES.size()));
            case "nombre", "from_name", "to_name", "fromname" -> f -> FIRST_NAMES.get(f.v().pick(f.salt(h), FIRST_NAMES.size()))
                    + " " + LAST_NAMES.get(f.v().pick(f.salt(h) + 1, LAST_NAMES.size()));
            case "customer_email", "email", "from", "to" -> f -> (FIRST_NAMES.get(f.v().pick(f.salt(h), FIRST_NAMES.size()))
                    + "." + LAST_NAMES.get(f.v().pick(f.salt(h) + 1, LAST_NAMES.size()))).toLowerCase(Locale.ROOT)
                    + "@example.com";
            case "address", "direccion" -> f -> "Calle " + (1 + f.v().pick(f.salt(h), 120)) + " # "
                    + (1 + f.v().pick(f.salt(h) + 1, 90)) + "-" + (1 + f.v().pick(f.salt(h) + 2, 60));
            case "age", "edad" -> f -> Integer.toString(18 + f.v().pick(f.salt(h), 55));
            default -> null;
        };
    }

    /** Readings of the moment: latency, jitter, queue length. */
    private static Rule gauge(String k, int h) {
        int[] range = switch (k) {
            case "latency_ms", "average_latency", "maximum", "minimum" -> new int[] {20, 400};
            case "tx_jitter", "rx_jitter" -> new int[] {0, 40};
            case "tx_ploss", "rx_ploss" -> new int[] {0, 5};
            case "network_rejection" -> new int[] {0, 3};
            case "calls_in_queue_now" -> new int[] {0, 15};
            case "connected_agents", "total_agents" -> new int[] {1, 40};
            case "calls_x_min" -> new int[] {0, 30};
            default -> null;
        };
        if (range == null) {
            return null;
        }
        return f -> Integer.toString(range[0] + f.v().pick(f.salt(h), range[1] - range[0] + 1));
    }

    private Rule vocabulary(String k, String path) {
        if (k.equals("type") && path.contains("components")) {
            return pick("component_type", List.of("HEADER", "BODY", "FOOTER"));
        }
        if (k.equals("status") && answerKeys.contains("speed")) {
            return pick("campaign_status", List.of("started", "stopped"));
        }
        if ((k.equals("status") || k.equals("category")) && path.contains("meta_templates")) {
            return pick("template_" + k, k.equals("status") ? List.of("APPROVED", "PENDING", "REJECTED")
                    : List.of("MARKETING", "UTILITY", "AUTHENTICATION"));
        }
        if (k.equals("name") && answerKeys.contains("connector_id")) {
            return pick("connector_name", List.of("WhatsApp Ventas", "WhatsApp Soporte", "Webchat Portal", "Facebook Marca"));
        }
        List<String> vocabulary = VOCABULARIES.get(k);
        return vocabulary == null ? null : pick(k, vocabulary);
    }

    /** Fields with a format of their own. */
    private Rule special(String k, int h) {
        return switch (k) {
            case "operation" -> f -> "demo_operation";
            case "description" -> entry.shape() == CatalogShape.BILLING_COUNTER
                    ? f -> entry.title().replaceFirst("^[0-9.]+\\s*", "") : text(k, h);
            case "ip" -> f -> f.fixes(k) ? "190.24.12." + (10 + f.index(k, GENERIC_POOL))
                    : "190.24." + f.v().pick(f.salt(h), 256) + "." + f.v().pick(f.salt(h) + 1, 256);
            case "workstation" -> f -> "PC-" + f.v().digits(f.salt(h), 3);
            case "media_url", "source_url", "voice_message" -> f -> "https://files.example.com/" + k + "/"
                    + f.v().digits(f.salt(h), 8) + (k.equals("voice_message") ? ".mp3" : ".jpg");
            case "file_name", "attachments" -> f -> "rec_" + f.v().digits(f.salt(h), 8) + ".wav";
            case "size" -> f -> Integer.toString(10_000 + f.v().pick(f.salt(h), 900_000));
            case "storage" -> f -> (1 + f.v().pick(f.salt(h), 80)) + "." + Values.zeroPadded(f.v().pick(f.salt(h) + 1, 100), 2) + " GB";
            case "q01", "q02", "q03", "q04", "q05", "q06", "q07", "q08", "q09", "q10", "csat", "fcr", "evaluation_survey" ->
                    f -> Integer.toString(1 + f.v().pick(f.salt(h), 5));
            case "average" -> f -> (1 + f.v().pick(f.salt(h), 4)) + "." + f.v().pick(f.salt(h) + 1, 10);
            case "expertise" -> f -> Integer.toString(1 + f.v().pick(f.salt(h), 10));
            case "speed" -> f -> (1 + f.v().pick(f.salt(h), 3)) + "." + f.v().pick(f.salt(h) + 1, 10);
            case "protected_nit" -> f -> "900" + f.v().digits(f.salt(h), 6);
            case "page" -> f -> "1";
            case "limit" -> f -> "50";
            case "token_limit", "available_consumption_options" -> f -> "10000";
            case "version" -> pick(k, List.of("4.2.1", "4.3.0", "4.3.2"));
            default -> null;
        };
    }

    private static Rule text(String k, int h) {
        return f -> f.fixes(k) ? TEXTS.get(f.index(k, GENERIC_POOL)) : TEXTS.get(f.v().pick(f.salt(h), TEXTS.size()));
    }

    /** One of {@code values}, as the row's entity {@code entity} (so it can be a dimension of an aggregate). */
    private static Rule pick(String entity, List<String> values) {
        return f -> values.get(f.index(entity, values.size()));
    }

    private static Map<String, List<String>> vocabularies() {
        Map<String, List<String>> words = new HashMap<>();
        List<String> results = List.of("answer", "no answer", "answer machine", "busy", "failed", "congestion", "abandon",
                "chanunavail");
        words.put("result", results);
        words.put("call_result", results);
        words.put("resultado", results);
        words.put("skill_result", List.of("ANSWER", "ABANDON"));
        words.put("status", List.of("active", "inactive"));
        words.put("agent_status", List.of("READY", "TALK", "ACW", "RING", "AUX"));
        words.put("aux_state", List.of("BREAK", "LUNCH", "TRAINING", "MEETING", "BATHROOM"));
        words.put("type_interaction", List.of("inbound", "out_pre", "outbound_ma", "internal call", "transfer",
                "conference", "internal call_inb", "internal call_que"));
        words.put("type_call", List.of("inbound", "outbound", "internal"));
        words.put("type_nlp", List.of("intent", "faq", "generative"));
        words.put("type_action", List.of("hold", "mute"));
        words.put("type_recall", List.of("agent", "campaign"));
        words.put("type_campaign", List.of("predictive", "preview", "progressive", "power"));
        words.put("dial_mode", List.of("predictive", "preview", "progressive", "power"));
        words.put("type_code", List.of("effective", "not effective", "management"));
        words.put("type_ip", List.of("permanent", "temporary"));
        words.put("type_of_row", List.of("record", "call"));
        words.put("type_error", List.of("critical", "non critical"));
        words.put("error_type", List.of("critical", "non critical"));
        words.put("type", List.of("phone", "email", "document"));
        words.put("connection_type", List.of("Ethernet", "Wifi"));
        words.put("platform", List.of("app", "web"));
        words.put("language", List.of("es-CO", "en-US", "pt-BR"));
        words.put("feeling", List.of("positive", "neutral", "negative"));
        List<String> sides = List.of("agent", "customer");
        words.put("hang_up", sides);
        words.put("hung_up", sides);
        words.put("last_participant_who_spoke", sides);
        words.put("last_sender", sides);
        words.put("gender", List.of("F", "M"));
        words.put("sexo", List.of("F", "M"));
        words.put("country", List.of("Colombia", "Mexico", "Peru"));
        words.put("pais", List.of("Colombia", "Mexico", "Peru"));
        words.put("state", List.of("Antioquia", "Cundinamarca", "Valle del Cauca"));
        words.put("departamento", List.of("Antioquia", "Cundinamarca", "Valle del Cauca"));
        words.put("city", List.of("Medellin", "Bogota", "Cali"));
        words.put("ciudad", List.of("Medellin", "Bogota", "Cali"));
        words.put("zone", List.of("Norte", "Sur", "Centro"));
        words.put("zona", List.of("Norte", "Sur", "Centro"));
        words.put("destiny", List.of("CELULAR", "FIJO", "INTERNACIONAL"));
        words.put("destinity", List.of("CELULAR", "FIJO", "INTERNACIONAL"));
        words.put("source_type", List.of("ad", "post"));
        words.put("media_type", List.of("image", "video", "text"));
        words.put("action", List.of("login", "logout", "update", "create", "delete"));
        words.put("user", List.of("admin", "supervisor.ana", "supervisor.jorge", "coordinador.luisa"));
        words.put("survey", List.of("Encuesta calidad", "Encuesta NPS", "Encuesta ventas"));
        words.put("category", List.of("Saludo", "Protocolo", "Cierre"));
        words.put("category01", List.of("Saludo", "Protocolo", "Cierre"));
        words.put("previous_category", List.of("MARKETING", "UTILITY"));
        words.put("attribute", List.of("Presentacion", "Empatia", "Despedida", "Manejo de objeciones"));
        words.put("cod_opc_menu", List.of("1", "2", "3", "4", "PULSE"));
        words.put("item", List.of("call", "sms", "email", "whatsapp"));
        words.put("parameter_format", List.of("POSITIONAL", "NAMED"));
        words.put("format", List.of("TEXT", "IMAGE"));
        List<String> templates = List.of("bienvenida", "recordatorio_pago", "confirmacion_cita", "encuesta_servicio");
        words.put("name", templates);
        words.put("template", templates);
        words.put("templatename", templates);
        words.put("plantilla", templates);
        words.put("sub_category", List.of("CUSTOM", "ORDER_STATUS"));
        return Map.copyOf(words);
    }
}
