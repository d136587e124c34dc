package io.kvcompliance.records;

import static io.kvcompliance.records.GoldenFiles.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Record ids are stable across syncs and blind to the casing of ARM ids. */
class RecordIdentityTest {
    private final VaultMapper vaults = new VaultMapper(GoldenFiles.ARM_KEYVAULT_API);

    @Test
    void sameObjectInTwoSyncsGetsTheSameId() {
        RecordContext monday = RecordContext.forSubscription(GoldenFiles.TENANT, GoldenFiles.PROD, "sync-1",
                Instant.parse("2025-06-02T00:00:00Z"));
        RecordContext tuesday = RecordContext.forSubscription(GoldenFiles.TENANT, GoldenFiles.PROD, "sync-2",
                Instant.parse("2025-06-03T00:00:00Z"));
        ComplianceRecord a = vaults.map(input("vault", "kv-prod-payments"), monday);
        ComplianceRecord b = vaults.map(input("vault", "kv-prod-payments"), tuesday);
        assertThat(a.recordId()).isEqualTo(b.recordId());
        assertThat(a.attributesHash()).isEqualTo(b.attributesHash());
        assertThat(a.syncId()).isNotEqualTo(b.syncId());
    }

    @Test
    void differentCasingOfTheArmIdGivesTheSameIdAndKeepsAzureCasing() {
        ObjectNode shouted = (ObjectNode) input("vault", "kv-prod-payments").deepCopy();
        String id = shouted.get("id").asText();
        shouted.put("id", id.toUpperCase());
        ComplianceRecord original = vaults.map(input("vault", "kv-prod-payments"), GoldenFiles.subscriptionContext());
        ComplianceRecord upper = vaults.map(shouted, GoldenFiles.subscriptionContext());
        assertThat(upper.recordId()).isEqualTo(original.recordId());
        assertThat(upper.azureId()).isEqualTo(id.toUpperCase());
        assertThat(original.azureId()).isEqualTo(id);
    }

    @Test
    void sameIdentityOfDifferentTypesGetsDifferentIds() {
        assertThat(ComplianceRecord.recordId(RecordType.VAULT, "/x")).isNotEqualTo(ComplianceRecord.recordId(RecordType.COVERAGE, "/x"));
    }

    @Test
    void idIsTheNameBasedUuidOfTypeAndLowerCasedIdentity() {
        assertThat(ComplianceRecord.recordId(RecordType.KEY, "/Subscriptions/S/Keys/K")).isEqualTo(
                java.util.UUID.nameUUIDFromBytes("key|/subscriptions/s/keys/k".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString());
    }

    @Test
    void recordWithoutIdentityIsRefused() {
        assertThatThrownBy(() -> ComplianceRecord.recordId(RecordType.KEY, null)).isInstanceOf(IllegalArgumentException.class);
        ObjectNode noId = (ObjectNode) input("key", "payments-signing").deepCopy();
        noId.remove("id");
        assertThatThrownBy(() -> new KeyMapper("2024-11-01").map(noId, GoldenFiles.paymentsVaultContext()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identity");
    }
}
