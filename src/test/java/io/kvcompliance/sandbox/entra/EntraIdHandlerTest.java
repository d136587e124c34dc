package io.kvcompliance.sandbox.entra;

import static io.kvcompliance.sandbox.entra.EntraTestTenant.ARM_SCOPE;
import static io.kvcompliance.sandbox.entra.EntraTestTenant.VAULT_SCOPE;
import static io.kvcompliance.sandbox.entra.EntraTestTenant.WEB_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvcompliance.sandbox.http.SandboxResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery and /authorize, called directly with SandboxRequests: no socket, no msal4j. */
class EntraIdHandlerTest extends HandlerTestSupport {
    @Test
    void openIdConfigurationNamesTheTenantGuidInTheIssuerWhateverTheSpelling() {
        SandboxResponse r = get("/" + t.domain + "/v2.0/.well-known/openid-configuration", Map.of());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.operation()).isEqualTo("login:openid-configuration");
        JsonNode c = json(r);
        assertThat(c.path("issuer").asText()).isEqualTo("https://login.sandbox.test/" + t.tenantId + "/v2.0");
        String base = "https://login.sandbox.test/" + t.domain;
        assertThat(c.path("authorization_endpoint").asText()).isEqualTo(base + "/oauth2/v2.0/authorize");
        assertThat(c.path("token_endpoint").asText()).isEqualTo(base + "/oauth2/v2.0/token");
        assertThat(c.path("device_authorization_endpoint").asText()).isEqualTo(base + "/oauth2/v2.0/devicecode");
        assertThat(c.path("jwks_uri").asText()).isEqualTo(base + "/discovery/v2.0/keys");
        assertThat(c.path("response_modes_supported").toString()).contains("form_post", "query");
        assertThat(c.path("token_endpoint_auth_methods_supported").toString()).contains("private_key_jwt");
        assertThat(json(get("/common/v2.0/.well-known/openid-configuration", Map.of())).path("issuer").asText())
                .isEqualTo("https://login.sandbox.test/{tenantid}/v2.0");
    }

    @Test
    void unknownTenantIsAadsts90002() {
        SandboxResponse r = get("/nowhere.onmicrosoft.com/v2.0/.well-known/openid-configuration", Map.of());

        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_tenant");
        assertThat(json(r).path("error_codes").get(0).asInt()).isEqualTo(90002);
    }

    @Test
    void instanceDiscoveryAnswersForTheSandboxHostOnly() {
        SandboxResponse ok = get("/common/discovery/instance", Map.of("api-version", "1.1", "authorization_endpoint",
                "https://login.sandbox.test/" + t.tenantId + "/oauth2/v2.0/authorize"));
        SandboxResponse foreign = get("/common/discovery/instance", Map.of("api-version", "1.1",
                "authorization_endpoint", "https://login.microsoftonline.com/x/oauth2/v2.0/authorize"));

        assertThat(json(ok).path("tenant_discovery_endpoint").asText())
                .isEqualTo("https://login.sandbox.test/" + t.tenantId + "/v2.0/.well-known/openid-configuration");
        assertThat(json(ok).path("metadata").get(0).path("preferred_cache").asText()).isEqualTo("login.sandbox.test");
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(json(foreign).path("error").asText()).isEqualTo("invalid_instance");
    }

    @Test
    void twoResourcesInOneScopeAreRefusedWithAadsts28000() {
        Map<String, String> params = authorize(t.webAppId, WEB_REDIRECT, ARM_SCOPE + " " + VAULT_SCOPE + " openid");
        params.put("response_mode", "query");
        SandboxResponse authorize = get(authorizePath(), params);

        assertThat(authorize.status()).isEqualTo(302);
        Map<String, String> answer = query(authorize.headers().get("Location"));
        assertThat(answer).containsEntry("error", "invalid_scope").containsEntry("state", "s-1");
        assertThat(answer.get("error_description")).startsWith("AADSTS28000:");
        SandboxResponse device = post("/" + t.tenantId + "/oauth2/v2.0/devicecode",
                Map.of("client_id", t.cliAppId, "scope", ARM_SCOPE + " " + VAULT_SCOPE));
        assertThat(device.status()).isEqualTo(400);
        assertThat(json(device).path("error_codes").get(0).asInt()).isEqualTo(28000);
    }

    @Test
    void unknownClientGetsAnErrorPageNotARedirect() {
        SandboxResponse r = get(authorizePath(), authorize("00000000-0000-0000-0000-000000000001", WEB_REDIRECT, ARM_SCOPE));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.headers()).doesNotContainKey("Location");
        assertThat(r.bodyText()).contains("AADSTS700016").contains("was not found in the directory");
        assertThat(r.operation()).isEqualTo("login:authorize");
    }

    @Test
    void loopbackRedirectUrisMatchAnyPortForPublicClientsOnly() {
        // the public client registered plain http://localhost
        assertThat(get(authorizePath(), authorize(t.cliAppId, "http://localhost:51234/cb", ARM_SCOPE)).status())
                .isEqualTo(200);
        assertThat(get(authorizePath(), authorize(t.cliAppId, "http://localhost", ARM_SCOPE)).status()).isEqualTo(200);
        assertThat(get(authorizePath(), authorize(t.cliAppId, "http://127.0.0.1:51234/cb", ARM_SCOPE)).bodyText())
                .contains("AADSTS50011");
        assertThat(get(authorizePath(), authorize(t.cliAppId, "https://localhost:51234/cb", ARM_SCOPE)).status())
                .isEqualTo(400);
        // the confidential web app registered http://localhost:8080/callback: exact match only
        assertThat(get(authorizePath(), authorize(t.webAppId, "http://localhost:8080/callback", ARM_SCOPE)).status())
                .isEqualTo(200);
        assertThat(get(authorizePath(), authorize(t.webAppId, "http://localhost:9090/callback", ARM_SCOPE)).bodyText())
                .contains("AADSTS50011");
    }

    @Test
    void unknownResourceIsInvalidScope70011() {
        SandboxResponse r = get(authorizePath(), authorize(t.cliAppId, "http://localhost:1/cb",
                "https://storage.azure.com/.default"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).contains("name=\"error\" value=\"invalid_scope\"").contains("AADSTS70011");
    }

    @Test
    void signInPageListsUsersAndPreselectsTheLoginHint() {
        Map<String, String> params = authorize(t.cliAppId, "http://localhost:1/cb", ARM_SCOPE + " offline_access");
        params.put("login_hint", t.bob);

        BrowserClient.Page page = new BrowserClient.Page(200, null, get(authorizePath(), params).bodyText());

        assertThat(page.users()).containsExactly(t.alice, t.bob);
        assertThat(page.checkedUser()).isEqualTo(t.bob);
        assertThat(page.formAction()).isEqualTo(authorizePath());
        assertThat(page.hiddenFields()).containsAllEntriesOf(params);
    }

    @Test
    void declinedConsentGoesBackAsAccessDenied() {
        Map<String, String> form = authorize(t.webAppId, WEB_REDIRECT, ARM_SCOPE);
        form.put("user", t.alice);
        form.put("consent", "deny");

        SandboxResponse r = post(authorizePath(), form);

        assertThat(r.operation()).isEqualTo("login:authorize-submit");
        BrowserClient.Page page = new BrowserClient.Page(r.status(), null, r.bodyText());
        assertThat(page.formAction()).isEqualTo(WEB_REDIRECT);
        assertThat(page.hiddenFields()).containsEntry("error", "access_denied").containsEntry("state", "s-1");
        assertThat(page.hiddenFields().get("error_description")).startsWith("AADSTS65004:");
    }

    @Test
    void promptNoneAnswersLoginRequired() {
        Map<String, String> params = authorize(t.webAppId, WEB_REDIRECT, ARM_SCOPE);
        params.put("prompt", "none");
        params.put("response_mode", "fragment");

        String location = get(authorizePath(), params).headers().get("Location");

        assertThat(location).startsWith(WEB_REDIRECT + "#error=login_required&error_description=AADSTS50058");
    }
}
