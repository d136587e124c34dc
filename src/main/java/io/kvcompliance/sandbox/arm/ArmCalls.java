package io.kvcompliance.sandbox.arm;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.arm.ArmGate.Admission;
import io.kvcompliance.sandbox.http.Pager;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import io.kvcompliance.sandbox.model.ListFault;
import io.kvcompliance.sandbox.model.Principal;
import io.kvcompliance.sandbox.model.SubscriptionDef;
import io.kvcompliance.sandbox.model.TenantDef;
import java.util.List;
import java.util.function.Function;

/**
 * The steps every ARM route shares, in Azure's order: api-version, the subscription (404), the
 * token and tenant (401), throttling (429); then, once the route has answered, ARM's headers.
 */
final class ArmCalls {
    /** An admitted call: who calls, in which tenant and subscription; or the refusal to send. */
    record Call(Admission admission, TenantDef tenant, SubscriptionDef subscription, SandboxResponse refusal) {
        boolean refused() {
            return refusal != null;
        }

        Principal principal() {
            return admission.principal();
        }
    }

    final SandboxContext ctx;
    final Authorizer authorizer;
    final ArmJson json;
    private final ArmGate gate;

    ArmCalls(SandboxContext ctx) {
        this.ctx = ctx;
        this.authorizer = new Authorizer(ctx.store());
        this.json = new ArmJson(ctx.clock(), ctx.settings().seed(), ctx.settings().vaultDnsSuffix());
        this.gate = new ArmGate(ctx);
    }

    /** Opens a call scoped to a subscription (null: tenant-level, the token's tenant). */
    Call open(SandboxRequest req, String subscriptionId, String resourceType, List<String> versions, String operation) {
        SandboxResponse bad = ArmHandler.checkApiVersion(req, resourceType, versions);
        if (bad != null) {
            return new Call(null, null, null, bad.operation(operation));
        }
        TenantDef tenant = null;
        SubscriptionDef sub = null;
        if (subscriptionId != null) {
            sub = ctx.store().subscription(subscriptionId).orElse(null);
            if (sub == null) {
                return new Call(null, null, null, ArmErrors.subscriptionNotFound(subscriptionId).operation(operation));
            }
            tenant = ctx.store().tenantOfSubscription(subscriptionId).orElseThrow();
        }
        Admission admission = gate.admit(req, tenant, subscriptionId);
        if (!admission.admitted()) {
            return new Call(admission, tenant, sub, admission.refusal().operation(operation));
        }
        if (tenant == null) {
            tenant = admission.principal().tenant();
        }
        return new Call(admission, tenant, sub, null);
    }

    /** Adds the remaining-reads headers ARM sends with every answer. */
    SandboxResponse finish(Call call, SandboxResponse r, String operation) {
        boolean tenantScope = call.subscription() == null;
        String scope = tenantScope ? "tenant" : "subscription";
        return r.operation(operation)
                .header("x-ms-ratelimit-remaining-" + scope + "-reads", Long.toString(call.admission().remaining()))
                .header("x-ms-ratelimit-remaining-" + scope + "-global-reads",
                        Long.toString(call.admission().globalRemaining()));
    }

    SandboxResponse forbidden(Call call, String action, String scope, String operation) {
        return finish(call, ArmErrors.authorizationFailed(appIdOrOid(call), call.admission().claims().oid(), action,
                scope), operation);
    }

    /**
     * A vault that does not exist: ARM authorizes the caller at the requested scope before the resource
     * provider looks, so a caller without the action there gets 403, and only an authorized one learns 404.
     */
    SandboxResponse missingVault(Call call, String groupName, String vaultName, String action, String operation) {
        String scope = "/subscriptions/" + call.subscription().subscriptionId() + "/resourceGroups/" + groupName
                + "/providers/Microsoft.KeyVault/vaults/" + vaultName;
        List<ScopedAssignment> above = ctx.store().resourceGroup(call.subscription(), groupName)
                .map(g -> authorizer.atOrAbove(call.tenant(), call.subscription(), g))
                .orElseGet(() -> authorizer.atOrAbove(call.tenant(), call.subscription()));
        if (!authorizer.allows(call.principal(), above, action, List.of())) {
            return forbidden(call, action, scope, operation);
        }
        return finish(call, ArmErrors.resourceNotFound("Microsoft.KeyVault/vaults", vaultName, groupName), operation);
    }

    private static String appIdOrOid(Call call) {
        String appid = call.admission().claims().appid();
        return appid != null ? appid : call.admission().claims().oid();
    }

    /** Pages a list; {@code $top} lowers the page size where the API honours it. */
    <T> SandboxResponse page(SandboxRequest req, String list, String listKey, List<T> items, boolean honourTop,
                             ListFault fault, Function<T, Object> mapper) {
        int size = ctx.settings().pageCap(list);
        String top = honourTop ? req.query("$top") : null;
        if (top != null) {
            try {
                size = Math.max(1, Math.min(size, Integer.parseInt(top)));
            } catch (NumberFormatException e) {
                return ArmErrors.error(400, "InvalidParameter", "The value '" + top + "' of $top is not an integer.");
            }
        }
        return new Pager(ctx.settings()).page(req, new Pager.Listing<>(listKey, items, size, fault, mapper, false));
    }
}
