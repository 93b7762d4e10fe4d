package io.github.wolkvoxcamel.simulator;

import io.github.wolkvoxcamel.catalog.CatalogEntry;
import io.github.wolkvoxcamel.catalog.WolkvoxCatalog;
import io.github.wolkvoxcamel.time.WolkvoxTime;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The five reference reports with the exact field names of Wolkvox's documentation (typos such as {@code screecbox}
 * and Spanish {@code cantidad} included) and every value a string. With {@link Hardness} a call may leave a second
 * row (a further IVR step, a second agent after a transfer), a smart-wait row shows its provisional state until it
 * settles, and some rows have an empty call id. Every other api of {@link WolkvoxCatalog} is a {@link CatalogReport}
 * made from its entry (the hand-written five win).
 */
final class ReportCatalog {

    private static final List<String> RESULTS =
            List.of("answer", "no answer", "answer machine", "busy", "failed", "congestion", "abandon", "chanunavail");
    private static final List<String> AGENTS = List.of("COM-ANA GOMEZ", "COM-CAMILO PATINO", "COM-LUISA RIOS",
            "COM-JUAN PEREZ", "COM-MARIA TORRES", "COM-ANDRES DIAZ", "SAC-LAURA MEJIA", "SAC-PEDRO RUIZ", "SAC-SOFIA CANO",
            "SAC-DIEGO VEGA", "COB-ELENA MORA", "COB-JORGE SOTO");
    private static final List<String> ROUTING_POINTS = List.of("4628", "4630", "5102");
    private static final List<String> ROUTING_POINT_NAMES = List.of("IVR Principal", "IVR Cobranzas", "IVR Soporte");

    private final Map<String, SimulatedReport> reports = new HashMap<>();

    /**
     * @param spacingMs mean time between events per api; a missing api gets its default density
     * @param padding extra characters per record of an api, in its last free-text field
     * @param listRevision how often configuration lists were edited since start
     */
    ReportCatalog(long seed, Map<String, Long> spacingMs, Map<String, Integer> padding, Hardness hard,
                  IntSupplier listRevision) {
        add(new DetailReport("reports_manager", "diagram_1", false, true, List.of(),
                spacingMs.getOrDefault("diagram_1", 20_000L), seed, hard, padded(ReportCatalog::ivrCall, "rp_name", padding.get("diagram_1"))));
        add(new DetailReport("reports_manager", "diagram_3", false, true, List.of(),
                spacingMs.getOrDefault("diagram_3", 90_000L), seed, hard, ReportCatalog::smartWait));
        add(new MachineCodeReport(spacingMs.getOrDefault("campaign_10", 3_000L), seed, hard));
        add(new DetailReport("real_time", "calls_last_10", false, false, List.of(),
                spacingMs.getOrDefault("calls_last_10", 15_000L), seed, hard, ReportCatalog::recentCall));
        add(new DetailReport("customer", "agents_detail", false, true, List.of(),
                spacingMs.getOrDefault("agents_detail", 30_000L), seed, hard,
                padded(ReportCatalog::agentDetail, "comment", padding.get("agents_detail"))));
        // every other api of the catalog, from its entry
        for (CatalogEntry entry : WolkvoxCatalog.shipped().entries()) {
            if (find(entry.group(), entry.api()) == null) {
                add(new CatalogReport(entry, seed, spacingMs.get(entry.api()), listRevision));
            }
        }
    }

    /** The maker, with {@code characters} more in {@code field} of every record (none when null). */
    private static DetailReport.RecordMaker padded(DetailReport.RecordMaker maker, String field, Integer characters) {
        if (characters == null || characters == 0) {
            return maker;
        }
        String filler = " lorem ipsum dolor sit amet".repeat(characters / 27 + 1).substring(0, characters);
        return (i, at, values, hard, now) -> {
            List<Row> rows = maker.make(i, at, values, hard, now);
            rows.forEach(row -> row.fields().put(field, row.fields().get(field) + filler));
            return rows;
        };
    }

    private void add(SimulatedReport report) {
        reports.put(report.group() + "/" + report.api(), report);
    }

    /** @return the report, or null when the group has no such api */
    SimulatedReport find(String group, String api) {
        return reports.get(group + "/" + api);
    }

    private static String date(LocalDateTime at) {
        return WolkvoxTime.RECORD_FORMAT.format(at);
    }

    private static String callId(String prefix, long i, LocalDateTime at, Values v, Hardness hard) {
        return hard.emptyKey(i) ? "" : v.connId(prefix, at);
    }

    /** One row per IVR leg; in hard mode a third of the calls go on to a second routing point, with the same call id. */
    private static List<Row> ivrCall(long i, LocalDateTime at, Values v, Hardness hard, LocalDateTime now) {
        int flow = v.pick(1, 3);
        boolean secondStep = hard.siblingRows() && v.pick(20, 3) == 0;
        Map<String, String> r = new LinkedHashMap<>();
        r.put("rp_id", ROUTING_POINTS.get(flow));
        r.put("rp_name", ROUTING_POINT_NAMES.get(flow));
        r.put("cod_opc_menu", v.pick(2, List.of("1", "2", "3", "4", "PULSE")));
        r.put("dn_transfer", "500" + v.pick(3, 10));
        r.put("date", date(at));
        r.put("result", !secondStep && v.pick(4, 4) == 0 ? "hung up" : "ok");
        r.put("ani", v.uniqueDigits("310", 7));
        r.put("time", Values.clock(5 + v.pick(5, 300)));
        r.put("customer_id", "10" + v.digits(6, 8));
        r.put("conn_id", callId("4071." + r.get("rp_id"), i, at, v, hard));
        if (!secondStep) {
            return List.of(new Row(at, i, 0, r));
        }
        int nextFlow = (flow + 1 + v.pick(21, 2)) % 3;
        LocalDateTime nextAt = at.plusSeconds(5 + v.pick(22, 55));
        Map<String, String> next = new LinkedHashMap<>();
        next.put("rp_id", ROUTING_POINTS.get(nextFlow));
        next.put("rp_name", ROUTING_POINT_NAMES.get(nextFlow));
        next.put("cod_opc_menu", v.pick(23, List.of("1", "2", "3", "PULSE")));
        next.put("dn_transfer", "500" + v.pick(24, 10));
        next.put("date", date(nextAt));
        next.put("result", v.pick(25, 4) == 0 ? "hung up" : "ok");
        next.put("ani", r.get("ani"));
        next.put("time", Values.clock(5 + v.pick(26, 200)));
        next.put("customer_id", r.get("customer_id"));
        next.put("conn_id", r.get("conn_id"));
        return List.of(new Row(at, i, 0, r), new Row(nextAt, i, 1, next));
    }

    /**
     * A smart-wait row: in hard mode it first shows the callback as accepted and not yet made ({@code YES}, no
     * attempts) and only after the callback its final status, as Wolkvox's {@code status} is the current state.
     */
    private static List<Row> smartWait(long i, LocalDateTime at, Values v, Hardness hard, LocalDateTime now) {
        int wait = hard.changeWithin() == null ? 30 + v.pick(1, 900) : 1 + v.pick(1, (int) hard.changeWithin().toSeconds());
        int talk = 20 + v.pick(2, 600);
        boolean settled = hard.settled(at, wait, now);
        Map<String, String> r = new LinkedHashMap<>();
        r.put("skill_id", "500" + v.pick(3, 5));
        r.put("date_inbound_call", date(at));
        r.put("date_last_outbound_call", settled ? date(at.plusSeconds(wait)) : "");
        r.put("status", settled ? v.pick(4, List.of("YES", "NO", "OK", "NO USER", "STOP NEW", "FAIL")) : "YES");
        r.put("attempts", settled ? Integer.toString(1 + v.pick(5, 3)) : "0");
        r.put("ani", v.uniqueDigits("604", 7));
        r.put("dial_phone", "31" + v.digits(6, 8));
        r.put("time_between_calls", Values.clock(settled ? wait : 0));
        r.put("time", Values.clock(settled ? talk : 0));
        r.put("billed_minutes", Values.clock(settled ? (talk + 59) / 60 * 60 : 0));
        r.put("customer_id", "10" + v.digits(7, 8));
        return List.of(new Row(at, i, 0, r));
    }

    private static List<Row> recentCall(long i, LocalDateTime at, Values v, Hardness hard, LocalDateTime now) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("type_interaction", v.pick(1, List.of("inbound", "out_pre", "outbound_ma", "internal call", "transfer",
                "conference", "internal call_inb", "internal call_que")));
        r.put("result", v.pick(2, RESULTS));
        r.put("date", date(at));
        r.put("telephone", v.uniqueDigits("315", 7));
        r.put("customer_id", "10" + v.digits(3, 8));
        r.put("conn_id", callId("6511.0724", i, at, v, hard));
        return List.of(new Row(at, i, 0, r));
    }

    /** One row per agent leg; in hard mode a fifth of the inbound calls are transferred to a second agent. */
    private static List<Row> agentDetail(long i, LocalDateTime at, Values v, Hardness hard, LocalDateTime now) {
        int agent = v.pick(1, 12);
        String type = v.pick(2, List.of("inbound", "inbound", "outbound", "internal"));
        int duration = 15 + v.pick(3, 900);
        String connId = callId(Integer.toString(12_460 + agent), i, at, v, hard);
        Map<String, String> first = agentLeg(v, at, agent, type, duration, connId, 0);
        if (!hard.siblingRows() || !type.equals("inbound") || v.pick(21, 5) != 0) {
            return List.of(new Row(at, i, 0, first));
        }
        int nextAgent = (agent + 1 + v.pick(22, 11)) % 12;
        LocalDateTime nextAt = at.plusSeconds(duration);
        Map<String, String> second = agentLeg(v, nextAt, nextAgent, type, 15 + v.pick(23, 600), connId, 40);
        second.put("customer_id", first.get("customer_id"));
        second.put("telephone", first.get("telephone"));
        return List.of(new Row(at, i, 0, first), new Row(nextAt, i, 1, second));
    }

    private static Map<String, String> agentLeg(Values v, LocalDateTime at, int agent, String type, int duration,
                                                String connId, int salt) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("operation", "demo_operation");
        r.put("conn_id", connId);
        r.put("type_call", type);
        r.put("date", date(at));
        r.put("agent_id", Integer.toString(12_460 + agent));
        r.put("agent_name", AGENTS.get(agent));
        r.put("skill", "500" + v.pick(4 + salt, 5));
        r.put("duration", Integer.toString(duration));
        r.put("cod_act", v.pick(5 + salt, List.of("VENTA", "NO_INTERESADO", "VOLVER_A_LLAMAR", "TIMEOUTACW", "INFO")));
        r.put("cod_act_2", v.pick(6 + salt, List.of("", "", "PLAN_A", "PLAN_B")));
        r.put("telephone", v.uniqueDigits("300", 7));
        r.put("hung_up", v.pick(7 + salt, 2) == 0 ? "agent" : "customer");
        r.put("comment", v.pick(8 + salt, List.of("", "Cliente acepta oferta", "Solicita llamada posterior", "Consulta de saldo")));
        r.put("screecbox", v.pick(9 + salt, 5) == 0 ? "yes" : "no");
        r.put("agent_status", v.pick(10 + salt, List.of("TALK", "ACW", "READY")));
        r.put("customer_id", "10" + v.digits(12 + salt, 8));
        r.put("destiny", v.pick(13 + salt, List.of("CELULAR", "FIJO", "INTERNACIONAL")));
        r.put("time", Values.clock(duration + v.pick(14 + salt, 60)));
        r.put("campaign_id", type.equals("outbound") ? v.pick(15 + salt, MachineCodeReport.CAMPAIGNS) : "");
        return r;
    }
}
