package io.kvcompliance.records;

import static io.kvcompliance.records.GoldenFiles.input;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class VaultMapperTest {
    private final VaultMapper mapper = new VaultMapper(GoldenFiles.ARM_KEYVAULT_API);

    static Stream<String> cases() {
        return GoldenFiles.cases("vault");
    }

    private ComplianceRecord map(String name) {
        return mapper.map(input("vault", name), GoldenFiles.subscriptionContext());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsGoldenInputToExpectedRecord(String name) {
        GoldenFiles.assertMatchesGolden("vault", name, map(name));
    }

    @Test
    void absentFlagsTakeAzureDefaults() {
        Map<String, Object> a = map("kv-prod-legacy").attributes();
        assertThat(a).containsEntry("softDeleteEnabled", true).containsEntry("softDeleteRetentionDays", 90)
                .containsEntry("purgeProtectionEnabled", false).containsEntry("rbacAuthorization", false)
                .containsEntry("publicNetworkAccess", "Enabled").containsEntry("networkDefaultAction", "Allow")
                .containsEntry("networkBypass", "AzureServices").containsEntry("ipRuleCount", 0)
                .containsEntry("virtualNetworkRuleCount", 0).containsEntry("enabledForDeployment", false);
    }

    @Test
    void lowerCaseEnabledPublicAccessIsReportedAsEnabled() {
        assertThat(input("vault", "kv-prod-denied").at("/properties/publicNetworkAccess").asText()).isEqualTo("enabled");
        assertThat(map("kv-prod-denied").attributes()).containsEntry("publicNetworkAccess", "Enabled");
        assertThat(map("edge-uri-without-slash").attributes()).containsEntry("publicNetworkAccess", "Disabled")
                .containsEntry("networkDefaultAction", "Deny").containsEntry("networkBypass", "None");
    }

    @Test
    void vaultUriGetsExactlyOneTrailingSlashAndNoDefaultPort() {
        assertThat(map("edge-uri-without-slash").attributes())
                .containsEntry("vaultUri", "https://kv-edge-uri.vault.azure.net/");
        assertThat(map("kv-prod-payments").attributes())
                .containsEntry("vaultUri", "https://kv-prod-payments.vault.sandbox.test/");
    }

    @Test
    void softDeleteSwitchedOffHasNoRetention() {
        assertThat(map("kv-legacy-old").attributes()).containsEntry("softDeleteEnabled", false)
                .containsEntry("softDeleteRetentionDays", null);
    }

    @Test
    void envelopeScopeComesFromTheVaultIdInItsOwnCasing() {
        ComplianceRecord r = map("edge-uri-without-slash");
        assertThat(r.subscriptionId()).isEqualTo(GoldenFiles.PROD);
        assertThat(r.resourceGroup()).isEqualTo("RG-Edge");
        assertThat(r.vault()).isEqualTo("kv-edge-uri");
        assertThat(r.provenance()).isEqualTo(new Provenance("resource-manager", "Vaults_Get", "2024-11-01"));
    }

    @Test
    void tagNamedValueIsKeptBecauseTagNamesAreNotAzureFields() {
        assertThat(map("edge-uri-without-slash").attributes().get("tags"))
                .isEqualTo(Map.of("value", "tag names are the customer's words", "owner", "edge-team"));
    }
}
