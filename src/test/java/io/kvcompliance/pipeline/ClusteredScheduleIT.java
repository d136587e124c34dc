package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvcompliance.App;
import io.kvcompliance.delivery.PostgresServer;
import io.kvcompliance.sandbox.Sandbox;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the run command, each its own JVM, share one schedule through Quartz's clustered
 * JDBC job store on PostgreSQL: every fire time is run by exactly one of them, never two syncs at
 * once, and when the instance that is syncing dies the other one carries on with the schedule.
 */
class ClusteredScheduleIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A finished sync as sync_runs holds it. */
    record Run(String syncId, OffsetDateTime started, OffsetDateTime finished, String scheduledFor, String instance) {
    }

    @Test
    void twoInstancesRunEachFireTimeOnceAndTheSurvivorTakesOver(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            PostgresServer postgres = PostgresServer.shared();
            String url = postgres.newDatabase();
            Map<String, String> env = new HashMap<>();
            SyncHarness.properties(sandbox, work).forEach((k, v) -> env.put(SecretKeys.envName(k), v));
            env.putAll(Map.of("KV_DELIVERY_DATABASE_URL", url, "KV_DELIVERY_DATABASE_USER", postgres.user(),
                    "KV_DELIVERY_DATABASE_PASSWORD", postgres.password(), "KV_SCHEDULE_CLUSTERED", "true",
                    "KV_SCHEDULE_CRON", "0/3 * * * * ?", "KV_DELIVERY_ENDPOINTS", "database"));
            List<Process> instances = new ArrayList<>();
            try {
                instances.add(start(work, "a", env));
                instances.add(start(work, "b", env));
                await().atMost(Duration.ofSeconds(120)).until(() -> runs(url, postgres).size() >= 4);

                // the instance that is syncing now dies without a goodbye
                List<Run> before = runs(url, postgres);
                String victim = before.get(before.size() - 1).instance();
                Process dying = instances.stream().filter(p -> victim.endsWith("/" + p.pid())).findFirst().orElseThrow();
                dying.destroyForcibly().waitFor();
                Process survivor = instances.stream().filter(p -> p != dying).findFirst().orElseThrow();
                int seen = before.size();
                await().atMost(Duration.ofSeconds(120)).until(() -> runs(url, postgres).size() >= seen + 3);

                List<Run> runs = runs(url, postgres);
                assertThat(runs).extracting(Run::scheduledFor).as("one sync per fire time").doesNotHaveDuplicates()
                        .doesNotContainNull();
                for (int i = 1; i < runs.size(); i++) {
                    assertThat(runs.get(i).started()).as("never two syncs at once")
                            .isAfterOrEqualTo(runs.get(i - 1).finished());
                }
                assertThat(runs.subList(seen, runs.size())).as("after the failover, the survivor runs the schedule")
                        .allSatisfy(r -> assertThat(r.instance()).endsWith("/" + survivor.pid()));
            } finally {
                for (Process p : instances) {
                    p.destroyForcibly().waitFor();
                }
            }
        }
    }

    /** One instance: `run` in a JVM of its own, configured through the environment as an operator would. */
    private static Process start(Path work, String name, Map<String, String> env) throws IOException {
        int port = SyncHarness.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                App.class.getName(), "run", "--port", String.valueOf(port));
        builder.environment().putAll(env);
        builder.environment().put("KV_DELIVERY_SPOOL_DIRECTORY", work.resolve(name + "-spool").toString());
        builder.redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
        builder.directory(new File(System.getProperty("user.dir")));
        return builder.start();
    }

    private static List<Run> runs(String url, PostgresServer postgres) throws SQLException, IOException {
        List<Run> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, postgres.user(), postgres.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT sync_id, started_at, finished_at, summary"
                     + " FROM sync_runs WHERE finished_at IS NOT NULL AND summary IS NOT NULL ORDER BY started_at")) {
            while (rs.next()) {
                JsonNode summary = JSON.readTree(rs.getString(4));
                out.add(new Run(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getObject(3, OffsetDateTime.class),
                        summary.path("scheduledFor").isNull() ? null : summary.path("scheduledFor").asText(),
                        summary.path("instance").asText()));
            }
        } catch (SQLException e) {
            if (e.getMessage().contains("sync_runs")) {
                return out; // the first instance has not migrated the schema yet
            }
            throw e;
        }
        return out;
    }
}
