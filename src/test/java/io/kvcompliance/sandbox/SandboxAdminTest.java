package io.kvcompliance.sandbox;

import static io.kvcompliance.sandbox.DefaultTenant.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvcompliance.sandbox.SandboxTestClient.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The admin API and the README's curl flow: token by client secret, device approval, revocation. */
class SandboxAdminTest extends DefaultSandboxTest {
    static final String PUBLIC_APP = "62c1de51-27b4-47a9-a75e-4bdaa5f13e60";

    private static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private Reply postForm(String url, String body) throws Exception {
        return client.sendForm(url, body);
    }

    @Test
    void clientSecretTokenFromTheTokenEndpointReadsResourceManagerAsTheReadmeShows() throws Exception {
        Reply token = postForm("https://login.sandbox.test/" + TENANT + "/oauth2/v2.0/token", form(
                "grant_type", "client_credentials", "client_id", COLLECTOR_APP, "client_secret", COLLECTOR_SECRET,
                "scope", "https://management.azure.com/.default"));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        Reply subs = client.get("https://management.sandbox.test/subscriptions?api-version=2022-12-01",
                token.json().get("access_token").asText());
        assertThat(subs.status()).isEqualTo(200);
        assertThat(subs.json().get("value").size()).isGreaterThan(0);
    }

    @Test
    void deviceCodeApprovedThroughTheAdminApiCompletesTheFlow() throws Exception {
        String deviceUrl = "https://login.sandbox.test/" + TENANT + "/oauth2/v2.0/";
        Reply code = postForm(deviceUrl + "devicecode", form("client_id", PUBLIC_APP,
                "scope", "https://management.azure.com/user_impersonation offline_access"));
        assertThat(code.status()).as(code.body()).isEqualTo(200);
        String poll = form("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "client_id", PUBLIC_APP,
                "device_code", code.json().get("device_code").asText());
        assertThat(postForm(deviceUrl + "token", poll).json().get("error").asText()).isEqualTo("authorization_pending");
        Reply approved = client.send("POST", sandbox.localUrl() + "/_sandbox/device/approve?user_code="
                + code.json().get("user_code").asText() + "&user=" + BOB, null, null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        Reply token = postForm(deviceUrl + "token", poll);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(token.json().has("refresh_token")).isTrue();

        Reply revoked = client.send("POST", sandbox.localUrl() + "/_sandbox/revoke?principal=" + BOB, null, null);
        assertThat(revoked.json().get("revokedRefreshTokens").asInt()).isGreaterThanOrEqualTo(1);
        Reply refresh = postForm(deviceUrl + "token", form("grant_type", "refresh_token", "client_id", PUBLIC_APP,
                "refresh_token", token.json().get("refresh_token").asText(),
                "scope", "https://management.azure.com/user_impersonation"));
        assertThat(refresh.status()).isEqualTo(400);
        assertThat(refresh.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void adminTokenEndpointIssuesATokenForAnyPrincipal() throws Exception {
        Reply token = client.send("POST", sandbox.localUrl() + "/_sandbox/token?principal=" + ALICE + "&resource=vault",
                null, null);
        assertThat(token.status()).isEqualTo(200);
        Reply certs = client.get("https://kv-prod-payments.vault.sandbox.test/certificates?" + DP_API,
                token.json().get("access_token").asText());
        assertThat(certs.status()).isEqualTo(200);
    }
}
