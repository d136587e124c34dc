package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.entra.EntraDirectory.HomedApp;
import io.kvcompliance.sandbox.entra.EntraDirectory.HomedUser;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds successful token responses shaped like Entra ID's v2 answers (ENTRADOCS
 * v2-oauth2-auth-code-flow.md): numbers as JSON numbers, {@code refresh_token} only with offline_access,
 * {@code id_token} only with openid, {@code client_info} only when the request had client_info=1.
 * Lifetimes are read from the settings at issue time so tests can shrink them while running.
 */
final class TokenIssuer {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    /** Entra's id_tokens live one hour whatever the access token lifetime. */
    private static final long ID_TOKEN_LIFETIME = 3600;

    private final SandboxContext ctx;
    private final EntraDirectory directory;

    TokenIssuer(SandboxContext ctx, EntraDirectory directory) {
        this.ctx = ctx;
        this.directory = directory;
    }

    /** A delegated token set for a user signed in to a client app. */
    Map<String, Object> delegated(HomedUser who, String clientId, ScopeSet scopes, boolean withRefreshToken,
                                  boolean clientInfo, String nonce) {
        long now = ctx.nowEpochSeconds();
        int lifetime = ctx.settings().accessTokenLifetimeSeconds();
        String tid = who.tenant().tenantId();
        String oid = who.user().objectId();
        TokenClaims claims = new TokenClaims(scopes.resource(), TokenClaims.issuerFor(tid), tid, oid,
                pairwiseSubject(oid, clientId), clientId, who.user().userPrincipalName(), who.user().displayName(),
                "user_impersonation", null, now, now, now + lifetime, GrantStore.random(16));
        Map<String, Object> body = head(scopes.grantedDelegatedScope(), lifetime, ctx.tokens().issue(claims));
        if (withRefreshToken) {
            body.put("refresh_token", directory.grants().issueRefreshToken(tid, oid, clientId,
                    System.currentTimeMillis()));
        }
        if (scopes.openid()) {
            body.put("id_token", TokenService.idToken(idTokenClaims(who, clientId, nonce, now)));
        }
        if (clientInfo) {
            body.put("client_info", B64.encodeToString(("{\"uid\":\"" + oid + "\",\"utid\":\"" + tid + "\"}")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return body;
    }

    /** An app-only token (client credentials): no scope, no refresh token, no id_token, idtyp=app. */
    Map<String, Object> appOnly(HomedApp app, String resource) {
        long now = ctx.nowEpochSeconds();
        int lifetime = ctx.settings().accessTokenLifetimeSeconds();
        String tid = app.tenant().tenantId();
        String spId = app.app().servicePrincipalObjectId();
        TokenClaims claims = new TokenClaims(resource, TokenClaims.issuerFor(tid), tid, spId, spId,
                app.app().appId(), null, null, null, "app", now, now, now + lifetime, GrantStore.random(16));
        return head(null, lifetime, ctx.tokens().issue(claims));
    }

    private static Map<String, Object> head(String scope, int lifetime, String accessToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        if (scope != null) {
            body.put("scope", scope);
        }
        body.put("expires_in", lifetime);
        body.put("ext_expires_in", lifetime);
        body.put("access_token", accessToken);
        return body;
    }

    private Map<String, Object> idTokenClaims(HomedUser who, String clientId, String nonce, long now) {
        String tid = who.tenant().tenantId();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("aud", clientId);
        c.put("iss", "https://" + ctx.settings().loginHost() + "/" + tid + "/v2.0");
        c.put("iat", now);
        c.put("nbf", now);
        c.put("exp", now + ID_TOKEN_LIFETIME);
        c.put("name", who.user().displayName());
        if (nonce != null) {
            c.put("nonce", nonce);
        }
        c.put("oid", who.user().objectId());
        c.put("preferred_username", who.user().userPrincipalName());
        c.put("sub", pairwiseSubject(who.user().objectId(), clientId));
        c.put("tid", tid);
        c.put("ver", "2.0");
        return c;
    }

    /** Entra's {@code sub} is pairwise: stable per user and app, different for another app. */
    static String pairwiseSubject(String oid, String clientId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((oid + "|" + clientId).toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return B64.encodeToString(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static SandboxResponse respond(Map<String, Object> body, SandboxRequest req) {
        return EntraError.noStore(SandboxResponse.json(200, body), EntraError.correlationId(req))
                .operation("login:token");
    }
}
