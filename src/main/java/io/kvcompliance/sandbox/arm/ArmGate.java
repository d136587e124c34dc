package io.kvcompliance.sandbox.arm;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.entra.AzureResources;
import io.kvcompliance.sandbox.entra.TokenClaims;
import io.kvcompliance.sandbox.entra.TokenService.Validation;
import io.kvcompliance.sandbox.http.SandboxMetrics.ViolationKind;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import io.kvcompliance.sandbox.http.SandboxSettings;
import io.kvcompliance.sandbox.http.TokenBucketLimiter.Outcome;
import io.kvcompliance.sandbox.model.Principal;
import io.kvcompliance.sandbox.model.Principals;
import io.kvcompliance.sandbox.model.TenantDef;
import java.time.Instant;

/**
 * What stands before every Resource Manager call: the bearer token (401 with ARM's codes and
 * WWW-Authenticate challenge), the tenant the token was issued for, then the read token bucket of
 * the principal in the subscription (429 with Retry-After and the remaining-reads headers).
 */
final class ArmGate {
    /** The authenticated caller, or the error to answer instead. */
    record Admission(TokenClaims claims, Principal principal, SandboxResponse refusal, long remaining,
                     long globalRemaining) {
        boolean admitted() {
            return refusal == null;
        }
    }

    private final SandboxContext ctx;
    private final Principals principals;

    ArmGate(SandboxContext ctx) {
        this.ctx = ctx;
        this.principals = new Principals(ctx.store());
    }

    /** Authenticates against the tenant that owns the scope (null for tenant-level calls: the token's own). */
    Admission admit(SandboxRequest req, TenantDef owner, String subscriptionId) {
        String token = req.bearerToken();
        if (token == null) {
            return refuse(challenge(ArmErrors.error(401, "AuthenticationFailed",
                    "Authentication failed. The 'Authorization' header is missing."), "The authentication failed"
                    + " because of missing 'Authorization' header."));
        }
        Validation v = ctx.tokens().read(token);
        if (!v.valid()) {
            return refuse(challenge(ArmErrors.error(401, "InvalidAuthenticationToken",
                    "The access token is invalid."), "The access token is invalid."));
        }
        TokenClaims c = v.claims();
        if (!AzureResources.isArmAudience(c.aud())) {
            ctx.metrics().violation(ViolationKind.WRONG_AUDIENCE_TOKEN, req);
            return refuse(challenge(ArmErrors.error(401, "InvalidAuthenticationTokenAudience", "The access token has"
                    + " been obtained for wrong audience or resource '" + c.aud() + "'. It should exactly match with"
                    + " one of the allowed audiences '" + String.join("','", AzureResources.ARM_AUDIENCES) + "'."),
                    "The access token audience is invalid."));
        }
        long now = ctx.nowEpochSeconds();
        if (c.expiredAt(now)) {
            return refuse(challenge(ArmErrors.error(401, "ExpiredAuthenticationToken", "The access token expiry UTC"
                    + " time '" + Instant.ofEpochSecond(c.exp()) + "' is earlier than current UTC time '"
                    + Instant.ofEpochSecond(now) + "'."), "The access token expiry UTC time is earlier than current."));
        }
        TenantDef tenant = owner != null ? owner : ctx.store().tenant(c.tid()).orElse(null);
        if (tenant == null || !tenant.tenantId().equalsIgnoreCase(c.tid())) {
            return refuse(wrongTenant(c, tenant));
        }
        Principal principal = principals.find(tenant, c.oid()).orElse(null);
        if (principal == null) {
            return refuse(ArmErrors.authorizationFailed(c.appid(), c.oid(), "Microsoft.Resources/subscriptions/read",
                    subscriptionId == null ? "/" : "/subscriptions/" + subscriptionId));
        }
        return throttle(c, principal, subscriptionId != null ? subscriptionId : "tenant:" + tenant.tenantId());
    }

    private Admission throttle(TokenClaims c, Principal principal, String bucket) {
        SandboxSettings s = ctx.settings();
        Outcome mine = ctx.armLimiter().take(c.oid() + "|" + bucket, s.armBurst(), s.armRefillPerSecond());
        if (!mine.allowed()) {
            return refused429(c, bucket, mine.retryAfterSeconds());
        }
        int globalBurst = s.armBurst() * s.armGlobalMultiplier();
        Outcome global = ctx.armLimiter().take("*|" + bucket, globalBurst, s.armRefillPerSecond() * s.armGlobalMultiplier());
        if (!global.allowed()) {
            ctx.armLimiter().giveBack(c.oid() + "|" + bucket, s.armBurst());
            return refused429(c, bucket, global.retryAfterSeconds());
        }
        return new Admission(c, principal, null, mine.remaining(), global.remaining());
    }

    private Admission refused429(TokenClaims c, String bucket, long retryAfter) {
        ctx.metrics().countThrottled("arm");
        SandboxResponse r = ArmErrors.throttled(bucket.replace("tenant:", ""), c.oid(), retryAfter)
                .header("x-ms-ratelimit-remaining-subscription-reads", "0");
        return new Admission(c, null, r, 0, 0);
    }

    private SandboxResponse wrongTenant(TokenClaims c, TenantDef tenant) {
        String expected = tenant == null ? "<unknown>" : tenant.tenantId();
        return challenge(ArmErrors.error(401, "InvalidAuthenticationTokenTenant", "The access token is from the wrong"
                + " issuer '" + TokenClaims.issuerFor(c.tid()) + "'. It must match the tenant '"
                + TokenClaims.issuerFor(expected) + "' associated with this subscription. Please use the authority"
                + " (URL) 'https://" + ctx.settings().loginHost() + "/" + expected + "' to get the token. Note, if the"
                + " subscription is transferred to another tenant there is no impact to the services, but information"
                + " about new tenant could take time to propagate (up to an hour). If you just transferred your"
                + " subscription and see this error message, please try back later."), "The access token is from the"
                + " wrong issuer.");
    }

    private SandboxResponse challenge(SandboxResponse r, String description) {
        return r.header("WWW-Authenticate", "Bearer authorization_uri=\"https://" + ctx.settings().loginHost()
                + "/\", error=\"invalid_token\", error_description=\"" + description + "\"");
    }

    private static Admission refuse(SandboxResponse r) {
        return new Admission(null, null, r, 0, 0);
    }
}
