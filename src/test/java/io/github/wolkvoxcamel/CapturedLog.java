package io.github.wolkvoxcamel;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Every log line (with stack traces) written while it is attached, as an operator would read them. */
public final class CapturedLog extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();

    private CapturedLog() {
        super("captured-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
    }

    public static CapturedLog attach() {
        CapturedLog log = new CapturedLog();
        log.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(log, null, null);
        context.updateLoggers();
        return log;
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " - "
                + event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        synchronized (lines) {
            lines.add(line.toString());
        }
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public List<String> linesContaining(String text) {
        return lines().stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
