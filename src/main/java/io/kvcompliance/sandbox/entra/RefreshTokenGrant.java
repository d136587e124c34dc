package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.entra.EntraDirectory.HomedApp;
import io.kvcompliance.sandbox.entra.EntraDirectory.HomedUser;
import io.kvcompliance.sandbox.entra.EntraDirectory.TenantRef;
import io.kvcompliance.sandbox.entra.GrantStore.RefreshGrant;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import java.time.Instant;
import java.util.Map;

/**
 * The {@code refresh_token} grant. Like Entra's, a refresh token belongs to one user and one client and
 * is good for any resource the user consented to (ENTRADOCS refresh-tokens.md); it dies when the user's
 * sessions are revoked (AADSTS50173) or after 90 days unused (AADSTS70008). Each use returns a new one.
 */
final class RefreshTokenGrant {
    private final SandboxContext ctx;
    private final EntraDirectory directory;
    private final ClientAuthenticator clients;
    private final TokenIssuer issuer;

    RefreshTokenGrant(SandboxContext ctx, EntraDirectory directory, ClientAuthenticator clients, TokenIssuer issuer) {
        this.ctx = ctx;
        this.directory = directory;
        this.clients = clients;
        this.issuer = issuer;
    }

    SandboxResponse redeem(SandboxRequest req, TenantRef ref, Map<String, String> form, String clientId) {
        String token = TokenEndpoint.require(form, "refresh_token");
        HomedApp app = directory.application(ref, clientId)
                .orElseThrow(() -> EntraError.unknownApplication(clientId, ref.name()).exception());
        clients.authenticate(app, form, req, ref);
        RefreshGrant g = check(token, clientId);
        HomedUser user = directory.userById(g.tenantId(), g.userOid()).orElseThrow(RefreshTokenGrant::malformed);
        if (!ref.isMultiTenant() && !ref.tenant().tenantId().equalsIgnoreCase(g.tenantId())) {
            throw EntraError.invalidGrant(50020, "User account '" + user.user().userPrincipalName() + "' from"
                    + " identity provider '" + TokenClaims.issuerFor(g.tenantId()) + "' does not exist in tenant '"
                    + ref.name() + "' and cannot access the application '" + clientId + "' in that tenant.")
                    .exception();
        }
        ScopeSet scopes = ScopeSet.parse(form.get("scope"));
        if (!scopes.hasResource()) {
            throw EntraError.invalidScope(70011, "The provided value for the input parameter 'scope' is not valid."
                    + " The sandbox issues tokens for " + AzureResources.ARM + " and " + AzureResources.KEY_VAULT
                    + " only.").exception();
        }
        directory.requireConsent(user, app, scopes.resource());
        directory.grants().touchRefreshToken(token, ctx.nowEpochSeconds());
        return TokenIssuer.respond(issuer.delegated(user, clientId, scopes, true,
                "1".equals(form.get("client_info")), null), req);
    }

    private RefreshGrant check(String token, String clientId) {
        GrantStore grants = directory.grants();
        RefreshGrant g = grants.refreshGrant(token).orElseThrow(() -> EntraError.invalidGrant(9002313,
                "Invalid request. Request is malformed or invalid.").exception());
        if (!g.clientId().equalsIgnoreCase(clientId)) {
            throw malformed();
        }
        long validFrom = grants.tokensValidFrom(g.userOid());
        if (g.issuedAtMillis() < validFrom) {
            throw EntraError.invalidGrant(50173, "The provided grant has expired due to it being revoked, a fresh"
                    + " auth token is needed. The user might have changed or reset their password. The grant was"
                    + " issued on '" + Instant.ofEpochMilli(g.issuedAtMillis()) + "' and the TokensValidFrom date"
                    + " (before which tokens are not valid) for this user is '" + Instant.ofEpochMilli(validFrom)
                    + "'.").exception();
        }
        if (ctx.nowEpochSeconds() - g.lastUsedAt() > GrantStore.REFRESH_INACTIVITY_SECONDS) {
            throw expired();
        }
        return g;
    }

    static EntraException expired() {
        return EntraError.invalidGrant(70008, "The provided authorization code or refresh token has expired due to"
                + " inactivity. Send a new interactive authorization request for this user and resource.").exception();
    }

    private static EntraException malformed() {
        return EntraError.invalidGrant(70000, "Provided grant is invalid or malformed.").exception();
    }
}
