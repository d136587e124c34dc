package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.entra.EntraDirectory.HomedApp;
import io.kvcompliance.sandbox.entra.EntraDirectory.HomedUser;
import io.kvcompliance.sandbox.entra.EntraDirectory.TenantRef;
import io.kvcompliance.sandbox.entra.GrantStore.AuthCode;
import io.kvcompliance.sandbox.entra.GrantStore.RefreshGrant;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The delegated grants of the token endpoint: {@code authorization_code} (single use, bound to client,
 * redirect URI, PKCE challenge and tenant) and {@code refresh_token} (per user and client, good for any
 * resource the user consented to — Entra's multi-resource refresh tokens). Every failure is
 * {@code invalid_grant}, which msal4j turns into MsalInteractionRequiredException.
 */
final class UserGrants {
    private final SandboxContext ctx;
    private final EntraDirectory directory;
    private final ClientAuthenticator clients;
    private final TokenIssuer issuer;

    UserGrants(SandboxContext ctx, EntraDirectory directory, ClientAuthenticator clients, TokenIssuer issuer) {
        this.ctx = ctx;
        this.directory = directory;
        this.clients = clients;
        this.issuer = issuer;
    }

    SandboxResponse authorizationCode(SandboxRequest req, TenantRef ref, Map<String, String> form, String clientId) {
        String code = TokenEndpoint.require(form, "code");
        String redirectUri = TokenEndpoint.require(form, "redirect_uri");
        HomedApp app = application(ref, clientId);
        clients.authenticate(app, form, req, ref);
        GrantStore grants = directory.grants();
        AuthCode c = grants.code(code).orElseThrow(() -> EntraError.invalidGrant(70000,
                "The provided value for the 'code' parameter is not valid.").exception());
        if (grants.isRedeemed(code)) {
            throw alreadyRedeemed();
        }
        if (c.expiresAt() < ctx.nowEpochSeconds()) {
            throw expired();
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
        checkPkce(c, form.get("code_verifier"));
        if (!grants.markRedeemed(code)) {
            throw alreadyRedeemed();
        }
        HomedUser user = directory.userById(c.tenantId(), c.userOid()).orElseThrow(UserGrants::malformedGrant);
        String requested = form.get("scope");
        ScopeSet scopes = ScopeSet.parse(requested != null && ScopeSet.parse(requested).hasResource() ? requested : c.scope());
        if (!scopes.hasResource()) {
            throw EntraError.invalidRequest(28003, "Provided value for the input parameter scope cannot be empty when"
                    + " requesting an access token using the provided authorization code. Please specify a valid"
                    + " scope.").exception();
        }
        requireConsent(user, app, scopes.resource());
        boolean offline = scopes.offlineAccess() || ScopeSet.parse(c.scope()).offlineAccess();
        return TokenIssuer.respond(issuer.delegated(user, clientId, scopes, offline,
                "1".equals(form.get("client_info")), c.nonce()), req);
    }

    /** PKCE (RFC 7636): S256 compares base64url(SHA-256(verifier)), plain compares the strings. */
    private static void checkPkce(AuthCode c, String verifier) {
        if (c.challenge() == null) {
            return;
        }
        String computed = verifier == null ? null
                : "S256".equals(c.challengeMethod()) ? s256(verifier) : verifier;
        if (computed == null || !MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                c.challenge().getBytes(StandardCharsets.US_ASCII))) {
            throw EntraError.invalidGrant(501481, "The Code_Verifier does not match the code_challenge supplied in"
                    + " the authorization request.").exception();
        }
    }

    SandboxResponse refreshToken(SandboxRequest req, TenantRef ref, Map<String, String> form, String clientId) {
        String token = TokenEndpoint.require(form, "refresh_token");
        HomedApp app = application(ref, clientId);
        clients.authenticate(app, form, req, ref);
        GrantStore grants = directory.grants();
        RefreshGrant g = grants.refreshGrant(token).orElseThrow(() -> EntraError.invalidGrant(9002313,
                "Invalid request. Request is malformed or invalid.").exception());
        if (!g.clientId().equalsIgnoreCase(clientId)) {
            throw malformedGrant();
        }
        long validFrom = grants.tokensValidFrom(g.userOid());
        if (g.issuedAtMillis() < validFrom) {
            throw EntraError.invalidGrant(50173, "The provided grant has expired due to it being revoked, a fresh"
                    + " auth token is needed. The user might have changed or reset their password. The grant was"
                    + " issued on '" + Instant.ofEpochMilli(g.issuedAtMillis()) + "' and the TokensValidFrom date"
                    + " (before which tokens are not valid) for this user is '" + Instant.ofEpochMilli(validFrom)
                    + "'.").exception();
        }
        long now = ctx.nowEpochSeconds();
        if (now - g.lastUsedAt() > GrantStore.REFRESH_INACTIVITY_SECONDS) {
            throw expired();
        }
        HomedUser user = directory.userById(g.tenantId(), g.userOid()).orElseThrow(UserGrants::malformedGrant);
        if (!ref.isMultiTenant() && !ref.tenant().tenantId().equalsIgnoreCase(g.tenantId())) {
            throw EntraError.invalidGrant(50020, "User account '" + user.user().userPrincipalName() + "' from"
                    + " identity provider '" + TokenClaims.issuerFor(g.tenantId()) + "' does not exist in tenant '"
                    + ref.name() + "' and cannot access the application '" + clientId + "' in that tenant.").exception();
        }
        ScopeSet scopes = ScopeSet.parse(form.get("scope"));
        if (!scopes.hasResource()) {
            throw EntraError.invalidScope(70011, "The provided value for the input parameter 'scope' is not valid."
                    + " The sandbox issues tokens for " + AzureResources.ARM + " and " + AzureResources.KEY_VAULT
                    + " only.").exception();
        }
        requireConsent(user, app, scopes.resource());
        grants.touchRefreshToken(token, now);
        return TokenIssuer.respond(issuer.delegated(user, clientId, scopes, true,
                "1".equals(form.get("client_info")), null), req);
    }

    private HomedApp application(TenantRef ref, String clientId) {
        return directory.application(ref, clientId)
                .orElseThrow(() -> EntraError.unknownApplication(clientId, ref.name()).exception());
    }

    /** A refresh token is good only for resources the user consented to; else Entra asks for interaction. */
    void requireConsent(HomedUser user, HomedApp app, String resource) {
        if (!directory.hasConsent(user.user().objectId(), app.app().appId(), resource)) {
            throw EntraError.consentRequired(app.app().appId(), app.app().displayName()).exception();
        }
    }

    private static EntraException alreadyRedeemed() {
        return EntraError.invalidGrant(54005, "OAuth2 Authorization code was already redeemed, please retry with a"
                + " new valid code or use an existing refresh token.").exception();
    }

    private static EntraException expired() {
        return EntraError.invalidGrant(70008, "The provided authorization code or refresh token has expired due to"
                + " inactivity. Send a new interactive authorization request for this user and resource.").exception();
    }

    private static EntraException malformedGrant() {
        return EntraError.invalidGrant(70000, "Provided grant is invalid or malformed.").exception();
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
