package io.github.wolkvoxcamel.sink;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code jsonl:<sink>} appends each message as one JSON line to {@code <directory>/<sink>/<yyyy-MM-dd>.jsonl}, the
 * day taken from the {@code WolkvoxRecordDate} header. Lets a team add a file sink in YAML with one {@code to} step.
 */
@Component("jsonl")
public class JsonLinesComponent extends DefaultComponent {

    @Metadata(defaultValue = "data/out", description = "Root directory of the file sinks")
    private String directory = "data/out";

    private final Map<String, AtomicLong> linesWritten = new ConcurrentHashMap<>();
    private JsonLinesWriter writer;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        JsonLinesEndpoint endpoint = new JsonLinesEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    synchronized JsonLinesWriter writer() {
        if (writer == null) {
            writer = new JsonLinesWriter(Path.of(directory));
        }
        return writer;
    }

    void written(String sink) {
        linesWritten.computeIfAbsent(sink, s -> new AtomicLong()).incrementAndGet();
    }

    /** Lines written per sink since start. */
    public long linesWritten(String sink) {
        AtomicLong count = linesWritten.get(sink);
        return count == null ? 0 : count.get();
    }

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        super.doStop();
    }
}
