package io.kvcompliance;

import io.kvcompliance.pipeline.CollectorRuntime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}, the default command: the long-running collector (schedule, API, health, metrics). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs until stopped (SIGTERM, Ctrl-C): syncs on kv.schedule.cron, on demand with POST /sync,",
                "and answers GET /sync/{id}, /observe/health and /observe/metrics on camel.server.host:camel.server.port.",
                "A sync running at shutdown is interrupted: what it read is delivered, nothing is tombstoned."})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", description = "Port of the embedded server (camel.server.port).")
    Integer port;
    @Option(names = "--host", paramLabel = "HOST",
            description = "Address the embedded server binds (camel.server.host; anything but loopback needs KV_SERVER_API_KEY).")
    String host;

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new HashMap<>();
        // the API and /observe share one server: the management keys follow the server's
        if (port != null) {
            overrides.put("camel.server.port", port.toString());
            overrides.put("camel.management.port", port.toString());
        }
        if (host != null) {
            overrides.put("camel.server.host", host);
            overrides.put("camel.management.host", host);
        }
        CollectorRuntime.runUntilStopped(overrides);
        return 0;
    }
}
