package io.github.wolkvoxcamel.simulator;

import io.github.wolkvoxcamel.wolkvox.WolkvoxTime;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five reference reports with the exact field names of Wolkvox's documentation (typos such as {@code screecbox}
 * and Spanish {@code cantidad} included) and every value a string.
 */
final class ReportCatalog {

    private static final List<String> RESULTS =
            List.of("answer", "no answer", "answer machine", "busy", "failed", "congestion", "abandon", "chanunavail");

    private final Map<String, SimulatedReport> reports = new HashMap<>();

    /**
     * @param spacingMs mean time between events per api; a missing api gets its default density
     * @param padding extra characters per record of an api, in its last free-text field
     */
    ReportCatalog(long seed, Map<String, Long> spacingMs, Map<String, Integer> padding) {
        add(new DetailReport("reports_manager", "diagram_1", false, true, List.of(),
                spacingMs.getOrDefault("diagram_1", 20_000L), seed, padded(ReportCatalog::ivrCall, "rp_name", padding.get("diagram_1"))));
        add(new DetailReport("reports_manager", "diagram_3", false, true, List.of(),
                spacingMs.getOrDefault("diagram_3", 90_000L), seed, ReportCatalog::smartWait));
        add(new MachineCodeReport(spacingMs.getOrDefault("campaign_10", 3_000L), seed));
        add(new DetailReport("real_time", "calls_last_10", false, false, List.of(),
                spacingMs.getOrDefault("calls_last_10", 15_000L), seed, ReportCatalog::recentCall));
        add(new DetailReport("customer", "agents_detail", false, true, List.of(),
                spacingMs.getOrDefault("agents_detail", 30_000L), seed,
                padded(ReportCatalog::agentDetail, "comment", padding.get("agents_detail"))));
    }

    /** The maker, with {@code characters} more in {@code field} of every record (none when null). */
    private static DetailReport.RecordMaker padded(DetailReport.RecordMaker maker, String field, Integer characters) {
        if (characters == null || characters == 0) {
            return maker;
        }
        String filler = " lorem ipsum dolor sit amet".repeat(characters / 27 + 1).substring(0, characters);
        return (i, at, values) -> {
            Map<String, String> record = maker.make(i, at, values);
            record.put(field, record.get(field) + filler);
            return record;
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

    private static Map<String, String> ivrCall(long i, LocalDateTime at, Values v) {
        int flow = v.pick(1, 3);
        Map<String, String> r = new LinkedHashMap<>();
        r.put("rp_id", List.of("4628", "4630", "5102").get(flow));
        r.put("rp_name", List.of("IVR Principal", "IVR Cobranzas", "IVR Soporte").get(flow));
        r.put("cod_opc_menu", v.pick(2, List.of("1", "2", "3", "4", "PULSE")));
        r.put("dn_transfer", "500" + v.pick(3, 10));
        r.put("date", date(at));
        r.put("result", v.pick(4, 4) == 0 ? "hung up" : "ok");
        r.put("ani", v.uniqueDigits("310", 7));
        r.put("time", Values.clock(5 + v.pick(5, 300)));
        r.put("customer_id", "10" + v.digits(6, 8));
        r.put("conn_id", v.connId("4071." + r.get("rp_id"), at));
        return r;
    }

    private static Map<String, String> smartWait(long i, LocalDateTime at, Values v) {
        int wait = 30 + v.pick(1, 900);
        int talk = 20 + v.pick(2, 600);
        Map<String, String> r = new LinkedHashMap<>();
        r.put("skill_id", "500" + v.pick(3, 5));
        r.put("date_inbound_call", date(at));
        r.put("date_last_outbound_call", date(at.plusSeconds(wait)));
        r.put("status", v.pick(4, List.of("YES", "NO", "OK", "NO USER", "STOP NEW", "FAIL")));
        r.put("attempts", Integer.toString(1 + v.pick(5, 3)));
        r.put("ani", v.uniqueDigits("604", 7));
        r.put("dial_phone", "31" + v.digits(6, 8));
        r.put("time_between_calls", Values.clock(wait));
        r.put("time", Values.clock(talk));
        r.put("billed_minutes", Values.clock((talk + 59) / 60 * 60));
        r.put("customer_id", "10" + v.digits(7, 8));
        return r;
    }

    private static Map<String, String> recentCall(long i, LocalDateTime at, Values v) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("type_interaction", v.pick(1, List.of("inbound", "out_pre", "outbound_ma", "internal call", "transfer",
                "conference", "internal call_inb", "internal call_que")));
        r.put("result", v.pick(2, RESULTS));
        r.put("date", date(at));
        r.put("telephone", v.uniqueDigits("315", 7));
        r.put("customer_id", "10" + v.digits(3, 8));
        r.put("conn_id", v.connId("6511.0724", at));
        return r;
    }

    private static Map<String, String> agentDetail(long i, LocalDateTime at, Values v) {
        int agent = v.pick(1, 12);
        String type = v.pick(2, List.of("inbound", "inbound", "outbound", "internal"));
        int duration = 15 + v.pick(3, 900);
        Map<String, String> r = new LinkedHashMap<>();
        r.put("operation", "demo_operation");
        r.put("conn_id", v.connId(Integer.toString(12_460 + agent), at));
        r.put("type_call", type);
        r.put("date", date(at));
        r.put("agent_id", Integer.toString(12_460 + agent));
        r.put("agent_name", List.of("COM-ANA GOMEZ", "COM-CAMILO PATINO", "COM-LUISA RIOS", "COM-JUAN PEREZ",
                "COM-MARIA TORRES", "COM-ANDRES DIAZ", "SAC-LAURA MEJIA", "SAC-PEDRO RUIZ", "SAC-SOFIA CANO",
                "SAC-DIEGO VEGA", "COB-ELENA MORA", "COB-JORGE SOTO").get(agent));
        r.put("skill", "500" + v.pick(4, 5));
        r.put("duration", Integer.toString(duration));
        r.put("cod_act", v.pick(5, List.of("VENTA", "NO_INTERESADO", "VOLVER_A_LLAMAR", "TIMEOUTACW", "INFO")));
        r.put("cod_act_2", v.pick(6, List.of("", "", "PLAN_A", "PLAN_B")));
        r.put("telephone", v.uniqueDigits("300", 7));
        r.put("hung_up", v.pick(7, 2) == 0 ? "agent" : "customer");
        r.put("comment", v.pick(8, List.of("", "Cliente acepta oferta", "Solicita llamada posterior", "Consulta de saldo")));
        r.put("screecbox", v.pick(9, 5) == 0 ? "yes" : "no");
        r.put("agent_status", v.pick(10, List.of("TALK", "ACW", "READY")));
        r.put("customer_id", "10" + v.digits(12, 8));
        r.put("destiny", v.pick(13, List.of("CELULAR", "FIJO", "INTERNACIONAL")));
        r.put("time", Values.clock(duration + v.pick(14, 60)));
        r.put("campaign_id", type.equals("outbound") ? v.pick(15, MachineCodeReport.CAMPAIGNS) : "");
        return r;
    }
}
