package io.kvcompliance.sandbox;

import static io.kvcompliance.sandbox.DefaultTenant.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvcompliance.sandbox.SandboxTestClient.Reply;
import io.kvcompliance.sandbox.http.SandboxMetrics.ViolationKind;
import org.junit.jupiter.api.Test;

/** Resource Manager's 401s: missing, forged, expired, wrong-audience and wrong-tenant tokens. */
class SandboxTokenValidationTest extends DefaultSandboxTest {
    static final String SUBSCRIPTIONS = "https://management.sandbox.test/subscriptions?api-version=2022-12-01";

    @Test
    void missingTokenGetsAuthenticationFailedWithChallenge() throws Exception {
        Reply r = client.get(SUBSCRIPTIONS, null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("AuthenticationFailed");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer authorization_uri=\"https://login.sandbox.test/\"");
    }

    @Test
    void forgedTokenIsInvalid() throws Exception {
        String token = sandbox.issueAccessToken(ALICE, ARM, 3600);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        assertThat(client.get(SUBSCRIPTIONS, forged).json().at("/error/code").asText()).isEqualTo("InvalidAuthenticationToken");
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        Reply r = client.get(SUBSCRIPTIONS, sandbox.issueAccessToken(ALICE, ARM, -5));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("ExpiredAuthenticationToken");
    }

    @Test
    void keyVaultTokenOnResourceManagerIsAWrongAudienceViolation() throws Exception {
        long before = sandbox.metrics().violations(ViolationKind.WRONG_AUDIENCE_TOKEN);
        Reply r = client.get(SUBSCRIPTIONS, sandbox.issueAccessToken(ALICE, VAULT, 3600));
        assertThat(r.json().at("/error/code").asText()).isEqualTo("InvalidAuthenticationTokenAudience");
        assertThat(sandbox.metrics().violations(ViolationKind.WRONG_AUDIENCE_TOKEN)).isEqualTo(before + 1);
    }

    @Test
    void tokenFromAnotherTenantNamesTheTenantToUse() throws Exception {
        Reply r = client.get("https://management.sandbox.test/subscriptions/" + PROD
                + "/providers/Microsoft.KeyVault/vaults?" + KV_API, sandbox.issueAccessToken(FIONA, ARM, 3600));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("InvalidAuthenticationTokenTenant");
        assertThat(r.json().at("/error/message").asText()).contains("https://login.sandbox.test/" + TENANT);
    }

    @Test
    void indexDescribesEndpointsTenantsAndWhoCanSignIn() throws Exception {
        Reply r = client.get(sandbox.localUrl() + "/", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("armEndpoint").asText()).isEqualTo("https://management.sandbox.test");
        assertThat(r.json().get("dataPlaneHostPattern").asText()).isEqualTo("https://{vault}.vault.sandbox.test");
        assertThat(r.json().at("/tenants/0/principals").toString()).contains(ALICE);
    }
}
