package io.github.wolkvoxcamel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The main command in a JVM of its own (which a test can kill), pointed at a test environment. */
public final class ChildApp {

    private ChildApp() {
    }

    /**
     * @param jvmOptions e.g. -Xmx256m; its output goes to target/child-{name}.log
     * @param environment variables set over the test environment's (another STATE_DIR, a cluster service...)
     */
    public static Process launch(TestEnvironment env, List<String> jvmOptions, String[] args, String name,
                                 Map<String, String> environment) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, Application.class.getName()));
        command.addAll(List.of(args));
        Path log = log(name);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File("."));
        builder.environment().put("WOLKVOX_BASE_URL", env.simulator.baseUrl());
        builder.environment().put("WOLKVOX_TOKEN", TestEnvironment.TOKEN);
        builder.environment().put("FILE_SINK_DIR", env.sinkDir.toString());
        builder.environment().put("STATE_DIR", env.stateDir.toString());
        builder.environment().put("DLQ_DIR", env.deadLetterDir.getParent().toString());
        builder.environment().put("MANAGEMENT_PORT", Integer.toString(env.managementPort));
        builder.environment().putAll(environment);
        return builder.start();
    }

    public static Path log(String name) {
        return Path.of("target", "child-" + name + ".log");
    }
}
