package io.kvcompliance.records;

import static io.kvcompliance.records.GoldenFiles.input;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyMapperTest {
    private final KeyMapper mapper = new KeyMapper(GoldenFiles.ARM_KEYVAULT_API);

    static Stream<String> cases() {
        return GoldenFiles.cases("key");
    }

    private ComplianceRecord map(String name) {
        return mapper.map(input("key", name), GoldenFiles.paymentsVaultContext());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsGoldenInputToExpectedRecord(String name) {
        GoldenFiles.assertMatchesGolden("key", name, map(name));
    }

    @Test
    void jwkFieldsRidingAlongAreNeverCopied() {
        assertThat(input("key", "edge-port-443-and-jwk-fields").at("/properties/n").isTextual()).isTrue();
        String json = RecordJson.toJson(map("edge-port-443-and-jwk-fields"));
        assertThat(json).doesNotContain("AQAB").doesNotContain("u1SU1LfVLPHC").doesNotContain("private-exponent");
    }

    @Test
    void keyUriLosesTheDefaultPort() {
        assertThat(map("edge-port-443-and-jwk-fields").attributes())
                .containsEntry("keyUri", "https://kv-prod-payments.vault.azure.net/keys/edge-jwk");
    }

    @Test
    void rotationPolicyIsSummarisedFromItsActions() {
        Map<String, Object> expected = new HashMap<>();
        expected.put("enabled", true);
        expected.put("rotateAfter", "P335D");
        expected.put("rotateBeforeExpiry", null);
        expected.put("expiryTime", "P1Y");
        expected.put("notifyBeforeExpiry", "P30D");
        assertThat(map("payments-signing").attributes().get("rotationPolicy")).isEqualTo(expected);
    }

    @Test
    void keyWithoutRotationPolicyHasNone() {
        assertThat(input("key", "legacy-wrap").at("/properties").has("rotationPolicy")).isFalse();
        assertThat(map("legacy-wrap").attributes()).containsEntry("rotationPolicy", null);
    }

    @Test
    void unixSecondsBecomeIsoUtc() {
        assertThat(map("payments-signing").attributes()).containsEntry("created", "2025-03-28T12:00:00Z")
                .containsEntry("notBefore", null);
    }

    @Test
    void keyOperationsAreASortedSet() {
        assertThat(map("edge-port-443-and-jwk-fields").attributes().get("keyOperations"))
                .isEqualTo(List.of("decrypt", "encrypt", "unwrapKey", "wrapKey"));
    }
}
