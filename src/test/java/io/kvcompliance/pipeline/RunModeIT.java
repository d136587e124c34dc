package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvcompliance.ConnectCommand;
import io.kvcompliance.delivery.TestDatabase;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.SandboxBrowser;
import io.kvcompliance.sandbox.SandboxProfile;
import io.kvcompliance.sandbox.fixture.FixtureLoader;
import io.kvcompliance.sandbox.http.SandboxSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run command in-process against the sandbox: the schedule fires a sync and skips fire times that
 * come while one runs, POST /sync and GET /sync/{id}, the API key, /observe/health and /observe/metrics,
 * and a shutdown in the middle of a sync that ends it INTERRUPTED without a tombstone.
 */
class RunModeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NEVER = "0 0 0 1 1 ? 2099";

    @Test
    void theScheduleRunsSyncsAndSkipsFireTimesThatComeWhileOneRuns(@TempDir Path work) throws Exception {
        SandboxSettings slow = SandboxSettings.defaults().toBuilder().latencyMillis(40).build();
        try (Sandbox sandbox = Sandbox.start(FixtureLoader.defaultTenant(), slow)) {
            Map<String, String> props = props(sandbox, work, "* * * * * ?");
            props.put("kv.schedule.misfire-threshold-ms", "500");
            try (CapturedOutput log = CapturedOutput.start();
                 CollectorRuntime runtime = CollectorRuntime.startRunMode(props)) {
                String base = "http://127.0.0.1:" + props.get("camel.server.port");
                await().atMost(Duration.ofSeconds(90)).until(() -> runtime.control().lastFinished().isPresent());
                SyncRun first = runtime.control().lastFinished().get();
                assertThat(first.trigger()).isEqualTo("schedule");
                assertThat(first.status()).as(SummaryTable.render(first)).isEqualTo(SyncRun.Status.COMPLETE);
                // a sync of several seconds logs its progress every second, and ends with its summary table
                assertThat(log.text()).contains("sync " + first.syncId() + ": ").contains(" subscriptions, ")
                        .contains("sync " + first.syncId() + " ended:\nSync " + first.syncId() + "  COMPLETE")
                        .contains("coverage gaps");
                // a sync of the slow sandbox outlasts several one-second fire times: Quartz skips them
                await().atMost(Duration.ofSeconds(90)).until(() -> metric(base, "kv_sync_skipped_total{trigger=\"schedule-misfire\"}") >= 1);
                // while a scheduled sync runs, an on-demand one is refused and counted
                // a scheduled sync that just started (the slow sandbox keeps it busy for seconds)
                await().atMost(Duration.ofSeconds(60)).until(() -> runtime.control().running()
                        .map(s -> s.duration().toMillis() < 500).orElse(false));
                HttpResponse<String> refused = post(base + "/sync", null);
                assertThat(refused.statusCode()).isEqualTo(409);
                assertThat(JSON.readTree(refused.body()).get("error").asText()).contains("already running");
                assertThat(metric(base, "kv_sync_skipped_total{trigger=\"api\"}")).isEqualTo(1);
            }
        }
    }

    @Test
    void onDemandSyncAnswersItsIdThenItsStatusAndMetricsFollow(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            Map<String, String> props = props(sandbox, work, NEVER);
            try (CollectorRuntime runtime = CollectorRuntime.startRunMode(props)) {
                String base = "http://127.0.0.1:" + props.get("camel.server.port");
                assertThat(get(base + "/observe/health").statusCode()).isEqualTo(200);

                HttpResponse<String> started = post(base + "/sync", null);
                assertThat(started.statusCode()).isEqualTo(202);
                String id = JSON.readTree(started.body()).get("syncId").asText();
                assertThat(started.headers().firstValue("Location")).contains("/sync/" + id);

                JsonNode done = await().atMost(Duration.ofSeconds(90)).until(() -> JSON.readTree(get(base + "/sync/" + id).body()),
                        s -> !s.get("status").asText().equals("RUNNING"));
                assertThat(done.get("status").asText()).isEqualTo("COMPLETE");
                assertThat(done.get("trigger").asText()).isEqualTo("api");
                assertThat(done.at("/recordCounts/vault").asInt()).isPositive();
                assertThat(done.at("/delivery/database/delivered").asLong()).isPositive();
                assertThat(get(base + "/sync/no-such-sync").statusCode()).isEqualTo(404);
                assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/sync")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).as("GET /sync").isEqualTo(405);

                String metrics = get(base + "/observe/metrics").body();
                assertThat(metrics).contains("kv_syncs_total{status=\"COMPLETE\"} 1.0")
                        .contains("kv_sync_duration_seconds_count{status=\"COMPLETE\"} 1")
                        .contains("kv_records_total{type=\"vault\"} " + done.at("/recordCounts/vault").asInt() + ".0")
                        .contains("kv_azure_requests_total{api=\"resource-manager\"}")
                        .contains("kv_azure_throttled_total{api=\"key-vault\"}")
                        .contains("kv_coverage_gaps{status=\"DENIED\"}")
                        .contains("kv_delivery_spooled{destination=\"database\"} 0.0");
            }
        }
    }

    @Test
    void anApiKeyGuardsTheApiAndIsRequiredOffLoopback(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            Map<String, String> props = props(sandbox, work, NEVER);
            props.put("kv.server.api-key", "k3y-for-tests");
            try (CollectorRuntime runtime = CollectorRuntime.startRunMode(props)) {
                String base = "http://127.0.0.1:" + props.get("camel.server.port");
                HttpResponse<String> anonymous = post(base + "/sync", null);
                assertThat(anonymous.statusCode()).isEqualTo(401);
                assertThat(post(base + "/sync", "wrong").statusCode()).isEqualTo(401);
                HttpResponse<String> keyed = post(base + "/sync", "k3y-for-tests");
                assertThat(keyed.statusCode()).isEqualTo(202);
                assertThat(keyed.headers().map().toString() + keyed.body()).doesNotContain("k3y-for-tests");
                await().atMost(Duration.ofSeconds(90)).until(() -> runtime.control().lastFinished().isPresent());
            }
            Map<String, String> open = props(sandbox, work, NEVER);
            open.put("camel.server.host", "0.0.0.0");
            assertThatThrownBy(() -> CollectorRuntime.startRunMode(open)).hasStackTraceContaining("KV_SERVER_API_KEY");
        }
    }

    @Test
    void healthIsDownWhenNotConnectedAndWhenAReconnectIsRequired(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            Map<String, String> props = new HashMap<>(SandboxProfile.delegatedProperties(sandbox, work.resolve("trust"), work));
            props.putAll(server(NEVER));
            String base = "http://127.0.0.1:" + props.get("camel.server.port");
            try (CollectorRuntime runtime = CollectorRuntime.startRunMode(props)) {
                HttpResponse<String> health = get(base + "/observe/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("not connected");
            }
            sandbox.updateSettings(s -> s.toBuilder().accessTokenLifetimeSeconds(2).build());
            ConnectCommand.signIn(props, new SandboxBrowser(sandbox, null), Duration.ofSeconds(30));
            try (CollectorRuntime runtime = CollectorRuntime.startRunMode(props)) {
                assertThat(get(base + "/observe/health").statusCode()).isEqualTo(200);
                sandbox.entra().revokeRefreshTokens(DelegatedSyncIT.ALICE);
                String id = JSON.readTree(post(base + "/sync", null).body()).get("syncId").asText();
                await().atMost(Duration.ofSeconds(60)).until(() -> runtime.control().lastFinished().isPresent());
                assertThat(runtime.control().lastFinished().get().syncId()).isEqualTo(id);
                HttpResponse<String> health = get(base + "/observe/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("reconnect required");
            }
        }
    }

    @Test
    void aSyncAtStartThatFailsTurnsHealthDownWithTheReason(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            Map<String, String> props = props(sandbox, work, NEVER);
            props.put("kv.schedule.sync-at-start", "true");
            props.put("kv.auth.client-secret", "not-the-secret");
            try (CollectorRuntime runtime = CollectorRuntime.startRunMode(props)) {
                String base = "http://127.0.0.1:" + props.get("camel.server.port");
                await().atMost(Duration.ofSeconds(60)).until(() -> runtime.control().lastFinished().isPresent());
                SyncRun atStart = runtime.control().lastFinished().get();
                assertThat(atStart.trigger()).isEqualTo("start");
                assertThat(atStart.status()).isEqualTo(SyncRun.Status.FAILED);
                HttpResponse<String> health = get(base + "/observe/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("the last sync failed").contains("invalid_client")
                        .doesNotContain("not-the-secret");
                assertThat(metric(base, "kv_syncs_total{status=\"FAILED\"}")).isEqualTo(1);
            }
        }
    }

    @Test
    void shutdownInTheMiddleOfASyncEndsItInterruptedWithoutTombstones(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            Map<String, String> props = props(sandbox, work, NEVER);
            props.put("kv.sync.vault-concurrency", "1");
            props.put("kv.sync.subscription-concurrency", "1");
            String base = "http://127.0.0.1:" + props.get("camel.server.port");
            SyncRun complete;
            try (CollectorRuntime runtime = CollectorRuntime.startRunMode(props)) {
                post(base + "/sync", null);
                await().atMost(Duration.ofSeconds(90)).until(() -> runtime.control().lastFinished().isPresent());
                complete = runtime.control().lastFinished().get();
                assertThat(complete.status()).isEqualTo(SyncRun.Status.COMPLETE);
            }
            // a key that vanished from every vault: a sync that reads a vault's keys completely tombstones it there
            List<String> vaults = ghostKeyInEveryVault(work, complete);

            sandbox.updateSettings(s -> s.toBuilder().latencyMillis(150).build());
            SyncRun interrupted;
            try (CollectorRuntime runtime = CollectorRuntime.startRunMode(props)) {
                post(base + "/sync", null);
                await().atMost(Duration.ofSeconds(60)).until(() -> runtime.control().running()
                        .map(s -> s.progress().vaultsDone() >= 2).orElse(false));
                interrupted = runtime.control().running().orElseThrow();
                // runtime.close() stops Camel as SIGTERM does, half-way through the sync
            }
            assertThat(interrupted.isFinished()).as("the sync ended before Camel stopped").isTrue();
            assertThat(interrupted.status()).isEqualTo(SyncRun.Status.INTERRUPTED);
            assertThat(interrupted.gaps()).anySatisfy(g -> assertThat(g.errorCode()).isEqualTo("SyncInterruptedException"));
            assertThat(interrupted.figures().counts().get("vault")).isLessThan(complete.figures().counts().get("vault"));
            List<JsonNode> read = SyncHarness.read(interrupted.figures().output());
            assertThat(read).as("some vault's keys were read completely before the shutdown").anySatisfy(r -> {
                assertThat(r.at("/attributes/objectType").asText()).isEqualTo("keys");
                assertThat(r.at("/attributes/status").asText()).isEqualTo("COLLECTED");
                assertThat(vaults).contains(r.get("vault").asText());
            });
            TestDatabase db = TestDatabase.h2(work);
            assertThat(db.count("SELECT COUNT(*) FROM records_current WHERE deleted_at IS NOT NULL")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM sync_runs WHERE status = 'INTERRUPTED' AND sync_id = '"
                    + interrupted.syncId() + "'")).isEqualTo(1);
        }
    }

    /** Plants a key no sync has seen in every vault whose keys the complete sync read; returns those vaults. */
    private static List<String> ghostKeyInEveryVault(Path work, SyncRun complete) throws Exception {
        List<String> vaults = new ArrayList<>();
        for (JsonNode r : SyncHarness.read(complete.figures().output())) {
            if (r.at("/attributes/objectType").asText().equals("keys")
                    && r.at("/attributes/status").asText().equals("COLLECTED")) {
                vaults.add(r.get("vault").asText());
                DatabaseSyncIT.ghost(TestDatabase.h2(work), "ghost-" + r.get("vault").asText(), r);
            }
        }
        return vaults;
    }

    private static Map<String, String> props(Sandbox sandbox, Path work, String cron) throws IOException {
        Map<String, String> props = new HashMap<>(SyncHarness.properties(sandbox, work));
        props.putAll(server(cron));
        return props;
    }

    private static Map<String, String> server(String cron) throws IOException {
        String port = String.valueOf(SyncHarness.freePort());
        return Map.of("kv.schedule.cron", cron, "camel.server.port", port, "camel.management.port", port,
                "kv.sync.progress-interval-seconds", "1");
    }

    private static HttpResponse<String> post(String url, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double metric(String base, String series) throws Exception {
        for (String line : get(base + "/observe/metrics").body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }
}
