package io.github.wolkvoxcamel;

import org.apache.camel.main.Main;

/** Runs the routes in {@code routes/} with the settings in {@code config/application.properties} and the environment. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        int exitCode = main.run(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
