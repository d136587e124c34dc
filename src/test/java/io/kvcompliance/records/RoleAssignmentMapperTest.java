package io.kvcompliance.records;

import static io.kvcompliance.records.GoldenFiles.input;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RoleAssignmentMapperTest {
    private final RoleAssignmentMapper mapper = new RoleAssignmentMapper(GoldenFiles.AUTHORIZATION_API);
    private static final Map<String, String> ROLE_NAMES = roleNames();

    private static Map<String, String> roleNames() {
        List<JsonNode> definitions = new ArrayList<>();
        GoldenFiles.read(GoldenFiles.ROOT.resolve("roleAssignment/role-definitions.json")).forEach(definitions::add);
        return RoleDefinitionIndex.build(definitions);
    }

    static Stream<String> cases() {
        return GoldenFiles.cases("roleAssignment");
    }

    private ComplianceRecord map(String name) {
        return mapper.map(input("roleAssignment", name), ROLE_NAMES, GoldenFiles.paymentsVaultContext());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsGoldenInputToExpectedRecord(String name) {
        GoldenFiles.assertMatchesGolden("roleAssignment", name, map(name));
    }

    @Test
    void roleDefinitionIndexMapsLowerCaseGuidsToNames() {
        assertThat(ROLE_NAMES).containsEntry("21090545-7ca7-4776-b22c-e363652d74d2", "Key Vault Reader")
                .containsEntry("8323b037-6e55-4cc4-b29d-b6a0d8b34c6f", "Vault Lister");
        assertThat(RoleDefinitionIndex.guidOf("/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/ABC"))
                .isEqualTo("abc");
    }

    @Test
    void managementGroupAssignmentIsInheritedWithItsLevel() {
        assertThat(map("payments-377f111f").attributes()).containsEntry("scopeLevel", "managementGroup")
                .containsEntry("inherited", true).containsEntry("roleName", "Reader")
                .containsEntry("roleDefinitionId", "acdd72a7-3385-48ef-bd42-f606fba81ae7");
    }

    @Test
    void vaultScopeIsComparedCaseInsensitively() {
        assertThat(map("edge-vault-scope-other-casing").attributes()).containsEntry("scopeLevel", "vault")
                .containsEntry("inherited", false).containsEntry("roleName", "Key Vault Secrets User")
                .containsEntry("createdOn", "2025-01-15T09:00:00Z");
    }

    @Test
    void unknownRoleDefinitionHasNullNameAndMissingConditionIsNull() {
        assertThat(map("edge-root-scope-unknown-role").attributes()).containsEntry("roleName", null)
                .containsEntry("scopeLevel", "root").containsEntry("condition", null)
                .containsEntry("conditionVersion", null);
    }

    @Test
    void conditionIsCarriedVerbatim() {
        assertThat((String) map("payments-d95a6c94").attributes().get("condition")).startsWith("((!(ActionMatches{");
        assertThat(map("payments-d95a6c94").attributes()).containsEntry("conditionVersion", "2.0");
    }

    @Test
    void sameAssignmentSeenFromTwoVaultsKeepsARecordPerVault() {
        JsonNode mg = input("roleAssignment", "payments-377f111f");
        RecordContext other = GoldenFiles.subscriptionContext().withVault("/subscriptions/" + GoldenFiles.PROD
                + "/resourceGroups/rg-payments/providers/Microsoft.KeyVault/vaults/kv-prod-firewall");
        ComplianceRecord first = mapper.map(mg, ROLE_NAMES, GoldenFiles.paymentsVaultContext());
        ComplianceRecord second = mapper.map(mg, ROLE_NAMES, other);
        assertThat(first.recordId()).isNotEqualTo(second.recordId());
        assertThat(first.azureId()).isEqualTo(second.azureId());
        assertThat(second.vault()).isEqualTo("kv-prod-firewall");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"/, root", "/providers/Microsoft.Management/managementGroups/mg1, managementGroup",
            "/subscriptions/s1, subscription", "/subscriptions/s1/resourceGroups/rg, resourceGroup",
            "/subscriptions/s1/resourcegroups/rg/providers/microsoft.keyvault/vaults/v, vault",
            "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v/secrets/s, resource"})
    void scopeLevelIsReadFromTheScopeString(String scope, String level) {
        assertThat(RoleAssignmentMapper.scopeLevel(scope)).isEqualTo(level);
    }
}
