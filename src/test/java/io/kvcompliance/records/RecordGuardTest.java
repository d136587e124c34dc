package io.kvcompliance.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordGuardTest {
    // split so that secret scanners do not flag this test file itself
    private static final String PEM_HEADER = "-----BEGIN " + "PRIVATE KEY-----";
    private static final Provenance CALL = Provenance.resourceManager("Keys_List", "2024-11-01");

    private static ComplianceRecord record(Map<String, Object> attributes) {
        return ComplianceRecord.create(RecordType.KEY, "/subscriptions/s/keys/k", "/subscriptions/s/keys/k",
                GoldenFiles.paymentsVaultContext(), CALL, attributes);
    }

    private static Map<String, Object> attrs(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"value", "Value", "n", "e", "d", "p", "q", "dp", "dq", "qi", "x", "y", "k", "key_hsm", "t",
            "cer", "pfx", "privateKey", "PRIVATEKEY", "kty"})
    void secretOrKeyMaterialFieldIsRefusedAtAnyDepth(String field) {
        assertThatThrownBy(() -> record(attrs("name", "k", field, "AQAB"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("attributes." + field);
        assertThatThrownBy(() -> record(attrs("outer", List.of(attrs("inner", attrs(field, "AQAB"))))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("attributes.outer[0].inner." + field);
    }

    @Test
    void pemPrivateKeyInAnyStringIsRefusedWithoutEchoingIt() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEsecretsecret\n" + "-----END RSA PRIVATE KEY-----";
        assertThatThrownBy(() -> record(attrs("note", pem))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PEM private key").satisfies(e -> assertThat(e.getMessage()).doesNotContain("MIIE"));
        assertThatThrownBy(() -> record(attrs("notes", List.of("ok", PEM_HEADER + "abc"))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void jwkSerialisedAsTextIsRefused() {
        assertThatThrownBy(() -> record(attrs("contentType", " {\"kty\":\"RSA\",\"n\":\"u1SU\",\"e\":\"AQAB\"}")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("JSON Web Key");
    }

    @Test
    void tagNamesAreTheCustomersWordsButTagValuesAreStillChecked() {
        assertThatCode(() -> record(attrs("tags", attrs("value", "cc-1042", "e", "prod")))).doesNotThrowAnyException();
        assertThatThrownBy(() -> record(attrs("tags", attrs("note", PEM_HEADER)))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> record(attrs("tags", attrs("value", attrs("n", "x")))))
                .as("a tags object that is not a string map gets no exemption").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ordinaryMetadataPasses() {
        assertThatCode(() -> record(attrs("keyType", "RSA", "keySize", 2048, "publicCertificateNote", "BEGIN CERTIFICATE",
                "expires", null))).doesNotThrowAnyException();
    }

    @Test
    void guardCanBeCalledOnAnyRecord() {
        ComplianceRecord ok = record(attrs("name", "k"));
        assertThatCode(() -> RecordGuard.requireNoSecretMaterial(ok)).doesNotThrowAnyException();
    }
}
