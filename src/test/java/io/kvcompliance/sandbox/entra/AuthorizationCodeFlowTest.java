package io.kvcompliance.sandbox.entra;

import static io.kvcompliance.sandbox.entra.EntraTestTenant.ARM_SCOPE;
import static io.kvcompliance.sandbox.entra.EntraTestTenant.LOOPBACK_REDIRECT;
import static io.kvcompliance.sandbox.entra.EntraTestTenant.VAULT_DEFAULT;
import static io.kvcompliance.sandbox.entra.EntraTestTenant.VAULT_SCOPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import com.microsoft.aad.msal4j.TokenSource;
import io.kvcompliance.auth.MsalHttpClient;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.http.SandboxSettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The authorization code flow with PKCE, real msal4j over HTTPS, an HTTP client playing the browser. */
class AuthorizationCodeFlowTest {
    private final EntraTestTenant t = new EntraTestTenant();
    private Sandbox sandbox;
    private MsalHttpClient http;
    private BrowserClient browser;
    private PublicClientApplication app;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(t.fixture(), SandboxSettings.defaults());
        http = Jwts.http(sandbox);
        browser = new BrowserClient(sandbox);
        app = Jwts.publicClient(sandbox, t.cliAppId, t.tenantId, http);
    }

    @AfterEach
    void stop() throws Exception {
        browser.close();
        http.close();
        sandbox.close();
    }

    @Test
    void signsInThroughTheBrowserPagesAndRefreshesAcrossResourcesAfterConsent() throws Exception {
        String verifier = Jwts.verifier();
        String state = UUID.randomUUID().toString();
        String authorizeUrl = app.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters
                .builder(LOOPBACK_REDIRECT, Set.of(ARM_SCOPE)).state(state).loginHint(t.alice)
                .codeChallenge(Jwts.s256(verifier)).codeChallengeMethod("S256").build()).toString();

        BrowserClient.Page signIn = browser.get(authorizeUrl);
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.users()).containsExactly(t.alice, t.bob);
        assertThat(signIn.checkedUser()).isEqualTo(t.alice);
        assertThat(signIn.body()).contains(ARM_SCOPE);
        Map<String, String> form = new LinkedHashMap<>(signIn.hiddenFields());
        assertThat(form).containsEntry("response_mode", "form_post").containsEntry("state", state);
        form.put("user", t.alice);
        form.put("consent", "accept");
        BrowserClient.Page formPost = browser.post(sandbox.authorityHost() + signIn.formAction(), form);

        assertThat(formPost.status()).isEqualTo(200);
        assertThat(formPost.formAction()).isEqualTo(LOOPBACK_REDIRECT);
        assertThat(formPost.hiddenFields()).containsEntry("state", state).containsKey("code");
        IAuthenticationResult result = app.acquireToken(AuthorizationCodeParameters
                .builder(formPost.hiddenFields().get("code"), URI.create(LOOPBACK_REDIRECT))
                .scopes(Set.of(ARM_SCOPE)).codeVerifier(verifier).build()).get(30, TimeUnit.SECONDS);

        IAccount account = result.account();
        assertThat(account.username()).isEqualTo(t.alice);
        assertThat(account.homeAccountId()).isEqualTo(t.aliceOid + "." + t.tenantId);
        assertThat(account.environment()).isEqualTo("login.sandbox.test");
        assertThat(Jwts.payload(result.accessToken()).path("aud").asText()).isEqualTo("https://management.azure.com/");
        assertThat(Jwts.payload(result.accessToken()).path("tid").asText()).isEqualTo(t.tenantId);
        assertThat(Jwts.payload(result.accessToken()).path("scp").asText()).isEqualTo("user_impersonation");
        assertThat(Jwts.payload(result.idToken()).path("iss").asText())
                .isEqualTo("https://login.sandbox.test/" + t.tenantId + "/v2.0");

        IAuthenticationResult refreshed = app.acquireTokenSilently(SilentParameters.builder(Set.of(ARM_SCOPE), account)
                .forceRefresh(true).build()).get(30, TimeUnit.SECONDS);
        assertThat(refreshed.metadata().tokenSource()).isEqualTo(TokenSource.IDENTITY_PROVIDER);
        assertThat(refreshed.accessToken()).isNotEqualTo(result.accessToken());

        // no consent for Key Vault yet: the refresh token is refused for it (.default form, see InteractionRequiredCache)
        assertThatThrownBy(() -> silent(account, VAULT_DEFAULT)).hasCauseInstanceOf(MsalInteractionRequiredException.class)
                .hasMessageContaining("AADSTS65001");
        AuthorizationResponse consent = sandbox.entra().approveSignIn(authorizeUrl(VAULT_SCOPE, null), t.alice);
        assertThat(consent.isError()).isFalse();

        IAuthenticationResult vault = silent(account, VAULT_SCOPE);
        assertThat(vault.metadata().tokenSource()).isEqualTo(TokenSource.IDENTITY_PROVIDER);
        assertThat(Jwts.payload(vault.accessToken()).path("aud").asText()).isEqualTo("https://vault.azure.net");
        assertThat(silent(account, VAULT_SCOPE).metadata().tokenSource()).isEqualTo(TokenSource.CACHE);
    }

    @Test
    void userBlockedFromKeyVaultConsentGetsInteractionRequired() throws Exception {
        String verifier = Jwts.verifier();
        IAccount bob = redeem(sandbox.entra().approveSignIn(authorizeUrl(ARM_SCOPE, verifier), t.bob), verifier)
                .account();

        AuthorizationResponse denied = sandbox.entra().approveSignIn(authorizeUrl(VAULT_SCOPE, null), t.bob);
        assertThat(denied.error()).isEqualTo("access_denied");
        assertThat(denied.errorDescription()).startsWith("AADSTS65001:");
        assertThatThrownBy(() -> silent(bob, VAULT_SCOPE)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(MsalInteractionRequiredException.class);
    }

    @Test
    void wrongPkceVerifierIsInvalidGrant() throws Exception {
        AuthorizationResponse code = sandbox.entra().approveSignIn(authorizeUrl(ARM_SCOPE, Jwts.verifier()), t.alice);

        assertThatThrownBy(() -> redeem(code, Jwts.verifier())).cause().isInstanceOf(MsalServiceException.class)
                .hasMessageContaining("AADSTS501481")
                .satisfies(e -> assertThat(((MsalServiceException) e).errorCode()).isEqualTo("invalid_grant"));
    }

    @Test
    void codeRedeemsOnlyOnce() throws Exception {
        String verifier = Jwts.verifier();
        AuthorizationResponse code = sandbox.entra().approveSignIn(authorizeUrl(ARM_SCOPE, verifier), null);
        assertThat(redeem(code, verifier).account().username()).isEqualTo(t.alice);

        assertThatThrownBy(() -> redeem(code, verifier)).cause().isInstanceOf(MsalServiceException.class)
                .hasMessageContaining("AADSTS54005")
                .satisfies(e -> assertThat(((MsalServiceException) e).errorCode()).isEqualTo("invalid_grant"));
    }

    @Test
    void organizationsAuthorityIssuesTokenForTheUsersHomeTenant() throws Exception {
        PublicClientApplication orgs = Jwts.publicClient(sandbox, t.cliAppId, "organizations", http);
        String verifier = Jwts.verifier();
        String url = orgs.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters
                .builder(LOOPBACK_REDIRECT, Set.of(ARM_SCOPE)).codeChallenge(Jwts.s256(verifier))
                .codeChallengeMethod("S256").build()).toString();

        AuthorizationResponse code = sandbox.entra().approveSignIn(url, t.carol);
        IAuthenticationResult result = orgs.acquireToken(AuthorizationCodeParameters
                .builder(code.code(), URI.create(LOOPBACK_REDIRECT)).scopes(Set.of(ARM_SCOPE)).codeVerifier(verifier)
                .build()).get(30, TimeUnit.SECONDS);

        assertThat(Jwts.payload(result.accessToken()).path("tid").asText()).isEqualTo(t.otherTenantId);
        assertThat(result.account().homeAccountId()).isEqualTo(t.carolOid + "." + t.otherTenantId);
    }

    private String authorizeUrl(String scope, String verifier) throws Exception {
        AuthorizationRequestUrlParameters.Builder b = AuthorizationRequestUrlParameters
                .builder(LOOPBACK_REDIRECT, Set.of(scope)).state(UUID.randomUUID().toString());
        if (verifier != null) {
            b.codeChallenge(Jwts.s256(verifier)).codeChallengeMethod("S256");
        }
        return app.getAuthorizationRequestUrl(b.build()).toString();
    }

    private IAuthenticationResult redeem(AuthorizationResponse response, String verifier) throws Exception {
        assertThat(response.isError()).as(response.toString()).isFalse();
        return app.acquireToken(AuthorizationCodeParameters.builder(response.code(), URI.create(LOOPBACK_REDIRECT))
                .scopes(Set.of(ARM_SCOPE)).codeVerifier(verifier).build()).get(30, TimeUnit.SECONDS);
    }

    private IAuthenticationResult silent(IAccount account, String scope) throws Exception {
        return app.acquireTokenSilently(SilentParameters.builder(Set.of(scope), account).build())
                .get(30, TimeUnit.SECONDS);
    }
}
