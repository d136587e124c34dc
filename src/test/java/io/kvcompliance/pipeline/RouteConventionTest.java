package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvcompliance.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.Route;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes' contract, checked the way the kamelets validator checks its catalogue: every {{key}} is
 * configured and every kv.* key is used, route ids are unique kebab-case names equal to their
 * direct: endpoint, every direct: target exists, and every route file loads.
 */
class RouteConventionTest {
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}?:]+)}}");
    static final Pattern ROUTE_ID = Pattern.compile("- route:\\s+id: (\\S+)");
    static final Pattern FROM = Pattern.compile("uri: direct:(\\S+)");
    static final Pattern DIRECT_TARGET = Pattern.compile("- to: direct:(\\S+)");
    static final Pattern ITEM_ROUTE = Pattern.compile("name: kvItemRoute\\s+constant: (\\S+)");
    static String routes;
    static Properties config = new Properties();

    @BeforeAll
    static void read() throws IOException {
        StringBuilder all = new StringBuilder();
        // routes/ and routes/run/ (loaded by the run command only)
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                assertThat(f.getFileName().toString()).endsWith(".camel.yaml");
                all.append(Files.readString(f)).append('\n');
            }
        }
        routes = all.toString();
        try (var in = Files.newInputStream(Path.of("config", "application.properties"))) {
            config.load(in);
        }
    }

    @Test
    void everyPlaceholderInTheRoutesIsConfigured() {
        Matcher m = PLACEHOLDER.matcher(routes);
        while (m.find()) {
            assertThat(config).as("{{" + m.group(1) + "}} in routes/ must be in config/application.properties")
                    .containsKey(m.group(1));
        }
    }

    @Test
    void everyConfiguredKvKeyIsUsedByARouteOrTheCode() throws IOException {
        StringBuilder code = new StringBuilder(routes);
        try (Stream<Path> java = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : java.filter(p -> p.toString().endsWith(".java")).toList()) {
                code.append(Files.readString(f));
            }
        }
        for (String key : config.stringPropertyNames()) {
            if (key.startsWith("kv.")) {
                assertThat(code.toString().contains("\"" + key + "\"") || code.toString().contains("{{" + key + "}}"))
                        .as(key + " is configured but nothing reads it").isTrue();
            }
        }
    }

    @Test
    void routeIdsAreUniqueKebabCaseAndEqualTheirDirectName() {
        List<String> ids = all(ROUTE_ID, routes);
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"));
        String[] definitions = routes.split("- route:");
        // a route fed by direct: is named after it; the schedule and the API (quartz:, platform-http:) are not
        assertThat(java.util.Arrays.copyOfRange(definitions, 1, definitions.length)).allSatisfy(r -> {
            assertThat(r).contains("description: ");
            List<String> from = all(FROM, r);
            if (!from.isEmpty()) {
                assertThat(from).containsExactlyElementsOf(all(ROUTE_ID, "- route:" + r));
            }
        });
    }

    @Test
    void everyDirectTargetExists() {
        Set<String> ids = new TreeSet<>(all(ROUTE_ID, routes));
        assertThat(all(DIRECT_TARGET, routes)).allMatch(ids::contains);
        assertThat(all(ITEM_ROUTE, routes)).as("kvItemRoute names a route").allMatch(ids::contains);
    }

    @Test
    void everyRouteFileLoadsWithTheConfiguration(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            Map<String, String> props = new java.util.HashMap<>(SyncHarness.properties(sandbox, work));
            List<String> loaded = new ArrayList<>();
            try (CollectorRuntime runtime = CollectorRuntime.start(props, false)) {
                runtime.context().getRoutes().forEach(r -> loaded.add(r.getRouteId()));
            }
            // the run command's routes (routes/run/) load with its server on a free port, its schedule idle
            String port = String.valueOf(SyncHarness.freePort());
            props.put("camel.server.port", port);
            props.put("camel.management.port", port);
            props.put("kv.schedule.cron", "0 0 0 1 1 ? 2099");
            try (CollectorRuntime runtime = CollectorRuntime.startRunMode(props)) {
                runtime.context().getRoutes().stream().map(Route::getRouteId).filter(id -> !loaded.contains(id))
                        .forEach(loaded::add);
            }
            assertThat(loaded).containsExactlyInAnyOrderElementsOf(all(ROUTE_ID, routes));
            assertThat(sandbox.metrics().totalRequests()).as("check calls nothing").isZero();
        }
    }

    private static List<String> all(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1).replace("\"", ""));
        }
        return out;
    }
}
