package io.github.wolkvoxcamel.simulator;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * One row a report holds: its date (which windows select on), the event it came from (which decides its poison and
 * visibility), its place among that event's rows, and its fields in Wolkvox's order.
 */
record Row(LocalDateTime at, long event, int index, Map<String, String> fields) {
}
