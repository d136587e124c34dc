package io.kvcompliance.sandbox.entra;

import static io.kvcompliance.sandbox.entra.EntraTestTenant.ARM_SCOPE;
import static io.kvcompliance.sandbox.entra.EntraTestTenant.VAULT_SCOPE;
import static io.kvcompliance.sandbox.entra.EntraTestTenant.WEB_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import io.kvcompliance.sandbox.http.SandboxSettings;
import io.kvcompliance.sandbox.model.TenantStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Entra endpoints called directly with SandboxRequests: no socket, no msal4j. */
class EntraIdHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EntraTestTenant t = new EntraTestTenant();
    private final SandboxContext ctx = new SandboxContext(new TenantStore(t.fixture()), SandboxSettings.defaults(),
            System::nanoTime);
    private final EntraIdHandler entra = new EntraIdHandler(ctx);

    @Test
    void openIdConfigurationNamesTheTenantGuidInTheIssuerWhateverTheSpelling() throws Exception {
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
    void unknownTenantIsAadsts90002() throws Exception {
        SandboxResponse r = get("/nowhere.onmicrosoft.com/v2.0/.well-known/openid-configuration", Map.of());

        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_tenant");
        assertThat(json(r).path("error_codes").get(0).asInt()).isEqualTo(90002);
    }

    @Test
    void instanceDiscoveryAnswersForTheSandboxHostOnly() throws Exception {
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
    void twoResourcesInOneScopeAreRefusedWithAadsts28000() throws Exception {
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
    void unknownResourceIsInvalidScope70011() throws Exception {
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

    @Test
    void refreshTokenIsBoundToItsClientAndErrorsCarryEntraFields() throws Exception {
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
    void confidentialClientMustAuthenticateToRedeemACode() throws Exception {
        AuthorizationResponse code = entra.approveSignIn(authorizeUrl(authorize(t.webAppId, WEB_REDIRECT, ARM_SCOPE)),
                t.alice);

        SandboxResponse r = post(tokenPath(), Map.of("grant_type", "authorization_code", "client_id", t.webAppId,
                "code", code.code(), "redirect_uri", WEB_REDIRECT, "scope", ARM_SCOPE));

        assertThat(r.status()).isEqualTo(401);
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_client");
        assertThat(json(r).path("error_codes").get(0).asInt()).isEqualTo(7000218);
    }

    @Test
    void codeIsBoundToItsRedirectUri() throws Exception {
        AuthorizationResponse code = entra.approveSignIn(authorizeUrl(authorize(t.webAppId, WEB_REDIRECT, ARM_SCOPE)),
                null);

        SandboxResponse r = post(tokenPath(), Map.of("grant_type", "authorization_code", "client_id", t.webAppId,
                "client_secret", t.webSecret, "code", code.code(), "redirect_uri", "http://localhost:8080/callback"));

        assertThat(json(r).path("error_codes").get(0).asInt()).isEqualTo(500112);
    }

    @Test
    void tokenEndpointRefusesGetAndUnknownGrants() throws Exception {
        assertThat(get(tokenPath(), Map.of()).status()).isEqualTo(405);
        SandboxResponse r = post(tokenPath(), Map.of("grant_type", "password", "client_id", t.cliAppId));
        assertThat(json(r).path("error").asText()).isEqualTo("unsupported_grant_type");
        SandboxResponse orgs = post("/organizations/oauth2/v2.0/token", Map.of("grant_type", "client_credentials",
                "client_id", t.daemonAppId, "client_secret", t.daemonSecret, "scope", "https://vault.azure.net/.default"));
        assertThat(json(orgs).path("error_codes").get(0).asInt()).isEqualTo(50059);
    }

    @Test
    void deviceCodePollingAnswersPendingThenBadThenExpired() throws Exception {
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

    private JsonNode redeemWebCode(String scope) throws Exception {
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

    private Map<String, String> authorize(String clientId, String redirectUri, String scope) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", clientId);
        p.put("response_type", "code");
        p.put("redirect_uri", redirectUri);
        p.put("scope", scope);
        p.put("state", "s-1");
        p.put("response_mode", "form_post");
        return p;
    }

    private String authorizePath() {
        return "/" + t.tenantId + "/oauth2/v2.0/authorize";
    }

    private String tokenPath() {
        return "/" + t.tenantId + "/oauth2/v2.0/token";
    }

    private String authorizeUrl(Map<String, String> params) {
        return "https://login.sandbox.test" + authorizePath() + "?" + form(params);
    }

    private SandboxResponse get(String path, Map<String, String> query) {
        return entra.handle(new SandboxRequest("GET", "login.sandbox.test", path, form(query), Map.of(), null,
                "127.0.0.1"));
    }

    private SandboxResponse post(String path, Map<String, String> form) {
        return post(path, form, Map.of());
    }

    private SandboxResponse post(String path, Map<String, String> form, Map<String, String> headers) {
        return entra.handle(new SandboxRequest("POST", "login.sandbox.test", path, "", headers,
                form(form).getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String location) {
        Map<String, String> out = new LinkedHashMap<>();
        SandboxRequest.parseForm(location.substring(location.indexOf('?') + 1)).forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }

    private static JsonNode json(SandboxResponse r) throws Exception {
        return JSON.readTree(r.body());
    }
}
