package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvcompliance.pipeline.SyncHarness.Result;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.inventory.ExpectedInventory;
import io.kvcompliance.sandbox.inventory.ExpectedInventory.Coverage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole sync of the default sandbox tenant yields exactly the sandbox's expected inventory. */
class DefaultTenantSyncIT {
    static final String COLLECTOR = "780cc7bb-390d-49d9-b8fc-6a4a69555516";
    static Sandbox sandbox;
    static Result result;
    static ExpectedInventory expected;

    @BeforeAll
    static void sync(@TempDir Path work) throws Exception {
        sandbox = Sandbox.start();
        expected = sandbox.expectedInventory(COLLECTOR);
        result = SyncHarness.sync(sandbox, work, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    @Test
    void syncCompletesWithoutAnyViolation() {
        assertThat(result.sync().status()).isEqualTo(SyncRun.Status.COMPLETE);
        assertThat(sandbox.metrics().violations()).isEmpty();
        assertThat(result.ofType("syncSummary")).singleElement()
                .satisfies(s -> assertThat(s.at("/attributes/status").asText()).isEqualTo("COMPLETE"));
    }

    @Test
    void everyVisibleVaultIsCollectedAndNoOther() {
        List<String> names = result.ofType("vault").stream().map(v -> v.at("/attributes/name").asText()).toList();
        assertThat(names).containsExactlyInAnyOrderElementsOf(
                expected.vaults().stream().map(ExpectedInventory.Vault::name).toList());
    }

    @Test
    void coverageOfEveryVaultAndObjectTypeMatchesTheExpectedInventory() {
        for (ExpectedInventory.Vault vault : expected.vaults()) {
            vault.coverage().forEach((type, want) -> {
                JsonNode got = result.coverage(vault.name(), type).get("attributes");
                assertThat(got.get("status").asText()).as(vault.name() + " " + type).isEqualTo(want.status());
                if (want.collected()) {
                    assertThat(got.get("itemCount").asInt()).as(vault.name() + " " + type + " count").isEqualTo(want.count());
                } else {
                    assertThat(got.get("errorCode").asText()).as(vault.name() + " " + type + " code").isEqualTo(want.errorCode());
                    assertThat(got.get("httpStatus").asInt()).isEqualTo(want.httpStatus());
                }
            });
        }
    }

    @Test
    void collectedObjectsAreExactlyTheExpectedOnes() {
        for (ExpectedInventory.Vault vault : expected.vaults()) {
            assertThat(names("key", vault.name())).as(vault.name() + " keys").containsExactlyInAnyOrderElementsOf(vault.keys());
            assertThat(names("secret", vault.name())).as(vault.name() + " secrets").containsExactlyInAnyOrderElementsOf(vault.secrets());
            assertThat(names("certificate", vault.name())).as(vault.name() + " certificates")
                    .containsExactlyInAnyOrderElementsOf(vault.certificates());
            assertThat(names("diagnosticSetting", vault.name())).containsExactlyInAnyOrderElementsOf(vault.diagnosticSettings());
            assertThat(result.where("roleAssignment", r -> r.get("vault").asText().equals(vault.name())).stream()
                    .map(r -> r.get("azureId").asText().toLowerCase()).toList())
                    .as(vault.name() + " role assignments")
                    .containsExactlyInAnyOrderElementsOf(vault.roleAssignmentIds().stream().map(String::toLowerCase).toList());
            assertThat(result.where("accessPolicy", r -> r.get("vault").asText().equals(vault.name())).stream()
                    .map(r -> r.at("/attributes/objectId").asText()).toList())
                    .containsExactlyInAnyOrderElementsOf(vault.accessPolicyObjectIds());
        }
    }

    @Test
    void subscriptionListsAreCollectedWithTheirCoverage() {
        for (ExpectedInventory.Subscription sub : expected.subscriptions()) {
            Coverage vaults = sub.coverage().get("vaults");
            assertThat(result.ofType("coverage").stream().filter(c -> c.get("subscriptionId").asText().equals(sub.subscriptionId())
                    && c.get("vault").isNull() && c.at("/attributes/objectType").asText().equals("vaults")))
                    .singleElement().satisfies(c -> assertThat(c.at("/attributes/itemCount").asInt()).isEqualTo(vaults.count()));
        }
        assertThat(result.ofType("deletedVault").stream().map(d -> d.at("/attributes/name").asText()).toList())
                .containsExactlyInAnyOrderElementsOf(expected.subscriptions().stream().flatMap(s -> s.deletedVaults().stream()).toList());
        assertThat(result.ofType("managedHsm")).hasSize(
                expected.subscriptions().stream().mapToInt(s -> s.managedHsms().size()).sum());
    }

    @Test
    void roleAssignmentsCarryResolvedRoleNamesAndInheritance() {
        List<JsonNode> assignments = result.ofType("roleAssignment");
        assertThat(assignments).allSatisfy(a -> assertThat(a.at("/attributes/roleName").isNull()).isFalse());
        assertThat(assignments).anyMatch(a -> a.at("/attributes/inherited").asBoolean())
                .anyMatch(a -> !a.at("/attributes/inherited").asBoolean());
    }

    @Test
    void noRecordCarriesSecretMaterial() {
        for (JsonNode r : result.records()) {
            String text = r.toString();
            assertThat(text).doesNotContain("\"value\"").doesNotContain("PRIVATE KEY").doesNotContain("\"n\":");
        }
    }

    private List<String> names(String type, String vault) {
        return result.where(type, r -> vault.equalsIgnoreCase(r.path("vault").asText())).stream()
                .map(r -> r.at("/attributes/name").asText()).toList();
    }
}
