package io.kvcompliance.sandbox.dataplane;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.arm.Authorizer;
import io.kvcompliance.sandbox.dataplane.VaultAccess.Operation;
import io.kvcompliance.sandbox.dataplane.VaultAccess.Verdict;
import io.kvcompliance.sandbox.entra.AzureResources;
import io.kvcompliance.sandbox.entra.TokenClaims;
import io.kvcompliance.sandbox.entra.TokenService.Validation;
import io.kvcompliance.sandbox.http.SandboxMetrics.ViolationKind;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import io.kvcompliance.sandbox.http.SandboxSettings;
import io.kvcompliance.sandbox.model.Principal;
import io.kvcompliance.sandbox.model.Principals;
import io.kvcompliance.sandbox.model.VaultRef;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data plane's checks in the service's order: bearer token (401 with the
 * {@code WWW-Authenticate: Bearer authorization=..., resource=...} challenge SDKs rely on), the
 * 10-second windows (429 without Retry-After), network rules, then permissions (403 with the inner
 * codes ForbiddenByConnection, ForbiddenByFirewall, ForbiddenByRbac, ForbiddenByPolicy).
 */
final class DataPlaneGate {
    private final SandboxContext ctx;
    private final Principals principals;
    private final VaultAccess access;

    DataPlaneGate(SandboxContext ctx) {
        this.ctx = ctx;
        this.principals = new Principals(ctx.store());
        this.access = new VaultAccess(new Authorizer(ctx.store()));
    }

    /** Null when the caller may perform the operation; otherwise the refusal to send. */
    SandboxResponse check(SandboxRequest req, VaultRef vault, Operation op) {
        String token = req.bearerToken();
        if (token == null) {
            return unauthorized(vault, "AKV10000: Request is missing a Bearer or PoP token.");
        }
        Validation v = ctx.tokens().read(token);
        if (!v.valid()) {
            return unauthorized(vault, "AKV10005: The token could not be validated.");
        }
        TokenClaims c = v.claims();
        if (!AzureResources.isKeyVaultAudience(c.aud())) {
            ctx.metrics().violation(ViolationKind.WRONG_AUDIENCE_TOKEN, req);
            return unauthorized(vault, "AKV10022: Invalid audience. Expected " + AzureResources.KEY_VAULT
                    + ", found: " + c.aud() + ".");
        }
        if (c.expiredAt(ctx.nowEpochSeconds())) {
            return unauthorized(vault, "[TokenExpired] Error validating token: 'S2S12086'.");
        }
        String tenantId = vault.tenant().tenantId();
        if (!tenantId.equalsIgnoreCase(c.tid())) {
            return unauthorized(vault, "AKV10032: Invalid issuer. Expected one of " + TokenClaims.issuerFor(tenantId)
                    + ", found " + c.iss() + ".");
        }
        Principal p = principals.find(vault.tenant(), c.oid()).orElse(null);
        SandboxResponse throttled = throttle(vault);
        if (throttled != null) {
            return throttled;
        }
        // an unknown principal is refused by the vault's own permission model
        Verdict unknown = vault.vault().rbac() ? Verdict.FORBIDDEN_BY_RBAC : Verdict.FORBIDDEN_BY_POLICY;
        Verdict verdict = p == null ? unknown : access.check(vault, p, c.appid(), req.remoteAddress(), op);
        return verdict == Verdict.ALLOWED ? null : forbidden(vault, c, verdict, op, req.remoteAddress());
    }

    private SandboxResponse throttle(VaultRef vault) {
        SandboxSettings s = ctx.settings();
        String vaultKey = "vault|" + vault.name();
        if (!ctx.vaultLimiter().tryAcquire(vaultKey, s.kvWindowLimit(), s.kvWindowSeconds())) {
            return throttled();
        }
        String subKey = "sub|" + vault.subscriptionId();
        if (!ctx.vaultLimiter().tryAcquire(subKey, s.kvWindowLimit() * s.kvSubscriptionMultiplier(), s.kvWindowSeconds())) {
            ctx.vaultLimiter().release(vaultKey);
            return throttled();
        }
        return null;
    }

    private SandboxResponse throttled() {
        ctx.metrics().countThrottled("dataplane");
        // Key Vault sends no Retry-After (vcsjones/AzureSignTool#219); clients back off 1, 2, 4, 8, 16 s
        return error(429, "Throttled", "Request was not processed because too many requests were received."
                + " Reason: VaultRequestTypeLimitReached", null);
    }

    private SandboxResponse unauthorized(VaultRef vault, String message) {
        return error(401, "Unauthorized", message, null).header("WWW-Authenticate", "Bearer authorization=\"https://"
                + ctx.settings().loginHost() + "/" + vault.tenant().tenantId() + "\", resource=\"" + AzureResources.KEY_VAULT + "\"");
    }

    private SandboxResponse forbidden(VaultRef vault, TokenClaims c, Verdict verdict, Operation op, String address) {
        String caller = "appid=" + c.appid() + ";oid=" + c.oid() + ";iss=" + c.iss();
        String where = "Vault: " + vault.name() + ";location=" + vault.location();
        String message = switch (verdict) {
            case FORBIDDEN_BY_CONNECTION -> "Public network access is disabled and request is not from a trusted"
                    + " service nor via an approved private link.\r\nCaller: " + caller + "\r\n" + where;
            case FORBIDDEN_BY_FIREWALL -> "Client address is not authorized and caller is not a trusted service."
                    + "\r\nClient address: " + address + "\r\nCaller: " + caller + "\r\n" + where;
            case FORBIDDEN_BY_RBAC -> "Caller is not authorized to perform action on resource.\r\nIf role assignments,"
                    + " deny assignments or role definitions were changed recently, please observe propagation time."
                    + "\r\nCaller: " + caller + "\r\nAction: '" + op.dataAction() + "'\r\nResource: '"
                    + vault.armId().toLowerCase(java.util.Locale.ROOT) + "'\r\nAssignment: (not found)\r\n"
                    + "DenyAssignmentId: null\r\nDecisionReason: 'DeniedWithNoValidRBAC' \r\n" + where;
            default -> "The user, group or application '" + caller + "' does not have " + op.objectType() + " "
                    + op.permission() + " permission on key vault '" + vault.name() + ";location=" + vault.location()
                    + "'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287";
        };
        return error(403, "Forbidden", message, verdict.innerCode);
    }

    static SandboxResponse error(int status, String code, String message, String innerCode) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (innerCode != null) {
            error.put("innererror", Map.of("code", innerCode));
        }
        return SandboxResponse.json(status, Map.of("error", error));
    }
}
