package io.github.wolkvoxcamel.simulator;

import io.github.wolkvoxcamel.catalog.CatalogEntry;

import java.util.Set;

/**
 * The body {@code code} each catalogued api answers with, going by the example answers of Wolkvox's collection
 * (wolkvox-api-spec.md, Appendix A, last column): most write the int {@code 200}, the ones listed here the string
 * {@code "200"}; {@code information.php?api=activity_codes} writes {@code "0"}. An example whose code is blank
 * ({@code ""} or {@code " "}, a quirk the catalog records) is a placeholder of whoever wrote it: the real api answers
 * success there too, as the string {@code "200"} the placeholder stands for.
 */
final class AnswerCodes {

    private static final String INT_200 = "200";
    private static final String STRING_200 = "\"200\"";

    /** {@code group/api} of the examples that write {@code "200"}. */
    private static final Set<String> STRING_CODE = Set.of(
            "reports_manager/agent_13_1", "reports_manager/agent_15", "reports_manager/agent_16",
            "reports_manager/cdr_10", "reports_manager/cdr_11", "reports_manager/campaign_10",
            "reports_manager/diagram_13", "reports_manager/diagram_14", "reports_manager/diagram_15",
            "reports_manager/chat_12", "reports_manager/chat_13", "reports_manager/chat_14", "reports_manager/chat_15",
            "reports_manager/chat_16", "reports_manager/skill_2", "reports_manager/speech_2", "reports_manager/speech_3",
            "reports_manager/speech_4", "reports_manager/wizard_1", "reports_manager/wizard_2",
            "reports_manager/wizard_3", "real_time/chats", "real_time/interactions", "real_time/recall",
            "information/services", "information/agents_in_skill", "information/token_info", "information/get_dnc",
            "information/law2300_info", "information/get_ip", "information/get_notification", "information/storage",
            "information/audio_list", "billing/stereo_rec", "billing/nlp_ai", "gamification/agents_kpi",
            "quality/quality_matrix", "speech_analytics/speech_calls", "campaign/detail", "campaign/find_record",
            "campaign/campaign_15", "whatsapp/list_templates", "whatsapp/agent_chat");

    private AnswerCodes() {
    }

    /** The code as JSON: {@code 200}, {@code "200"} or {@code "0"}. */
    static String of(CatalogEntry entry) {
        for (String quirk : entry.quirks()) {
            if (quirk.startsWith("example code is blank")) {
                return STRING_200;
            }
            if (quirk.startsWith("example code is \"0\"")) {
                return "\"0\"";
            }
        }
        return STRING_CODE.contains(entry.group() + "/" + entry.api()) ? STRING_200 : INT_200;
    }
}
