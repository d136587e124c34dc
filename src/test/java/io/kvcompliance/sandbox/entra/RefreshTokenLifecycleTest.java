package io.kvcompliance.sandbox.entra;

import static io.kvcompliance.sandbox.entra.EntraTestTenant.ARM_SCOPE;
import static io.kvcompliance.sandbox.entra.EntraTestTenant.LOOPBACK_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import com.microsoft.aad.msal4j.TokenSource;
import io.kvcompliance.auth.MsalHttpClient;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.http.SandboxSettings;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Short-lived access tokens refresh silently until the user's refresh tokens are revoked. */
class RefreshTokenLifecycleTest {
    private final EntraTestTenant t = new EntraTestTenant();
    private Sandbox sandbox;
    private MsalHttpClient http;
    private PublicClientApplication app;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(t.fixture(), SandboxSettings.defaults());
        // msal4j refreshes any token with less than 5 minutes left, so each silent call goes to the sandbox
        sandbox.updateSettings(s -> s.toBuilder().accessTokenLifetimeSeconds(2).build());
        http = Jwts.http(sandbox);
        app = Jwts.publicClient(sandbox, t.cliAppId, t.tenantId, http);
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        sandbox.close();
    }

    private IAccount signIn(String upn) throws Exception {
        String verifier = Jwts.verifier();
        String url = app.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters
                .builder(LOOPBACK_REDIRECT, Set.of(ARM_SCOPE)).codeChallenge(Jwts.s256(verifier))
                .codeChallengeMethod("S256").build()).toString();
        AuthorizationResponse code = sandbox.entra().approveSignIn(url, upn);
        IAuthenticationResult first = app.acquireToken(AuthorizationCodeParameters
                .builder(code.code(), URI.create(LOOPBACK_REDIRECT)).scopes(Set.of(ARM_SCOPE)).codeVerifier(verifier)
                .build()).get(30, TimeUnit.SECONDS);
        assertThat(first.expiresOnDate().getTime() - System.currentTimeMillis()).isLessThanOrEqualTo(2000);
        return first.account();
    }

    private IAuthenticationResult silent(IAccount account) throws Exception {
        return app.acquireTokenSilently(SilentParameters.builder(Set.of(ARM_SCOPE), account).build())
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void everySilentCallRefreshesWhileTheTokenIsShortLived() throws Exception {
        IAccount alice = signIn(t.alice);
        long before = sandbox.metrics().requests("login:token");
        Set<String> tokens = new HashSet<>();

        for (int i = 0; i < 4; i++) {
            IAuthenticationResult r = silent(alice);
            assertThat(r.metadata().tokenSource()).isEqualTo(TokenSource.IDENTITY_PROVIDER);
            assertThat(r.account().username()).isEqualTo(t.alice);
            tokens.add(r.accessToken());
        }

        assertThat(tokens).hasSize(4);
        assertThat(sandbox.metrics().requests("login:token") - before).isEqualTo(4);
    }

    @Test
    void revokedRefreshTokensRequireInteraction() throws Exception {
        IAccount alice = signIn(t.alice);
        assertThat(silent(alice).metadata().tokenSource()).isEqualTo(TokenSource.IDENTITY_PROVIDER);

        assertThat(sandbox.entra().revokeRefreshTokens(t.alice)).isGreaterThanOrEqualTo(1);

        assertThatThrownBy(() -> silent(alice)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(MsalInteractionRequiredException.class).hasMessageContaining("AADSTS50173");
        // a fresh sign-in after the revocation yields a working refresh token again
        IAccount again = signIn(t.alice);
        assertThat(silent(again).metadata().tokenSource()).isEqualTo(TokenSource.IDENTITY_PROVIDER);
    }

    @Test
    void revokingOneUserLeavesOthersSignedIn() throws Exception {
        IAccount alice = signIn(t.alice);
        IAccount bob = signIn(t.bob);

        sandbox.entra().revokeRefreshTokens(t.bobOid);

        assertThat(silent(alice).account().username()).isEqualTo(t.alice);
        assertThatThrownBy(() -> silent(bob)).cause().isInstanceOf(MsalInteractionRequiredException.class);
    }
}
