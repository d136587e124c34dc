package io.kvcompliance.records;

import static io.kvcompliance.records.GoldenFiles.input;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ManagedHsmMapperTest {
    private final ManagedHsmMapper mapper = new ManagedHsmMapper(GoldenFiles.ARM_KEYVAULT_API);

    static Stream<String> cases() {
        return GoldenFiles.cases("managedHsm");
    }

    private ComplianceRecord map(String name) {
        return mapper.map(input("managedHsm", name), GoldenFiles.subscriptionContext());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsGoldenInputToExpectedRecord(String name) {
        GoldenFiles.assertMatchesGolden("managedHsm", name, map(name));
    }

    @Test
    void absentFlagsTakeTheManagedHsmDefaults() {
        assertThat(map("edge-absent-flags").attributes()).containsEntry("softDeleteEnabled", true)
                .containsEntry("softDeleteRetentionDays", 90).containsEntry("purgeProtectionEnabled", true)
                .containsEntry("publicNetworkAccess", "Enabled").containsEntry("networkDefaultAction", "Allow")
                .containsEntry("hsmUri", "https://hsm-edge.managedhsm.azure.net/")
                .containsEntry("initialAdminObjectIds", List.of("1064683d-7688-4d27-a180-6a1b05a5e549",
                        "b17ca9cd-872d-4ac7-afdd-be81a005d824"));
    }

    @Test
    void anHsmIsNotAVault() {
        ComplianceRecord r = map("hsm-prod-payments");
        assertThat(r.vault()).isNull();
        assertThat(r.resourceGroup()).isEqualTo("rg-payments");
    }
}
