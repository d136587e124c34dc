package io.kvcompliance.sandbox.entra;

import static io.kvcompliance.sandbox.entra.EntraTestTenant.ARM_SCOPE;
import static io.kvcompliance.sandbox.entra.EntraTestTenant.WEB_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvcompliance.sandbox.http.SandboxResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token and devicecode endpoints, called directly with SandboxRequests: no socket, no msal4j. */
class TokenEndpointTest extends HandlerTestSupport {
    @Test
    void refreshTokenIsBoundToItsClientAndErrorsCarryEntraFields() {
        JsonNode tokens = redeemWebCode(ARM_SCOPE + " offline_access openid");
        assertThat(tokens.path("scope").asText()).isEqualTo(ARM_SCOPE);
        assertThat(tokens.path("expires_in").isInt()).isTrue();
        assertThat(tokens.has("client_info")).isFalse();

        SandboxResponse stolen = post(tokenPath(), Map.of("grant_type", "refresh_token", "client_id", t.cliAppId,
                "refresh_token", tokens.path("refresh_token").asText(), "scope", ARM_SCOPE),
                Map.of("client-request-id", "0a1b2c3d-0000-4000-8000-000000000001"));

        assertThat(stolen.status()).isEqualTo(400);
        JsonNode error = json(stolen);
        assertThat(error.path("error").asText()).isEqualTo("invalid_grant");
        assertThat(error.path("error_codes").get(0).asInt()).isEqualTo(70000);
        assertThat(error.path("correlation_id").asText()).isEqualTo("0a1b2c3d-0000-4000-8000-000000000001");
        assertThat(error.path("trace_id").asText()).isNotEmpty();
        assertThat(error.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ");
        assertThat(error.path("error_uri").asText()).isEqualTo("https://login.sandbox.test/error?code=70000");
        assertThat(error.path("error_description").asText()).startsWith("AADSTS70000:").contains("Trace ID:");
        assertThat(stolen.headers()).containsEntry("Cache-Control", "no-store, no-cache");
    }

    @Test
    void confidentialClientMustAuthenticateToRedeemACode() {
        AuthorizationResponse code = entra.approveSignIn(authorizeUrl(authorize(t.webAppId, WEB_REDIRECT, ARM_SCOPE)),
                t.alice);

        SandboxResponse r = post(tokenPath(), Map.of("grant_type", "authorization_code", "client_id", t.webAppId,
                "code", code.code(), "redirect_uri", WEB_REDIRECT, "scope", ARM_SCOPE));

        assertThat(r.status()).isEqualTo(401);
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_client");
        assertThat(json(r).path("error_codes").get(0).asInt()).isEqualTo(7000218);
    }

    @Test
    void codeIsBoundToItsRedirectUri() {
        AuthorizationResponse code = entra.approveSignIn(authorizeUrl(authorize(t.webAppId, WEB_REDIRECT, ARM_SCOPE)),
                null);

        SandboxResponse r = post(tokenPath(), Map.of("grant_type", "authorization_code", "client_id", t.webAppId,
                "client_secret", t.webSecret, "code", code.code(), "redirect_uri", "http://localhost:8080/callback"));

        assertThat(json(r).path("error_codes").get(0).asInt()).isEqualTo(500112);
    }

    @Test
    void tokenEndpointRefusesGetAndUnknownGrants() {
        assertThat(get(tokenPath(), Map.of()).status()).isEqualTo(405);
        SandboxResponse r = post(tokenPath(), Map.of("grant_type", "password", "client_id", t.cliAppId));
        assertThat(json(r).path("error").asText()).isEqualTo("unsupported_grant_type");
        SandboxResponse orgs = post("/organizations/oauth2/v2.0/token", Map.of("grant_type", "client_credentials",
                "client_id", t.daemonAppId, "client_secret", t.daemonSecret, "scope", "https://vault.azure.net/.default"));
        assertThat(json(orgs).path("error_codes").get(0).asInt()).isEqualTo(50059);
    }

    @Test
    void deviceCodePollingAnswersPendingThenBadThenExpired() {
        JsonNode issued = json(post("/" + t.tenantId + "/oauth2/v2.0/devicecode",
                Map.of("client_id", t.cliAppId, "scope", ARM_SCOPE + " offline_access")));
        assertThat(issued.path("expires_in").asInt()).isEqualTo(900);
        assertThat(issued.path("interval").asInt()).isEqualTo(1);

        SandboxResponse pending = pollDevice(issued.path("device_code").asText());
        assertThat(pending.status()).isEqualTo(400);
        assertThat(json(pending).path("error").asText()).isEqualTo("authorization_pending");
        assertThat(json(pending).path("error_codes").get(0).asInt()).isEqualTo(70016);
        assertThat(json(pollDevice("not-a-code")).path("error").asText()).isEqualTo("bad_verification_code");

        ctx.updateSettings(s -> s.toBuilder().deviceCodeLifetimeSeconds(0).build());
        JsonNode shortLived = json(post("/" + t.tenantId + "/oauth2/v2.0/devicecode",
                Map.of("client_id", t.cliAppId, "scope", ARM_SCOPE)));
        assertThat(json(pollDevice(shortLived.path("device_code").asText())).path("error").asText())
                .isEqualTo("expired_token");
    }

    private JsonNode redeemWebCode(String scope) {
        AuthorizationResponse code = entra.approveSignIn(authorizeUrl(authorize(t.webAppId, WEB_REDIRECT, scope)),
                t.alice);
        SandboxResponse r = post(tokenPath(), Map.of("grant_type", "authorization_code", "client_id", t.webAppId,
                "client_secret", t.webSecret, "code", code.code(), "redirect_uri", WEB_REDIRECT, "scope", scope));
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        return json(r);
    }

    private SandboxResponse pollDevice(String deviceCode) {
        return post(tokenPath(), Map.of("grant_type", TokenEndpoint.DEVICE_CODE_GRANT, "client_id", t.cliAppId,
                "device_code", deviceCode));
    }
}
