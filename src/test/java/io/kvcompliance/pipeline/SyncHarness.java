package io.kvcompliance.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvcompliance.delivery.TestDatabase;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.SandboxProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs the real collector (camel-main, the YAML routes, msal4j, camel-http over HTTPS) against a
 * sandbox and reads back the NDJSON it wrote. Test-only glue, no mocks.
 */
final class SyncHarness {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One finished sync: its state and every record it delivered. */
    record Result(SyncRun sync, List<JsonNode> records) {
        /** Record ids of the Azure objects (not coverage, not the summary). */
        java.util.Set<String> objectIds() {
            return records.stream().filter(r -> !List.of("coverage", "syncSummary").contains(r.get("type").asText()))
                    .map(r -> r.get("recordId").asText()).collect(java.util.stream.Collectors.toSet());
        }

        List<JsonNode> ofType(String type) {
            return records.stream().filter(r -> r.get("type").asText().equals(type)).toList();
        }

        List<JsonNode> where(String type, Predicate<JsonNode> filter) {
            return ofType(type).stream().filter(filter).toList();
        }

        /** The coverage record of one vault (by name) or subscription (vault null) and object type. */
        JsonNode coverage(String vault, String objectType) {
            List<JsonNode> found = ofType("coverage").stream()
                    .filter(r -> vault == null ? r.get("vault").isNull() : vault.equalsIgnoreCase(r.path("vault").asText()))
                    .filter(r -> r.at("/attributes/objectType").asText().equals(objectType)).toList();
            if (found.size() != 1) {
                throw new AssertionError(found.size() + " coverage records for " + vault + "/" + objectType
                        + "; every partition must be reported exactly once");
            }
            return found.get(0);
        }
    }

    private SyncHarness() {
    }

    /** Collector properties for a sandbox, with the NDJSON output and the database under the test's own dir. */
    static Map<String, String> properties(Sandbox sandbox, Path workDir) {
        Map<String, String> props = new HashMap<>(SandboxProfile.collectorProperties(sandbox, workDir.resolve("trust")));
        props.put("kv.delivery.ndjson.directory", workDir.resolve("out").toString());
        // each test its own database: tests never share ./data
        props.put("kv.delivery.database.url", TestDatabase.h2(workDir).url());
        props.put("kv.delivery.spool.directory", workDir.resolve("spool").toString());
        return props;
    }

    static Result sync(Sandbox sandbox, Path workDir, Map<String, String> extra) throws Exception {
        Map<String, String> props = properties(sandbox, workDir);
        props.putAll(extra);
        return sync(props);
    }

    /** One sync with exactly these collector properties. */
    static Result sync(Map<String, String> props) throws Exception {
        SyncRun sync;
        try (CollectorRuntime runtime = CollectorRuntime.start(props, true)) {
            sync = runtime.sync();
        }
        return new Result(sync, read(sync.figures().output()));
    }

    /** A loopback port free right now (for the run command's server, or a child process's). */
    static int freePort() throws IOException {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (file == null) {
            return out;
        }
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }
}
