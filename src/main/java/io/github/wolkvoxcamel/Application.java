package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.backfill.BackfillCommand;
import io.github.wolkvoxcamel.record.FieldPredicates;
import io.github.wolkvoxcamel.state.CoverageCommand;
import io.github.wolkvoxcamel.verify.VerifyCommand;
import org.apache.camel.main.Main;

import java.nio.file.Path;
import java.util.function.IntConsumer;


/**
 * Runs the routes in {@code routes/} with the settings in {@code config/application.properties} and the environment;
 * {@code backfill ...} fetches a past range and exits when it is delivered; {@code coverage ...} shows a day's
 * delivered windows and gaps; {@code verify ...} calls each report once and prints how its answer differs from the
 * catalog.
 */
public final class Application {

    /** Registry name of the callback that ends a backfill run. */
    static final String BACKFILL_DONE = "wolkvoxBackfillDone";
    /** Registry name of the callback that ends a verify run with its exit code. */
    static final String VERIFY_DONE = "wolkvoxVerifyDone";

    /** The application running a verify: it ends when the verify is done, with the verify's exit code. */
    private static final class VerifyMain extends Main implements IntConsumer {
        @Override
        public void accept(int code) {
            exitCode.set(code);
            completed();
        }
    }

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        int exitCode = run(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** @return the process exit code */
    public static int run(String[] args) throws Exception {
        Main main;
        try {
            if (args.length > 0 && args[0].equals("coverage")) {
                String stateDir = System.getenv().getOrDefault("STATE_DIR", "data/state");
                return CoverageCommand.run(args, Path.of(stateDir), System.out);
            }
            main = newMain(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try {
            main.run();
        } catch (Exception e) {
            System.err.println("wolkvox-camel cannot start: " + causes(e));
            return 1;
        }
        return main.getExitCode();
    }

    /** The messages of a failure and its causes, each once, in one line. */
    static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip();
            if (!text.toString().contains(message)) {
                text.append(text.length() == 0 ? "" : ": ").append(message.replaceAll("\\s*\\n\\s*", " "));
            }
        }
        return text.toString();
    }

    /** The application for these arguments, not yet running; bad arguments throw with the usage. */
    static Main newMain(String[] args) {
        if (args.length > 0 && args[0].equals("verify")) {
            VerifyMain main = new VerifyMain();
            VerifyCommand.settings(args).forEach(main::addOverrideProperty);
            main.bind(VERIFY_DONE, main);
            return main;
        }
        Main main = new Main();
        // the language named simple: Camel's, with the records routes' field tests compiled (routes/sinks.yaml); bound
        // before the context resolves its first simple expression
        main.bind("simple", new FieldPredicates());
        if (args.length > 0 && args[0].equals("backfill")) {
            BackfillCommand.settings(args).forEach(main::addOverrideProperty);
            main.bind(BACKFILL_DONE, (Runnable) main::completed);
        } else if (args.length > 0) {
            throw new IllegalArgumentException("unknown command '" + args[0] + "'; run with no arguments, or\n"
                    + BackfillCommand.USAGE + "\n" + CoverageCommand.USAGE + "\n" + VerifyCommand.USAGE);
        }
        return main;
    }
}
