package io.kvcompliance.records;

import static io.kvcompliance.records.GoldenFiles.input;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeletedVaultMapperTest {
    private final DeletedVaultMapper mapper = new DeletedVaultMapper(GoldenFiles.ARM_KEYVAULT_API);

    static Stream<String> cases() {
        return GoldenFiles.cases("deletedVault");
    }

    private ComplianceRecord map(String name) {
        return mapper.map(input("deletedVault", name), GoldenFiles.subscriptionContext());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsGoldenInputToExpectedRecord(String name) {
        GoldenFiles.assertMatchesGolden("deletedVault", name, map(name));
    }

    @Test
    void recordSitsInTheResourceGroupOfTheOriginalVault() {
        ComplianceRecord r = map("kv-prod-old-orders");
        assertThat(r.resourceGroup()).isEqualTo("rg-payments");
        assertThat(r.vault()).isEqualTo("kv-prod-old-orders");
        assertThat(r.azureId()).contains("/locations/westeurope/deletedVaults/");
    }

    @Test
    void absentPurgeProtectionIsFalseAndOffsetTimesBecomeUtc() {
        assertThat(map("edge-absent-purge-protection").attributes()).containsEntry("purgeProtectionEnabled", false)
                .containsEntry("deletionDate", "2025-05-20T08:00:00.500Z");
    }
}
