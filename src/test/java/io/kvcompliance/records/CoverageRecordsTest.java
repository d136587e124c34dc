package io.kvcompliance.records;

import static io.kvcompliance.records.GoldenFiles.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden coverage cases: each input is an Azure error body (captured from the sandbox, or written
 * after Azure's documented shapes for consent, ARM throttling and 500) inside a hand-made
 * {@code request} that says which call it answered.
 */
class CoverageRecordsTest {
    static Stream<String> cases() {
        return GoldenFiles.cases("coverage");
    }

    static ComplianceRecord map(JsonNode in) {
        JsonNode req = in.get("request");
        RecordContext ctx = req.has("vaultId") ? GoldenFiles.subscriptionContext().withVault(req.get("vaultId").asText())
                : RecordContext.forSubscription(GoldenFiles.TENANT, req.get("subscriptionId").asText(),
                GoldenFiles.SYNC_ID, GoldenFiles.COLLECTED_AT);
        Provenance call = new Provenance(req.get("api").asText(), req.get("operation").asText(),
                req.get("apiVersion").asText());
        String objectType = req.get("objectType").asText();
        if (in.get("httpStatus").asInt() == 200) {
            return CoverageRecords.collected(ctx, objectType, in.get("itemCount").asInt(), call);
        }
        return CoverageRecords.gap(ctx, objectType, in.get("itemsBeforeFailure").asInt(), in.get("httpStatus").asInt(),
                in.get("body"), call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsGoldenErrorToExpectedCoverageRecord(String name) {
        GoldenFiles.assertMatchesGolden("coverage", name, map(input("coverage", name)));
    }

    @Test
    void coverageIdIsTheScopeAndObjectType() {
        ComplianceRecord r = map(input("coverage", "denied-arm-keys"));
        assertThat(r.azureId()).endsWith("/vaults/kv-prod-denied/coverage/keys");
        assertThat(r.vault()).isEqualTo("kv-prod-denied");
        ComplianceRecord sub = map(input("coverage", "throttled-arm-vault-list"));
        assertThat(sub.azureId()).isEqualTo("/subscriptions/" + GoldenFiles.PROD + "/coverage/vaults");
        assertThat(sub.vault()).isNull();
    }

    @Test
    void collectedAndGapOfTheSameScopeShareTheRecordId() {
        ComplianceRecord collected = map(input("coverage", "collected-keys"));
        ComplianceRecord failed = CoverageRecords.of(GoldenFiles.paymentsVaultContext(), "keys", CoverageStatus.FAILED,
                null, null, null, "connection reset", collected.provenance());
        assertThat(failed.recordId()).isEqualTo(collected.recordId());
        assertThat(failed.attributes()).containsEntry("httpStatus", null);
    }

    @Test
    void longMessagesAreCut() {
        ComplianceRecord r = CoverageRecords.of(GoldenFiles.paymentsVaultContext(), "keys", CoverageStatus.FAILED,
                0, 500, "X", "m".repeat(5000), Provenance.resourceManager("Keys_List", "2024-11-01"));
        assertThat((String) r.attributes().get("message")).hasSize(CoverageRecords.MAX_MESSAGE + 3);
    }

    @Test
    void objectTypeIsRequired() {
        assertThatThrownBy(() -> CoverageRecords.collected(GoldenFiles.paymentsVaultContext(), " ", 0,
                Provenance.resourceManager("Keys_List", "2024-11-01"))).isInstanceOf(IllegalArgumentException.class);
    }
}
