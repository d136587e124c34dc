package io.kvcompliance.sandbox;

import io.kvcompliance.sandbox.entra.TokenClaims;
import io.kvcompliance.sandbox.model.Principal;
import io.kvcompliance.sandbox.model.Principals;
import java.util.UUID;

/**
 * Access tokens issued without a sign-in flow, exactly as Entra ID would issue them after one: for
 * tools (the admin API, curl) and for tests of Resource Manager and the data plane themselves.
 */
final class DirectTokens {
    private final SandboxContext ctx;

    DirectTokens(SandboxContext ctx) {
        this.ctx = ctx;
    }

    /** A token for a principal (UPN, object id or app id); a negative lifetime gives an expired token. */
    String issue(String principal, String resource, long lifetimeSeconds) {
        Principal p = new Principals(ctx.store()).find(principal).orElseThrow(() -> new IllegalArgumentException(
                "No principal '" + principal + "' in the sandbox: give a user's UPN or object id, or an app id"));
        long now = ctx.nowEpochSeconds();
        String tid = p.tenant().tenantId();
        String appId = p.appId() != null ? p.appId() : p.tenant().applications().stream()
                .filter(a -> a.publicClient()).map(a -> a.appId()).findFirst().orElse(null);
        return ctx.tokens().issue(new TokenClaims(resource, TokenClaims.issuerFor(tid), tid, p.objectId(), p.objectId(),
                appId, p.userPrincipalName(), p.displayName(), p.isUser() ? "user_impersonation" : null,
                p.isUser() ? null : "app", now, now, now + lifetimeSeconds, UUID.randomUUID().toString()));
    }
}
