package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvcompliance.auth.SignInException;
import io.kvcompliance.records.ComplianceRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sign-in failures inside a partition: consent is a coverage finding, a dead grant ends the sync as reconnect. */
class CoverageSignInTest {
    final Coverage coverage = new Coverage(ApiVersions.fromProperties(k -> null));
    final SyncRun sync = new SyncRun("test");
    final Scope vault = new Scope(sync, "f8680c96-e257-4c51-ba15-649a0f42ea5d", "7d7b0f0e-3a4b-4c4f-9a51-1d2e3f405060",
            "prod", "rg-payments", "kv-prod-payments",
            "/subscriptions/7d7b0f0e-3a4b-4c4f-9a51-1d2e3f405060/resourceGroups/rg-payments/providers/Microsoft.KeyVault/vaults/kv-prod-payments",
            "https://kv-prod-payments.vault.azure.net/");

    @Test
    void missingKeyVaultConsentIsConsentRequiredAndTheSyncStaysComplete() {
        List<ComplianceRecord> records = coverage.failed(sync, coverage.open(vault, "certificates"),
                new SignInException("No consent for the Key Vault data plane: AADSTS65001", "consent_required", false, null));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.attributes()).containsEntry("status", "CONSENT_REQUIRED").containsEntry("errorCode", "consent_required");
        });
        assertThat(sync.status()).isEqualTo(SyncRun.Status.COMPLETE);
    }

    @Test
    void deadGrantInAnyPartitionMakesTheSyncReconnectRequiredOnce() {
        SignInException revoked = new SignInException("Sign-in must be renewed (invalid_grant): AADSTS50173",
                "invalid_grant", true, null);

        coverage.failed(sync, coverage.open(vault, "keys"), new RuntimeException("route failed", revoked));
        coverage.failed(sync, coverage.open(vault, "secrets"), revoked);

        assertThat(sync.status()).isEqualTo(SyncRun.Status.RECONNECT_REQUIRED);
        assertThat(sync.status().exitCode).isEqualTo(4);
        assertThat(sync.failures()).singleElement().asString().contains("AADSTS50173");
    }
}
