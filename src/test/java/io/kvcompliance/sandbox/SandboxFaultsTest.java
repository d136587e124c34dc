package io.kvcompliance.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvcompliance.sandbox.SandboxTestClient.Reply;
import io.kvcompliance.sandbox.fixture.FixtureLoader;
import io.kvcompliance.sandbox.http.SandboxMetrics.ViolationKind;
import io.kvcompliance.sandbox.http.SandboxSettings;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;

/** Injected faults: deterministic under a seed, bounded per request, and the targeted paging faults. */
class SandboxFaultsTest {
    static final String SUB = "6680c7f9-3862-46e9-8104-8e7837d9b410";
    static final String ALICE = "alice@faults.sandbox.test";

    private static String vault(String name) {
        return DefaultTenant.vaultPath(SUB, "rg-faults", name);
    }

    /** Status of each of a fixed sequence of requests (0 for a dropped connection). */
    private static List<Integer> statuses(long seed, double errorRate, double resetRate) throws Exception {
        SandboxSettings settings = SandboxSettings.defaults().toBuilder().seed(seed).error5xxRate(errorRate)
                .resetRate(resetRate).maxFaultsPerRequest(100).build();
        List<Integer> out = new ArrayList<>();
        try (Sandbox sandbox = Sandbox.start(FixtureLoader.faultsTenant(), settings);
             SandboxTestClient client = new SandboxTestClient(sandbox)) {
            String token = sandbox.issueAccessToken(ALICE, DefaultTenant.ARM, 3600);
            for (int i = 0; i < 40; i++) {
                try {
                    out.add(client.get(vault("kv-fault-healthy") + "/keys?" + DefaultTenant.KV_API + "&i=" + (i % 8), token).status());
                } catch (NoHttpResponseException e) {
                    out.add(0);
                }
            }
        }
        return out;
    }

    @Test
    void faultsAreTheSameForTheSameSeedAndDifferForAnother() throws Exception {
        List<Integer> first = statuses(42, 0.3, 0.1);
        assertThat(first).contains(200).containsAnyOf(500, 503).contains(0);
        assertThat(statuses(42, 0.3, 0.1)).isEqualTo(first);
        assertThat(statuses(43, 0.3, 0.1)).isNotEqualTo(first);
    }

    @Test
    void aRequestIsFaultedAtMostMaxFaultsPerRequestTimes() throws Exception {
        SandboxSettings settings = SandboxSettings.defaults().toBuilder().error5xxRate(1.0).maxFaultsPerRequest(2).build();
        try (Sandbox sandbox = Sandbox.start(FixtureLoader.faultsTenant(), settings);
             SandboxTestClient client = new SandboxTestClient(sandbox)) {
            String token = sandbox.issueAccessToken(ALICE, DefaultTenant.ARM, 3600);
            String url = vault("kv-fault-healthy") + "?" + DefaultTenant.KV_API;
            assertThat(client.get(url, token).status()).isGreaterThanOrEqualTo(500);
            assertThat(client.get(url, token).status()).isGreaterThanOrEqualTo(500);
            assertThat(client.get(url, token).status()).isEqualTo(200);
            assertThat(sandbox.metrics().faults("500") + sandbox.metrics().faults("503")).isEqualTo(2);
        }
    }

    @Test
    void latencyDelaysAnswersWithoutFaults() throws Exception {
        SandboxSettings settings = SandboxSettings.defaults().toBuilder().latencyMillis(300).build();
        try (Sandbox sandbox = Sandbox.start(FixtureLoader.faultsTenant(), settings);
             SandboxTestClient client = new SandboxTestClient(sandbox)) {
            String token = sandbox.issueAccessToken(ALICE, DefaultTenant.ARM, 3600);
            long start = System.nanoTime();
            assertThat(client.get(vault("kv-fault-healthy") + "?" + DefaultTenant.KV_API, token).status()).isEqualTo(200);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void targetedPagingFaultsBreakOnlyTheirList() throws Exception {
        try (Sandbox sandbox = Sandbox.start(FixtureLoader.faultsTenant(), SandboxSettings.defaults());
             SandboxTestClient client = new SandboxTestClient(sandbox)) {
            String arm = sandbox.issueAccessToken(ALICE, DefaultTenant.ARM, 3600);
            String kv = sandbox.issueAccessToken(ALICE, DefaultTenant.VAULT, 3600);

            Reply first = client.get("https://kv-fault-malformed.vault.sandbox.test/certificates?" + DefaultTenant.DP_API, kv);
            Reply second = client.get(first.json().get("nextLink").asText(), kv);
            assertThat(second.status()).isEqualTo(200);
            assertThatThrownBy(second::json).isInstanceOf(AssertionError.class);

            Reply loopFirst = client.get(vault("kv-fault-loop") + "/keys?" + DefaultTenant.KV_API, arm);
            String loopUrl = loopFirst.json().get("nextLink").asText();
            assertThat(client.get(loopUrl, arm).json().get("nextLink").asText()).isEqualTo(loopUrl);

            Reply foreignFirst = client.get(vault("kv-fault-foreign") + "/secrets?" + DefaultTenant.KV_API, arm);
            String foreign = foreignFirst.json().get("nextLink").asText();
            assertThat(foreign).startsWith("https://exfil.sandbox.test/");
            assertThat(sandbox.metrics().violationCount()).isZero();
            assertThat(client.get(foreign, arm).status()).isEqualTo(404);
            assertThat(sandbox.metrics().violations(ViolationKind.TOKEN_SENT_TO_FOREIGN_HOST)).isEqualTo(1);

            Reply healthy = client.get(vault("kv-fault-healthy") + "/keys?" + DefaultTenant.KV_API, arm);
            assertThat(healthy.json().get("nextLink").asText()).startsWith("https://management.sandbox.test");
        }
    }
}
