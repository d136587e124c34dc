package io.kvcompliance.sandbox;

import static io.kvcompliance.sandbox.DefaultTenant.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvcompliance.sandbox.SandboxTestClient.Reply;
import io.kvcompliance.sandbox.http.SandboxMetrics.ViolationKind;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Key Vault data plane of the default tenant: lists, certificates, access decisions, violations. */
class SandboxDataPlaneTest extends DefaultSandboxTest {

    @BeforeEach
    void reset() {
        sandbox.resetCounters();
    }

    private String vaultToken(String principal) {
        return sandbox.issueAccessToken(principal, VAULT, 3600);
    }

    private static String url(String vault, String path) {
        return "https://" + vault + ".vault.sandbox.test" + path + (path.contains("?") ? "&" : "?") + DP_API;
    }

    @Test
    void certificateListPagesWithMaxresultsAndNullNextLinkAtTheEnd() throws Exception {
        List<JsonNode> items = SandboxArmTest.all(client, url("kv-prod-payments", "/certificates?maxresults=1"),
                vaultToken(ALICE));
        assertThat(items).hasSize(6).allSatisfy(c -> assertThat(c.get("x5t").asText()).isNotBlank());
        Reply last = client.get(url("kv-prod-payments", "/certificates?maxresults=25"), vaultToken(ALICE));
        assertThat(last.json().get("nextLink").isNull()).as("server cap 2 still pages").isFalse();
    }

    @Test
    void maxresultsOutsideOneToTwentyFiveIsRejected() throws Exception {
        Reply r = client.get(url("kv-prod-payments", "/certificates?maxresults=26"), vaultToken(ALICE));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("BadParameter");
    }

    @Test
    void certificateGetServesARealX509MatchingItsAttributes() throws Exception {
        for (JsonNode item : SandboxArmTest.all(client, url("kv-prod-payments", "/certificates"), vaultToken(ALICE))) {
            String name = item.get("id").asText().replaceAll(".*/", "");
            Reply r = client.get(url("kv-prod-payments", "/certificates/" + name), vaultToken(ALICE));
            assertThat(r.status()).isEqualTo(200);
            JsonNode bundle = r.json();
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(bundle.get("cer").asText())));
            assertThat(cert.getNotAfter().toInstant()).isEqualTo(Instant.ofEpochSecond(bundle.at("/attributes/exp").asLong()));
            assertThat(cert.getNotBefore().toInstant()).isEqualTo(Instant.ofEpochSecond(bundle.at("/attributes/nbf").asLong()));
            assertThat(cert.getSubjectX500Principal().getName()).isEqualToIgnoringWhitespace(
                    bundle.at("/policy/x509_props/subject").asText().replace(", ", ","));
            boolean self = bundle.at("/policy/issuer/name").asText().equals("Self");
            assertThat(cert.getIssuerX500Principal().equals(cert.getSubjectX500Principal())).isEqualTo(self);
            assertThat(bundle.get("x5t").asText()).isEqualTo(item.get("x5t").asText());
        }
    }

    @Test
    void keyAndSecretListsIncludeCertificateBackedObjectsMarkedManaged() throws Exception {
        List<JsonNode> secrets = SandboxArmTest.all(client, url("kv-prod-payments", "/secrets"), vaultToken(ALICE));
        assertThat(secrets).as("own secrets, one of them the declared managed web-tls, plus 5 backing").hasSize(7 + 5).anyMatch(s -> s.path("managed").asBoolean())
                .allSatisfy(s -> assertThat(s.has("value")).isFalse());
        List<JsonNode> keys = SandboxArmTest.all(client, url("kv-prod-payments", "/keys"), vaultToken(ALICE));
        assertThat(keys).hasSize(7 + 5).allSatisfy(k -> assertThat(k.has("key")).isFalse());
        assertThat(sandbox.metrics().violationCount()).isZero();
    }

    @Test
    void rbacVaultWithoutDataActionAnswersForbiddenByRbac() throws Exception {
        Reply r = client.get(url("kv-dev-rbac", "/certificates"), vaultToken(ALICE));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().at("/error/innererror/code").asText()).isEqualTo("ForbiddenByRbac");
        assertThat(r.json().at("/error/message").asText()).contains("Microsoft.KeyVault/vaults/certificates/read");
    }

    @Test
    void accessPolicyVaultWithoutListPermissionAnswersForbiddenByPolicy() throws Exception {
        Reply certs = client.get(url("kv-dev-apps", "/certificates"), vaultToken(ALICE));
        assertThat(certs.status()).isEqualTo(403);
        assertThat(certs.json().at("/error/innererror/code").asText()).isEqualTo("ForbiddenByPolicy");
        assertThat(client.get(url("kv-dev-apps", "/keys"), vaultToken(ALICE)).status()).isEqualTo(200);
    }

    @Test
    void networkRulesBlockBeforePermissions() throws Exception {
        Reply firewall = client.get(url("kv-prod-firewall", "/certificates"), vaultToken(ALICE));
        assertThat(firewall.json().at("/error/innererror/code").asText()).isEqualTo("ForbiddenByFirewall");
        assertThat(firewall.json().at("/error/message").asText()).contains("Client address: 127.0.0.1");
        Reply privateOnly = client.get(url("kv-prod-private", "/certificates"), vaultToken(ALICE));
        assertThat(privateOnly.json().at("/error/innererror/code").asText()).isEqualTo("ForbiddenByConnection");
    }

    @Test
    void missingTokenGetsTheChallengeKeyVaultClientsFollow() throws Exception {
        Reply r = client.get(url("kv-prod-payments", "/certificates"), null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer authorization=\"https://login.sandbox.test/"
                + TENANT + "\", resource=\"https://vault.azure.net\"");
    }

    @Test
    void armTokenOnTheDataPlaneIsRefusedAndCountedAsWrongAudience() throws Exception {
        Reply r = client.get(url("kv-prod-payments", "/certificates"), sandbox.issueAccessToken(ALICE, ARM, 3600));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().at("/error/message").asText()).contains("AKV10022");
        assertThat(sandbox.metrics().violations(ViolationKind.WRONG_AUDIENCE_TOKEN)).isEqualTo(1);
    }

    @Test
    void valueAndKeyMaterialEndpointsAnswerLikeAzureAndCountViolations() throws Exception {
        Reply secret = client.get(url("kv-prod-payments", "/secrets/" + firstName("/secrets", "id")), vaultToken(ALICE));
        assertThat(secret.status()).as("Key Vault Reader lacks getSecret").isEqualTo(403);
        Reply key = client.get(url("kv-prod-payments", "/keys/" + firstName("/keys", "kid")), vaultToken(ALICE));
        assertThat(key.status()).isEqualTo(200);
        assertThat(key.json().at("/key/kty").asText()).isNotBlank();
        client.send("POST", url("kv-prod-payments", "/keys/" + firstName("/keys", "kid") + "/backup"), vaultToken(ALICE), "{}");
        assertThat(sandbox.metrics().violations(ViolationKind.SECRET_VALUE_READ)).isEqualTo(1);
        assertThat(sandbox.metrics().violations(ViolationKind.KEY_MATERIAL_READ)).isEqualTo(1);
        assertThat(sandbox.metrics().violations(ViolationKind.PRIVATE_KEY_READ)).isEqualTo(1);
    }

    private String firstName(String list, String idField) throws Exception {
        Reply r = client.get(url("kv-prod-payments", list), vaultToken(ALICE));
        return r.json().get("value").get(0).get(idField).asText().replaceAll(".*/", "");
    }

    @Test
    void secretValueIsServedToAPrincipalAllowedToReadIt() throws Exception {
        String token = sandbox.issueAccessToken(COLLECTOR_APP, VAULT, 3600);
        Reply list = client.get(url("kv-prod-legacy", "/secrets"), token);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        String name = list.json().get("value").get(0).get("id").asText().replaceAll(".*/", "");
        Reply value = client.get(url("kv-prod-legacy", "/secrets/" + name), token);
        assertThat(value.status()).isEqualTo(200);
        assertThat(value.json().get("value").asText()).isNotBlank();
        assertThat(sandbox.metrics().violations(ViolationKind.SECRET_VALUE_READ)).isEqualTo(1);
    }
}
