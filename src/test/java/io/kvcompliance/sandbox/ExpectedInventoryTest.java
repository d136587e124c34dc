package io.kvcompliance.sandbox;

import static io.kvcompliance.sandbox.DefaultTenant.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvcompliance.sandbox.SandboxTestClient.Reply;
import io.kvcompliance.sandbox.fixture.FixtureLoader;
import io.kvcompliance.sandbox.fixture.GeneratorSizes;
import io.kvcompliance.sandbox.fixture.TenantGenerator;
import io.kvcompliance.sandbox.http.SandboxSettings;
import io.kvcompliance.sandbox.inventory.ExpectedInventory;
import io.kvcompliance.sandbox.inventory.ExpectedInventory.Coverage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The expected inventory: every coverage status the default tenant shows, and agreement with what is served. */
class ExpectedInventoryTest {
    static Sandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start();
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    @Test
    void defaultUserSeesEveryKindOfCoverageGap() {
        ExpectedInventory alice = sandbox.expectedInventory(ALICE);
        assertThat(alice.subscriptions()).hasSize(3);
        assertThat(alice.vault("kv-prod-payments").coverage().values()).allMatch(Coverage::collected);
        assertThat(alice.vault("kv-prod-payments").certificates()).hasSize(6);
        assertThat(alice.vault("kv-prod-firewall").coverage().get("certificates"))
                .isEqualTo(Coverage.gap("BLOCKED_BY_NETWORK", 403, "ForbiddenByFirewall"));
        assertThat(alice.vault("kv-prod-private").coverage().get("certificates").errorCode()).isEqualTo("ForbiddenByConnection");
        assertThat(alice.vault("kv-prod-denied").coverage().get("keys")).isEqualTo(Coverage.gap("DENIED", 403, "AuthorizationFailed"));
        assertThat(alice.vault("kv-dev-rbac").coverage().get("certificates").errorCode()).isEqualTo("ForbiddenByRbac");
        assertThat(alice.vault("kv-dev-apps").coverage().get("certificates").errorCode()).isEqualTo("ForbiddenByPolicy");
        assertThat(alice.vault("kv-dev-empty").coverage().get("keys")).isEqualTo(Coverage.collected(0));
    }

    @Test
    void userWithoutVaultConsentGetsConsentRequiredForCertificatesOnly() {
        ExpectedInventory dana = sandbox.expectedInventory(DANA);
        assertThat(dana.vault("kv-prod-payments").coverage().get("certificates").status()).isEqualTo("CONSENT_REQUIRED");
        assertThat(dana.vault("kv-prod-payments").coverage().get("keys").collected()).isTrue();
    }

    @Test
    void narrowUserSeesOnlyWhatTheirAssignmentsReach() {
        ExpectedInventory bob = sandbox.expectedInventory(BOB);
        assertThat(bob.subscriptions()).extracting(ExpectedInventory.Subscription::subscriptionId).containsExactly(PROD);
        assertThat(bob.vaults()).extracting(ExpectedInventory.Vault::name).containsExactly("kv-prod-payments");
        assertThat(bob.vault("kv-prod-payments").coverage().get("diagnosticSettings").status()).isEqualTo("DENIED");
    }

    @Test
    void faultedListsAreExpectedAsFailed() throws Exception {
        try (Sandbox faults = Sandbox.start(FixtureLoader.faultsTenant(), SandboxSettings.defaults())) {
            ExpectedInventory alice = faults.expectedInventory("alice@faults.sandbox.test");
            assertThat(alice.vault("kv-fault-malformed").coverage().get("certificates").status()).isEqualTo("FAILED");
            assertThat(alice.vault("kv-fault-loop").coverage().get("keys").errorCode()).isEqualTo("NextLinkLoop");
            assertThat(alice.vault("kv-fault-foreign").coverage().get("secrets").errorCode()).isEqualTo("ForeignNextLink");
            assertThat(alice.vault("kv-fault-healthy").coverage().values()).allMatch(Coverage::collected);
        }
    }

    @Test
    void generatedTenantInventoryCountsMatchTheGeneratorSizes() throws Exception {
        GeneratorSizes sizes = new GeneratorSizes(3, 10, 4, 6, 2, 2, 2);
        try (Sandbox generated = Sandbox.start(TenantGenerator.generate(sizes, 7), SandboxSettings.defaults())) {
            ExpectedInventory collector = generated.expectedInventory(COLLECTOR_APP);
            assertThat(collector.subscriptions()).hasSize(3);
            assertThat(collector.vaults()).hasSize(30);
            int keys = collector.vaults().stream().mapToInt(v -> v.coverage().get("keys").collected() ? v.keys().size() : 4).sum();
            assertThat(keys).isEqualTo(30 * 4);
        }
    }

    @Test
    void adminEndpointServesTheInventoryAndCounters() throws Exception {
        try (SandboxTestClient client = new SandboxTestClient(sandbox)) {
            Reply inventory = client.get(sandbox.localUrl() + "/_sandbox/inventory?principal=" + ALICE, null);
            assertThat(inventory.status()).isEqualTo(200);
            assertThat(inventory.json().get("vaults").size()).isEqualTo(sandbox.expectedInventory(ALICE).vaults().size());
            Reply metrics = client.get(sandbox.localUrl() + "/_sandbox/metrics", null);
            assertThat(metrics.json().has("violationCount")).isTrue();
            Reply settings = client.send("POST", sandbox.localUrl() + "/_sandbox/settings", null, "{\"latencyMillis\": 5}");
            assertThat(settings.json().get("latencyMillis").asInt()).isEqualTo(5);
            assertThat(sandbox.settings().latencyMillis()).isEqualTo(5);
            Reply bad = client.send("POST", sandbox.localUrl() + "/_sandbox/settings", null, "{\"port\": 1}");
            assertThat(bad.status()).isEqualTo(400);
            Reply fromVaultHost = client.get("https://management.sandbox.test/_sandbox/metrics", null);
            assertThat(fromVaultHost.status()).as("admin answers on loopback names only").isNotEqualTo(200);
        }
    }
}
