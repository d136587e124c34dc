package io.kvcompliance.sandbox;

import static io.kvcompliance.sandbox.DefaultTenant.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvcompliance.sandbox.SandboxTestClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resource Manager of the default tenant over HTTPS: paths, shapes, authorization per principal. */
class SandboxArmTest extends DefaultSandboxTest {

    @BeforeEach
    void reset() {
        sandbox.resetCounters();
    }

    private String token(String principal) {
        return sandbox.issueAccessToken(principal, ARM, 3600);
    }

    /** Follows nextLinks and returns every item (test helper; the collector has its own pager). */
    static List<JsonNode> all(SandboxTestClient client, String url, String token) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String next = url;
        for (int pages = 0; next != null && pages < 1000; pages++) {
            Reply r = client.get(next, token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            r.json().get("value").forEach(items::add);
            JsonNode link = r.json().get("nextLink");
            next = link == null || link.isNull() ? null : link.asText();
        }
        return items;
    }

    @Test
    void subscriptionsListShowsOnlyThoseWithAnAssignment() throws Exception {
        List<JsonNode> alice = all(client, "https://management.sandbox.test/subscriptions?api-version=2022-12-01", token(ALICE));
        assertThat(alice).extracting(s -> s.get("subscriptionId").asText()).containsExactlyInAnyOrder(PROD, DEV, LEGACY);
        assertThat(alice.get(0).get("tenantId").asText()).isEqualTo(TENANT);
        List<JsonNode> bob = all(client, "https://management.sandbox.test/subscriptions?api-version=2022-12-01", token(BOB));
        assertThat(bob).extracting(s -> s.get("subscriptionId").asText()).containsExactly(PROD);
    }

    @Test
    void vaultListIsFilteredToReadableVaultsAndCarriesFullProperties() throws Exception {
        String url = "https://management.sandbox.test/subscriptions/" + PROD + "/providers/Microsoft.KeyVault/vaults?" + KV_API;
        List<JsonNode> alice = all(client, url, token(ALICE));
        assertThat(alice).extracting(v -> v.get("name").asText()).containsExactlyInAnyOrder("kv-prod-payments",
                "kv-prod-firewall", "kv-prod-legacy", "kv-prod-private", "kv-prod-denied");
        JsonNode payments = alice.stream().filter(v -> v.get("name").asText().equals("kv-prod-payments")).findFirst().orElseThrow();
        assertThat(payments.at("/properties/vaultUri").asText()).isEqualTo("https://kv-prod-payments.vault.sandbox.test/");
        assertThat(payments.at("/properties/sku/family").asText()).isEqualTo("A");
        assertThat(payments.at("/properties/enableRbacAuthorization").asBoolean()).isTrue();
        List<JsonNode> bob = all(client, url, token(BOB));
        assertThat(bob).extracting(v -> v.get("name").asText()).containsExactly("kv-prod-payments");
    }

    @Test
    void absentPurgeProtectionStaysAbsentAsAzureOmitsIt() throws Exception {
        Reply r = client.get(vaultPath(PROD, "rg-legacy-apps", "kv-prod-legacy") + "?" + KV_API, token(ALICE));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/properties").has("enablePurgeProtection")).isFalse();
        assertThat(r.json().at("/properties/accessPolicies").size()).isGreaterThan(0);
        assertThat(r.header("x-ms-ratelimit-remaining-subscription-reads")).isNotNull();
        assertThat(r.header("x-ms-request-id")).isNotNull();
    }

    @Test
    void deniedVaultAnswersAuthorizationFailedForKeysButStillListsAndGets() throws Exception {
        String vault = vaultPath(PROD, "rg-shared", "kv-prod-denied");
        assertThat(client.get(vault + "?" + KV_API, token(ALICE)).status()).isEqualTo(200);
        Reply keys = client.get(vault + "/keys?" + KV_API, token(ALICE));
        assertThat(keys.status()).isEqualTo(403);
        assertThat(keys.json().at("/error/code").asText()).isEqualTo("AuthorizationFailed");
        assertThat(keys.json().at("/error/message").asText()).contains("Microsoft.KeyVault/vaults/keys/read");
    }

    @Test
    void armKeysAndSecretsCarryMetadataInUnixSecondsAndNoValue() throws Exception {
        String vault = vaultPath(PROD, "rg-payments", "kv-prod-payments");
        List<JsonNode> keys = all(client, vault + "/keys?" + KV_API, token(ALICE));
        assertThat(keys).hasSize(7);
        assertThat(keys.get(0).at("/properties/attributes/created").isNumber()).isTrue();
        assertThat(keys.get(0).at("/properties/keyUri").asText()).startsWith("https://kv-prod-payments.vault.sandbox.test/keys/");
        List<JsonNode> secrets = all(client, vault + "/secrets?" + KV_API, token(ALICE));
        assertThat(secrets).hasSize(7).allSatisfy(s -> assertThat(s.at("/properties").has("value")).isFalse());
    }

    @Test
    void roleAssignmentsAtScopeIncludeInheritedOnesWithTheirScopes() throws Exception {
        String url = vaultPath(PROD, "rg-payments", "kv-prod-payments")
                + "/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=atScope()";
        List<JsonNode> assignments = all(client, url, token(ALICE));
        List<String> scopes = assignments.stream().map(a -> a.at("/properties/scope").asText()).toList();
        assertThat(scopes).anyMatch(s -> s.startsWith("/providers/Microsoft.Management/managementGroups/"))
                .anyMatch(s -> s.equals("/subscriptions/" + PROD))
                .anyMatch(s -> s.endsWith("/vaults/kv-prod-payments"));
        assertThat(assignments).anyMatch(a -> !a.at("/properties/condition").isNull());
    }

    @Test
    void roleDefinitionsIncludeBuiltInKeyVaultRolesWithRealGuids() throws Exception {
        List<JsonNode> roles = all(client, "https://management.sandbox.test/subscriptions/" + PROD
                + "/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01", token(ALICE));
        assertThat(roles).anyMatch(r -> r.get("name").asText().equals("21090545-7ca7-4776-b22c-e363652d74d2")
                && r.at("/properties/roleName").asText().equals("Key Vault Reader"));
        assertThat(roles).anyMatch(r -> r.at("/properties/type").asText().equals("CustomRole"));
    }

    @Test
    void diagnosticSettingsNeedInsightsReadWhichKeyVaultReaderLacks() throws Exception {
        String url = vaultPath(PROD, "rg-payments", "kv-prod-payments")
                + "/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview";
        Reply alice = client.get(url, token(ALICE));
        assertThat(alice.status()).isEqualTo(200);
        assertThat(alice.json().get("value").get(0).at("/properties/logs/0/category").asText()).isEqualTo("AuditEvent");
        assertThat(alice.json().has("nextLink")).isFalse();
        Reply bob = client.get(url, token(BOB));
        assertThat(bob.status()).isEqualTo(403);
    }

    @Test
    void deletedVaultsAndManagedHsmsAreListedPerSubscription() throws Exception {
        String base = "https://management.sandbox.test/subscriptions/" + PROD + "/providers/Microsoft.KeyVault/";
        assertThat(all(client, base + "deletedVaults?" + KV_API, token(ALICE))).hasSize(2)
                .allSatisfy(d -> assertThat(d.at("/properties/scheduledPurgeDate").asText()).endsWith("Z"));
        assertThat(all(client, base + "managedHSMs?" + KV_API, token(ALICE))).hasSize(1);
    }

    @Test
    void aMissingVaultIsForbiddenToWhoCannotReadThereAndNotFoundToWhoCan() throws Exception {
        String url = vaultPath(PROD, "rg-payments", "kv-does-not-exist") + "?" + KV_API;
        Reply bob = client.get(url, token(BOB));
        assertThat(bob.status()).as("ARM authorizes at the scope before the provider looks").isEqualTo(403);
        assertThat(bob.json().at("/error/code").asText()).isEqualTo("AuthorizationFailed");
        Reply alice = client.get(url, token(ALICE));
        assertThat(alice.status()).isEqualTo(404);
        assertThat(alice.json().at("/error/code").asText()).isEqualTo("ResourceNotFound");
    }

    @Test
    void apiVersionIsRequiredAndChecked() throws Exception {
        Reply missing = client.get("https://management.sandbox.test/subscriptions", token(ALICE));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().at("/error/code").asText()).isEqualTo("MissingApiVersionParameter");
        Reply wrong = client.get("https://management.sandbox.test/subscriptions/" + PROD
                + "/providers/Microsoft.KeyVault/vaults?api-version=1999-01-01", token(ALICE));
        assertThat(wrong.json().at("/error/code").asText()).isEqualTo("InvalidApiVersionParameter");
    }

    @Test
    void writesAreRefusedAndCountedAsViolations() throws Exception {
        Reply put = client.send("PUT", vaultPath(PROD, "rg-payments", "kv-prod-payments") + "?" + KV_API,
                token(ALICE), "{}");
        assertThat(put.status()).isEqualTo(403);
        assertThat(sandbox.metrics().violations(io.kvcompliance.sandbox.http.SandboxMetrics.ViolationKind.WRITE_ATTEMPTED))
                .isEqualTo(1);
    }
}
