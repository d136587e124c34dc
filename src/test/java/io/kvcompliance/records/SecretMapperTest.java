package io.kvcompliance.records;

import static io.kvcompliance.records.GoldenFiles.input;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SecretMapperTest {
    private final SecretMapper mapper = new SecretMapper(GoldenFiles.ARM_KEYVAULT_API);

    static Stream<String> cases() {
        return GoldenFiles.cases("secret");
    }

    private ComplianceRecord map(String name) {
        return mapper.map(input("secret", name), GoldenFiles.paymentsVaultContext());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsGoldenInputToExpectedRecord(String name) {
        GoldenFiles.assertMatchesGolden("secret", name, map(name));
    }

    @Test
    void secretValueIsNeverCopied() {
        ComplianceRecord r = map("edge-value-present");
        assertThat(r.attributes()).doesNotContainKey("value");
        assertThat(RecordJson.toJson(r)).doesNotContain("hunter2");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"application/x-pkcs12, true", "application/x-pem-file, true", "Application/X-PEM-File; charset=utf-8, true",
            "text/plain, false", "'', false"})
    void certificateContentTypesMarkASecretAsBackingACertificate(String contentType, boolean backs) {
        ObjectNode secret = (ObjectNode) input("secret", "db-connection").deepCopy();
        ((ObjectNode) secret.get("properties")).put("contentType", contentType);
        assertThat(mapper.map(secret, GoldenFiles.paymentsVaultContext()).attributes())
                .containsEntry("backsCertificate", backs);
    }

    @Test
    void secretWithoutContentTypeDoesNotBackACertificate() {
        ObjectNode secret = (ObjectNode) input("secret", "db-connection").deepCopy();
        ((ObjectNode) secret.get("properties")).remove("contentType");
        assertThat(mapper.map(secret, GoldenFiles.paymentsVaultContext()).attributes())
                .containsEntry("contentType", null).containsEntry("backsCertificate", false);
    }
}
