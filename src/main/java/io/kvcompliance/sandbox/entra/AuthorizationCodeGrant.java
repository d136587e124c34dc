package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.entra.EntraDirectory.HomedApp;
import io.kvcompliance.sandbox.entra.EntraDirectory.HomedUser;
import io.kvcompliance.sandbox.entra.EntraDirectory.TenantRef;
import io.kvcompliance.sandbox.entra.GrantStore.AuthCode;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The {@code authorization_code} grant: the code redeems once, within 10 minutes, for the client, the
 * redirect URI, the tenant and the PKCE challenge it was issued with. Failures are {@code invalid_grant}
 * with Entra's AADSTS codes, which msal4j turns into MsalInteractionRequiredException.
 */
final class AuthorizationCodeGrant {
    private final SandboxContext ctx;
    private final EntraDirectory directory;
    private final ClientAuthenticator clients;
    private final TokenIssuer issuer;

    AuthorizationCodeGrant(SandboxContext ctx, EntraDirectory directory, ClientAuthenticator clients,
                           TokenIssuer issuer) {
        this.ctx = ctx;
        this.directory = directory;
        this.clients = clients;
        this.issuer = issuer;
    }

    SandboxResponse redeem(SandboxRequest req, TenantRef ref, Map<String, String> form, String clientId) {
        String code = TokenEndpoint.require(form, "code");
        String redirectUri = TokenEndpoint.require(form, "redirect_uri");
        HomedApp app = directory.application(ref, clientId)
                .orElseThrow(() -> EntraError.unknownApplication(clientId, ref.name()).exception());
        clients.authenticate(app, form, req, ref);
        AuthCode c = check(code, clientId, redirectUri, ref, form.get("code_verifier"));
        if (!directory.grants().markRedeemed(code)) {
            throw alreadyRedeemed();
        }
        HomedUser user = directory.userById(c.tenantId(), c.userOid()).orElseThrow(() ->
                EntraError.invalidGrant(70000, "Provided grant is invalid or malformed.").exception());
        // the token request's scope decides the resource (msal4j repeats it); the code's scope is the fallback
        String requested = form.get("scope");
        ScopeSet scopes = ScopeSet.parse(requested != null && ScopeSet.parse(requested).hasResource()
                ? requested : c.scope());
        if (!scopes.hasResource()) {
            throw EntraError.invalidRequest(28003, "Provided value for the input parameter scope cannot be empty when"
                    + " requesting an access token using the provided authorization code. Please specify a valid"
                    + " scope.").exception();
        }
        directory.requireConsent(user, app, scopes.resource());
        boolean offline = scopes.offlineAccess() || ScopeSet.parse(c.scope()).offlineAccess();
        return TokenIssuer.respond(issuer.delegated(user, clientId, scopes, offline,
                "1".equals(form.get("client_info")), c.nonce()), req);
    }

    private AuthCode check(String code, String clientId, String redirectUri, TenantRef ref, String verifier) {
        GrantStore grants = directory.grants();
        AuthCode c = grants.code(code).orElseThrow(() -> EntraError.invalidGrant(70000,
                "The provided value for the 'code' parameter is not valid.").exception());
        if (grants.isRedeemed(code)) {
            throw alreadyRedeemed();
        }
        if (c.expiresAt() < ctx.nowEpochSeconds()) {
            throw RefreshTokenGrant.expired();
        }
        if (!c.clientId().equalsIgnoreCase(clientId)) {
            throw EntraError.invalidGrant(70000, "Provided grant is invalid or malformed.").exception();
        }
        if (!c.redirectUri().equals(redirectUri)) {
            throw EntraError.invalidGrant(500112, "The reply address '" + redirectUri + "' does not match the reply"
                    + " address '" + c.redirectUri() + "' provided when requesting Authorization code.").exception();
        }
        if (!ref.isMultiTenant() && !ref.tenant().tenantId().equalsIgnoreCase(c.tenantId())) {
            throw EntraError.invalidGrant(700005, "Provided Authorization Code is intended to use against other"
                    + " tenant, thus rejected.").exception();
        }
        checkPkce(c, verifier);
        return c;
    }

    /** PKCE (RFC 7636 §4.6): S256 compares base64url(SHA-256(verifier)), plain compares the strings. */
    private static void checkPkce(AuthCode c, String verifier) {
        if (c.challenge() == null) {
            return;
        }
        String computed = verifier == null ? null : "S256".equals(c.challengeMethod()) ? s256(verifier) : verifier;
        if (computed == null || !MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                c.challenge().getBytes(StandardCharsets.US_ASCII))) {
            throw EntraError.invalidGrant(501481, "The Code_Verifier does not match the code_challenge supplied in"
                    + " the authorization request.").exception();
        }
    }

    private static EntraException alreadyRedeemed() {
        return EntraError.invalidGrant(54005, "OAuth2 Authorization code was already redeemed, please retry with a"
                + " new valid code or use an existing refresh token.").exception();
    }

    static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
