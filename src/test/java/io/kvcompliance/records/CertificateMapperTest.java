package io.kvcompliance.records;

import static io.kvcompliance.records.GoldenFiles.input;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CertificateMapperTest {
    private final CertificateMapper mapper = new CertificateMapper(GoldenFiles.DATA_PLANE_API);

    static Stream<String> cases() {
        return GoldenFiles.cases("certificate");
    }

    /** Files named list-item-* are GetCertificates items; the others are GetCertificate bundles. */
    private ComplianceRecord map(String name) {
        return name.startsWith("list-item-")
                ? mapper.mapListItem(input("certificate", name), GoldenFiles.paymentsVaultContext())
                : mapper.map(input("certificate", name), GoldenFiles.paymentsVaultContext());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsGoldenInputToExpectedRecord(String name) {
        GoldenFiles.assertMatchesGolden("certificate", name, map(name));
    }

    @Test
    void thumbprintIsUpperCaseHexOfX5t() {
        String x5t = input("certificate", "web-tls").get("x5t").asText();
        String hex = java.util.HexFormat.of().withUpperCase().formatHex(Base64.getUrlDecoder().decode(x5t));
        assertThat(map("web-tls").attributes()).containsEntry("thumbprint", hex);
        assertThat(hex).hasSize(40);
    }

    @Test
    void subjectIssuerAndSerialComeFromThePublicCertificate() {
        assertThat(map("api-gateway-tls").attributes()).containsEntry("subject", "CN=api.contoso.sandbox.test")
                .containsEntry("issuer", "CN=DigiCert Sandbox CA,O=DigiCert Inc")
                .containsEntry("serialNumber", "F289FBB9B737D2283675510C0D826292")
                .containsEntry("selfSigned", false).containsEntry("policyIssuerName", "DigiCert");
        assertThat(map("web-tls").attributes()).containsEntry("selfSigned", true);
    }

    @Test
    void serialNumberIsWrittenInWholeBytesLikeOpenssl() {
        assertThat(map("signing-ec").attributes()).containsEntry("serialNumber", "02A4E20766D1B3B6ED0F1EE3F99CAEBD");
    }

    @Test
    void versionedBundleAndListItemShareOneRecordId() {
        ComplianceRecord bundle = map("web-tls");
        assertThat(input("certificate", "web-tls").get("id").asText()).matches(".*/web-tls/[0-9a-f]{32}");
        assertThat(bundle.attributes().get("version")).isNotNull();
        assertThat(bundle.azureId()).isEqualTo("https://kv-prod-payments.vault.sandbox.test/certificates/web-tls");
        assertThat(map("list-item-web-tls").recordId()).isEqualTo(bundle.recordId());
        assertThat(map("edge-no-x5t-no-policy-port-443").recordId()).isEqualTo(bundle.recordId());
    }

    @Test
    void missingX5tFallsBackToTheSha1OfTheCertificate() {
        assertThat(map("edge-no-x5t-no-policy-port-443").attributes().get("thumbprint"))
                .isEqualTo(map("web-tls").attributes().get("thumbprint"));
    }

    @Test
    void listItemLeavesBundleOnlyFieldsNull() {
        ComplianceRecord r = map("list-item-web-tls");
        assertThat(r.provenance().operation()).isEqualTo("GetCertificates");
        assertThat(r.attributes()).containsEntry("subject", null).containsEntry("keyType", null)
                .containsEntry("selfSigned", null).containsEntry("notAfter", "2026-02-21T12:00:00Z");
        assertThat(r.attributes().keySet()).isEqualTo(map("web-tls").attributes().keySet());
    }

    @Test
    void publicCertificateBytesAreNotCopied() {
        String cer = input("certificate", "web-tls").get("cer").asText();
        assertThat(RecordJson.toJson(map("web-tls"))).doesNotContain(cer.substring(0, 40));
    }
}
