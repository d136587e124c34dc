package io.kvcompliance;

import io.kvcompliance.pipeline.CollectorRuntime;
import io.kvcompliance.pipeline.Deliveries;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.Route;
import picocli.CommandLine.Command;

/** {@code check}: validates the configuration and loads every route without calling Azure. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validates config/application.properties (and local.properties, and the environment), loads every"
                + " route without starting them or calling Azure, migrates the record store's schema and lists the"
                + " destinations with what waits in their spools. Exit 0 when all is well, 2 with the cause and the fix.")
public final class CheckCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        try (CollectorRuntime runtime = CollectorRuntime.start(Map.of(), false)) {
            var routes = runtime.context().getRoutes();
            System.out.println("configuration OK; " + routes.size() + " routes loaded:");
            for (Route route : routes) {
                System.out.println("  " + route.getRouteId() + "  (" + route.getSourceLocationShort() + ")");
            }
            System.out.println("cloud: " + runtime.context().getRegistry().lookupByName("cloud"));
            System.out.println("delivery:");
            runtime.context().getRegistry().lookupByNameAndType("deliveries", Deliveries.class).describe()
                    .forEach(line -> System.out.println("  " + line));
        }
        return 0;
    }
}
