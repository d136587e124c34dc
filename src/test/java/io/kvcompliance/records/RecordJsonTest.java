package io.kvcompliance.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordJsonTest {
    private final ComplianceRecord hsm = new ManagedHsmMapper("2024-11-01").map(
            GoldenFiles.input("managedHsm", "hsm-prod-payments"), GoldenFiles.subscriptionContext());

    @Test
    void nullsAreWrittenSoAbsentValuesAreExplicit() throws Exception {
        JsonNode json = GoldenFiles.JSON.readTree(RecordJson.toJson(hsm));
        assertThat(json.has("vault")).isTrue();
        assertThat(json.get("vault").isNull()).isTrue();
        assertThat(json.at("/attributes/securityDomainActivationStatus").isNull()).isTrue();
    }

    @Test
    void envelopeIsWrittenInSchemaOrderWithTheTypeInLowerCamel() {
        String json = RecordJson.toJson(hsm);
        assertThat(json).startsWith("{\"schemaVersion\":1,\"recordId\":\"").contains("\"type\":\"managedHsm\"")
                .doesNotContain("\n");
        assertThat(json.indexOf("\"attributesHash\"")).isLessThan(json.indexOf("\"attributes\":"));
    }

    @Test
    void attributesAreImmutableAfterCreation() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", "k");
        ComplianceRecord r = ComplianceRecord.create(RecordType.KEY, "/k", "/k", GoldenFiles.paymentsVaultContext(),
                Provenance.resourceManager("Keys_List", "2024-11-01"), a);
        a.put("name", "changed");
        assertThat(r.attributes()).containsEntry("name", "k");
        assertThatThrownBy(() -> r.attributes().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void provenanceNamesOneOfTheTwoApis() {
        assertThatThrownBy(() -> new Provenance("graph", "Users_List", "v1.0")).isInstanceOf(IllegalArgumentException.class);
    }
}
