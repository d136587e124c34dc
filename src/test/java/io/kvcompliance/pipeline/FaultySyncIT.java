package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvcompliance.pipeline.SyncHarness.Result;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.fixture.FixtureLoader;
import io.kvcompliance.sandbox.http.SandboxMetrics.ViolationKind;
import io.kvcompliance.sandbox.http.SandboxSettings;
import io.kvcompliance.sandbox.inventory.ExpectedInventory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syncs against a misbehaving Azure: paging faults fail only their partition, server errors and
 * dropped connections are retried away, throttling with and without Retry-After is waited out, and
 * tokens that expire mid-sync are renewed. Every sync ends with the expected inventory.
 */
class FaultySyncIT {
    static final String COLLECTOR = "780cc7bb-390d-49d9-b8fc-6a4a69555516";
    /** Fast backoff so storms resolve in test time; the ladder's shape is RetryPolicyTest's business. */
    static final Map<String, String> FAST_RETRIES = Map.of("kv.retry.base-delay-ms", "20", "kv.retry.max-delay-seconds", "1");

    @Test
    void pagingFaultsFailOnlyTheirPartitionAndNoTokenLeaves(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start(FixtureLoader.faultsTenant(), SandboxSettings.defaults())) {
            Result result = SyncHarness.sync(sandbox, work, Map.of());
            assertThat(result.sync().status()).isEqualTo(SyncRun.Status.INCOMPLETE);
            assertThat(result.sync().status().exitCode).isEqualTo(3);
            assertThat(result.coverage("kv-fault-malformed", "certificates").at("/attributes/errorCode").asText())
                    .isEqualTo("MalformedPage");
            assertThat(result.coverage("kv-fault-loop", "keys").at("/attributes/errorCode").asText()).isEqualTo("NextLinkLoop");
            assertThat(result.coverage("kv-fault-foreign", "secrets").at("/attributes/errorCode").asText())
                    .isEqualTo("ForeignNextLink");
            assertThat(result.coverage("kv-fault-healthy", "certificates").at("/attributes/status").asText()).isEqualTo("COLLECTED");
            assertThat(result.coverage("kv-fault-malformed", "keys").at("/attributes/status").asText()).isEqualTo("COLLECTED");
            assertThat(sandbox.metrics().violations(ViolationKind.REQUEST_TO_FOREIGN_HOST)).isZero();
            assertThat(sandbox.metrics().violations()).isEmpty();
        }
    }

    @Test
    void serverErrorsAndDroppedConnectionsAreRetriedToACompleteSync(@TempDir Path work) throws Exception {
        SandboxSettings settings = SandboxSettings.defaults().toBuilder().seed(7).error5xxRate(0.15).resetRate(0.05)
                .maxFaultsPerRequest(2).build();
        try (Sandbox sandbox = Sandbox.start(FixtureLoader.defaultTenant(), settings)) {
            Result result = SyncHarness.sync(sandbox, work, FAST_RETRIES);
            assertThat(result.sync().status()).as(SummaryTable.render(result.sync())).isEqualTo(SyncRun.Status.COMPLETE);
            assertThat(sandbox.metrics().faults("500") + sandbox.metrics().faults("503") + sandbox.metrics().faults("reset"))
                    .isGreaterThan(5);
            assertThat(result.sync().figures().callStats().get("resource-manager.retries")).isGreaterThan(0);
            assertMatchesExpected(sandbox, result);
        }
    }

    @Test
    void throttlingStormsWithAndWithoutRetryAfterAreWaitedOut(@TempDir Path work) throws Exception {
        // limits tight enough that any machine, fast or loaded, exceeds them: 429s must happen, then be waited out
        SandboxSettings settings = SandboxSettings.defaults().toBuilder().armBurst(10).armRefillPerSecond(10)
                .kvWindowLimit(3).kvWindowSeconds(3).build();
        try (Sandbox sandbox = Sandbox.start(FixtureLoader.defaultTenant(), settings)) {
            Result result = SyncHarness.sync(sandbox, work, Map.of("kv.retry.base-delay-ms", "250",
                    "kv.retry.max-throttled-retries", "8"));
            assertThat(result.sync().status()).as(SummaryTable.render(result.sync())).isEqualTo(SyncRun.Status.COMPLETE);
            assertThat(sandbox.metrics().throttled("arm")).isGreaterThan(0);
            assertThat(sandbox.metrics().throttled("dataplane")).isGreaterThan(0);
            assertThat(result.sync().figures().callStats().get("resource-manager.throttled")).isEqualTo(sandbox.metrics().throttled("arm"));
            assertMatchesExpected(sandbox, result);
        }
    }

    @Test
    void clientSidePacingKeepsResourceManagerFromThrottling(@TempDir Path work) throws Exception {
        SandboxSettings settings = SandboxSettings.defaults().toBuilder().armBurst(20).armRefillPerSecond(10).build();
        try (Sandbox sandbox = Sandbox.start(FixtureLoader.defaultTenant(), settings)) {
            Result result = SyncHarness.sync(sandbox, work, Map.of("kv.arm.pacer-burst", "15",
                    "kv.arm.pacer-refill-per-second", "8"));
            assertThat(result.sync().status()).as(SummaryTable.render(result.sync())).isEqualTo(SyncRun.Status.COMPLETE);
            assertThat(sandbox.metrics().throttled("arm")).as("the pacer stays inside the bucket").isZero();
            assertMatchesExpected(sandbox, result);
        }
    }

    @Test
    void tokensThatExpireMidSyncAreRenewed(@TempDir Path work) throws Exception {
        SandboxSettings settings = SandboxSettings.defaults().toBuilder().accessTokenLifetimeSeconds(1).latencyMillis(30).build();
        try (Sandbox sandbox = Sandbox.start(FixtureLoader.defaultTenant(), settings)) {
            Result result = SyncHarness.sync(sandbox, work, FAST_RETRIES);
            assertThat(result.sync().status()).as(SummaryTable.render(result.sync())).isEqualTo(SyncRun.Status.COMPLETE);
            assertThat(sandbox.metrics().requests("login:token")).isGreaterThan(2);
            assertMatchesExpected(sandbox, result);
        }
    }

    private static void assertMatchesExpected(Sandbox sandbox, Result result) {
        ExpectedInventory expected = sandbox.expectedInventory(COLLECTOR);
        for (ExpectedInventory.Vault vault : expected.vaults()) {
            vault.coverage().forEach((type, want) -> assertThat(result.coverage(vault.name(), type)
                    .at("/attributes/status").asText()).as(vault.name() + " " + type).isEqualTo(want.status()));
        }
        assertThat(result.ofType("key")).hasSize(expected.counts().get("keys"));
        assertThat(result.ofType("certificate")).hasSize(expected.counts().get("certificates"));
        assertThat(sandbox.metrics().violations()).isEmpty();
    }
}
