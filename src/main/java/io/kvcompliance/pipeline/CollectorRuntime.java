package io.kvcompliance.pipeline;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * camel-main with the collector's configuration and routes, started in-process: the sync and check
 * commands (and tests) run it for one sync, or just to load and validate everything.
 */
public final class CollectorRuntime implements AutoCloseable {
    /**
     * config/application.properties is required; it holds every key with its default. (A lone location
     * suffixed ;optional=false is silently dropped by camel-main 4.18, so no suffix.)
     */
    public static final String CONFIG_LOCATIONS = "file:config/application.properties";
    /**
     * Optional per-installation values. Camel takes a key from the first location that has one (the shipped
     * empty defaults would win), so these are applied as overrides; an environment variable still wins.
     */
    public static final java.nio.file.Path LOCAL_PROPERTIES = java.nio.file.Path.of("config", "local.properties");

    private final Main main;

    private CollectorRuntime(Main main) {
        this.main = main;
    }

    /** Starts Camel with every route loaded; overrides win over the files and the environment. */
    public static CollectorRuntime start(Map<String, String> overrides, boolean startRoutes) throws Exception {
        Main main = configure(overrides, startRoutes);
        main.start();
        return new CollectorRuntime(main);
    }

    /**
     * Runs the collector until the process is told to stop (SIGTERM, Ctrl-C): the schedule, the API,
     * health and metrics. A sync running then is interrupted and ends cleanly within the shutdown timeout.
     */
    public static void runUntilStopped(Map<String, String> overrides) throws Exception {
        configure(runMode(overrides), true).run();
    }

    /** Starts the run command's collector in-process (tests): as runUntilStopped, without blocking. */
    public static CollectorRuntime startRunMode(Map<String, String> overrides) throws Exception {
        return start(runMode(overrides), true);
    }

    /** The run command adds routes/run/ (schedule, API), the embedded server, health and metrics. */
    private static Map<String, String> runMode(Map<String, String> overrides) {
        Map<String, String> run = new java.util.HashMap<>(Map.of("kv.run", "true",
                "camel.main.routes-include-pattern", "file:routes/*.camel.yaml,file:routes/run/*.camel.yaml",
                "camel.server.enabled", "true", "camel.management.enabled", "true", "camel.metrics.enabled", "true"));
        run.putAll(overrides);
        return run;
    }

    private static Main configure(Map<String, String> overrides, boolean startRoutes) throws Exception {
        SecretKeys.refuseSecretsInFiles();
        Main main = new Main();
        main.setPropertyPlaceholderLocations(CONFIG_LOCATIONS);
        localProperties().forEach((key, value) -> {
            if (System.getenv(SecretKeys.envName(key)) == null) {
                main.addOverrideProperty(key, value);
            }
        });
        main.configure().addConfiguration(new CollectorConfiguration());
        main.configure().addConfiguration(new EgressEnforcement());
        overrides.forEach(main::addOverrideProperty);
        if (!startRoutes) {
            main.addOverrideProperty("camel.main.auto-startup", "false");
        }
        return main;
    }

    private static Map<String, String> localProperties() throws java.io.IOException {
        java.util.Properties p = new java.util.Properties();
        if (java.nio.file.Files.isRegularFile(LOCAL_PROPERTIES)) {
            try (var in = java.nio.file.Files.newInputStream(LOCAL_PROPERTIES)) {
                p.load(in);
            }
        }
        Map<String, String> out = new java.util.TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).trim()));
        return out;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** The bean every sync starts through. */
    public SyncControl control() {
        return context().getRegistry().lookupByNameAndType("syncControl", SyncControl.class);
    }

    /** Runs one complete sync and returns its state (records written, coverage, status). */
    public SyncRun sync() {
        return control().runNow("command")
                .orElseThrow(() -> new IllegalStateException("a sync is already running in this process"));
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
