package io.github.wolkvoxcamel.sink;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ShippedSinkStepsTest {

    @Test
    void onlyTheShippedSinkWithItsOwnOptionsIsMadeSteps() {
        assertEquals(Map.of("sink", "diagram_1"), ShippedSinkSteps.shippedSink("kamelet:wolkvox-sink?sink=diagram_1"));
        assertEquals(Map.of("sink", "a", "topic", "t.a"), ShippedSinkSteps.shippedSink("kamelet://wolkvox-sink?topic=t.a&sink=a"));
        // through a placeholder, with an option it does not know, encoded, twice, or without its sink: the Kamelet
        assertNull(ShippedSinkSteps.shippedSink("kamelet:wolkvox-sink?sink={{api}}"));
        assertNull(ShippedSinkSteps.shippedSink("kamelet:wolkvox-sink?sink=a&bridgeErrorHandler=true"));
        assertNull(ShippedSinkSteps.shippedSink("kamelet:wolkvox-sink?sink=a%2Fb"));
        assertNull(ShippedSinkSteps.shippedSink("kamelet:wolkvox-sink?sink=a&sink=b"));
        assertNull(ShippedSinkSteps.shippedSink("kamelet:wolkvox-sink?topic=t"));
        assertNull(ShippedSinkSteps.shippedSink("kamelet:wolkvox-sink"));
        assertNull(ShippedSinkSteps.shippedSink("kamelet:other-sink?sink=a"));
        assertNull(ShippedSinkSteps.shippedSink("direct:records-diagram_1"));
    }

    @Test
    void aReportRoutesDefaultSinkIsFoundThroughItsTemplatesParameters() {
        Map<String, Object> parameters = Map.of("api", "skills_detail", "records", "kamelet:wolkvox-sink?sink={{api}}");
        assertEquals(Map.of("sink", "skills_detail"),
                ShippedSinkSteps.shippedSink(ShippedSinkSteps.withParameters("{{records}}", parameters)));
        // a property of the application's, not the template's, leaves it the Kamelet
        assertNull(ShippedSinkSteps.shippedSink(ShippedSinkSteps.withParameters("kamelet:wolkvox-sink?sink={{my.sink}}",
                parameters)));
    }
}
