package io.kvcompliance.records;

import static io.kvcompliance.records.GoldenFiles.input;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AccessPolicyMapperTest {
    private final AccessPolicyMapper mapper = new AccessPolicyMapper(GoldenFiles.ARM_KEYVAULT_API);

    static Stream<String> cases() {
        return GoldenFiles.cases("accessPolicy");
    }

    private List<ComplianceRecord> map(String name) {
        return mapper.map(input("accessPolicy", name), GoldenFiles.subscriptionContext());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsGoldenVaultToOneRecordPerPolicy(String name) {
        GoldenFiles.assertMatchesGolden("accessPolicy", name, map(name));
    }

    @Test
    @SuppressWarnings("unchecked")
    void permissionsAreLowerCasedSortedAndDeduplicated() {
        Map<String, List<String>> p = (Map<String, List<String>>) map("edge-mixed-case-duplicates").get(0)
                .attributes().get("permissions");
        assertThat(p.get("keys")).containsExactly("get", "list", "wrapkey");
        assertThat(p.get("secrets")).containsExactly("all");
        assertThat(p.get("certificates")).containsExactly("getissuers", "listissuers");
        assertThat(p.get("storage")).isEmpty();
    }

    @Test
    void allGrantsEveryDerivedPermissionOfItsKind() {
        Map<String, Object> a = map("edge-mixed-case-duplicates").get(0).attributes();
        assertThat(a).containsEntry("canReadSecretValues", true).containsEntry("canListSecrets", true)
                .containsEntry("canManageSecrets", true).containsEntry("canManageKeys", false)
                .containsEntry("canManageCertificates", false).containsEntry("canPurge", true);
    }

    @Test
    void emptyPermissionsGrantNothing() {
        Map<String, Object> a = map("edge-mixed-case-duplicates").get(1).attributes();
        assertThat(a).containsEntry("applicationId", null).containsEntry("canReadSecretValues", false)
                .containsEntry("canListSecrets", false).containsEntry("canPurge", false);
    }

    @Test
    void compoundIdentityIsPartOfTheId() {
        ComplianceRecord compound = map("edge-mixed-case-duplicates").get(0);
        assertThat(compound.azureId()).endsWith("/accessPolicies/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
                + "/f75e91ed-64f4-4dd0-9fff-83d632744f78");
        assertThat(compound.recordId()).isEqualTo(ComplianceRecord.recordId(RecordType.ACCESS_POLICY,
                compound.azureId().toUpperCase()));
    }

    @Test
    void rbacVaultWithoutPoliciesGivesNoRecords() {
        assertThat(mapper.map(input("vault", "kv-prod-payments"), GoldenFiles.subscriptionContext())).isEmpty();
    }
}
