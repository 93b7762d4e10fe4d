package io.github.wolkvoxcamel;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The application running in this JVM on a thread of its own, as the main command runs it; closing stops it. */
public final class RunningApp implements AutoCloseable {

    private final Main main;
    private final Thread thread;

    private RunningApp(Main main) {
        this.main = main;
        this.thread = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "running-app");
    }

    public static RunningApp start(String... args) {
        RunningApp app = new RunningApp(Application.newMain(args));
        app.thread.start();
        return app;
    }

    /** The application's Camel context, once it started. */
    public CamelContext context() {
        return main.getCamelContext();
    }

    /** Waits for the application to end by itself (a backfill that completed). */
    public int awaitExit(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException("the application did not end within " + timeout);
        }
        return main.getExitCode();
    }

    @Override
    public void close() {
        main.completed();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
