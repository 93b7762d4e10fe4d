package io.github.wolkvoxcamel.wolkvox;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The report route's split aggregation: tells the window's {@link WindowRecords} what became of each record's exchange
 * (delivered, duplicate, failed) and leaves the window's exchange as it was, so one failed record does not fail the
 * split; the step after it decides (see {@link ReportPoller#recordsSent}).
 */
public final class RecordOutcomes implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange, Exchange window) {
        // the record's exchange was made from the one the window's pass was set on
        ReportPoller.tick(newExchange).records.completed(newExchange);
        return window;
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        throw new UnsupportedOperationException("the split hands the window's exchange to aggregate");
    }
}
