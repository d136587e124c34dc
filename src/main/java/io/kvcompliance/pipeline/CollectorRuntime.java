package io.kvcompliance.pipeline;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * camel-main with the collector's configuration and routes, started in-process: the sync and check
 * commands (and tests) run it for one sync, or just to load and validate everything.
 */
public final class CollectorRuntime implements AutoCloseable {
    /** config/application.properties is required; config/local.properties overrides it when present. */
    public static final String CONFIG_LOCATIONS =
            "file:config/application.properties;optional=false,file:config/local.properties;optional=true";

    private final Main main;

    private CollectorRuntime(Main main) {
        this.main = main;
    }

    /** Starts Camel with every route loaded; overrides win over the files and the environment. */
    public static CollectorRuntime start(Map<String, String> overrides, boolean startRoutes) throws Exception {
        SecretKeys.refuseSecretsInFiles();
        Main main = new Main();
        main.setPropertyPlaceholderLocations(CONFIG_LOCATIONS);
        main.configure().addConfiguration(new CollectorConfiguration());
        main.configure().addConfiguration(new EgressEnforcement());
        overrides.forEach(main::addOverrideProperty);
        if (!startRoutes) {
            main.addOverrideProperty("camel.main.auto-startup", "false");
        }
        main.start();
        return new CollectorRuntime(main);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** Runs one complete sync and returns its state (records written, coverage, status). */
    public SyncRun sync() {
        try (ProducerTemplate template = context().createProducerTemplate()) {
            return template.requestBody("direct:sync", null, SyncRun.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
