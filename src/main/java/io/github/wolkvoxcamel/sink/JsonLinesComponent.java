package io.github.wolkvoxcamel.sink;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code jsonl:<sink>} appends each message as one JSON line to {@code <directory>/<sink>/<yyyy-MM-dd>.jsonl}, the
 * day taken from the {@code WolkvoxRecordDate} header. Lets a team add a file sink in YAML with one {@code to} step.
 */
@Component("jsonl")
public class JsonLinesComponent extends DefaultComponent {

    @Metadata(defaultValue = "data/out", description = "Root directory of the file sinks")
    private String directory = "data/out";

    private final Map<String, JsonLinesWriter> writers = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        JsonLinesEndpoint endpoint = new JsonLinesEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The writer of a root directory (the component's, or an endpoint's own). */
    JsonLinesWriter writer(String root) {
        return writers.computeIfAbsent(root == null ? directory : root, dir -> new JsonLinesWriter(Path.of(dir)));
    }

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }

    @Override
    protected void doStop() throws Exception {
        writers.values().forEach(JsonLinesWriter::close);
        writers.clear();
        super.doStop();
    }
}
