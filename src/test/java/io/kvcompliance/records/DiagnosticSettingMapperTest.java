package io.kvcompliance.records;

import static io.kvcompliance.records.GoldenFiles.input;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DiagnosticSettingMapperTest {
    private final DiagnosticSettingMapper mapper = new DiagnosticSettingMapper(GoldenFiles.INSIGHTS_API);

    static Stream<String> cases() {
        return GoldenFiles.cases("diagnosticSetting");
    }

    private ComplianceRecord map(String name) {
        return mapper.map(input("diagnosticSetting", name), GoldenFiles.subscriptionContext());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsGoldenInputToExpectedRecord(String name) {
        GoldenFiles.assertMatchesGolden("diagnosticSetting", name, map(name));
    }

    @Test
    void auditEventToAWorkspaceIsLogged() {
        assertThat(map("kv-prod-payments-to-law").attributes()).containsEntry("auditEventLogged", true)
                .containsEntry("enabledLogCategories", List.of("AuditEvent"));
    }

    @Test
    void auditAndAllLogsCategoryGroupsCountAsAuditLogging() {
        assertThat(map("audit-to-storage").attributes()).containsEntry("auditEventLogged", true)
                .containsEntry("enabledLogCategoryGroups", List.of("audit"));
        assertThat(map("all-logs-to-eventhub").attributes()).containsEntry("auditEventLogged", true)
                .containsEntry("enabledLogCategoryGroups", List.of("allLogs"));
    }

    @Test
    void disabledAuditEventIsNotLogged() {
        assertThat(map("audit-disabled").attributes()).containsEntry("auditEventLogged", false)
                .containsEntry("enabledLogCategories", List.of()).containsEntry("enabledMetrics", List.of("AllMetrics"));
    }

    @Test
    void auditEventWithoutADestinationIsNotLoggedAndCategoryCasingIsFolded() {
        assertThat(map("edge-audit-without-destination").attributes()).containsEntry("auditEventLogged", false)
                .containsEntry("enabledLogCategories", List.of("AuditEvent", "AzurePolicyEvaluationDetails"))
                .containsEntry("enabledLogCategoryGroups", List.of());
    }

    @Test
    void vaultOfTheRecordIsReadFromTheSettingId() {
        ComplianceRecord r = map("audit-to-storage");
        assertThat(r.vault()).isEqualTo("kv-prod-firewall");
        assertThat(r.resourceGroup()).isEqualTo("rg-payments");
    }
}
