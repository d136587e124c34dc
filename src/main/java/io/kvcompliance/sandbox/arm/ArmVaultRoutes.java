package io.kvcompliance.sandbox.arm;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.arm.ArmCalls.Call;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import io.kvcompliance.sandbox.model.ListFault;
import io.kvcompliance.sandbox.model.ManagedHsmDef;
import io.kvcompliance.sandbox.model.ResourceGroupDef;
import io.kvcompliance.sandbox.model.SubscriptionDef;
import io.kvcompliance.sandbox.model.VaultRef;
import java.util.List;
import java.util.Optional;

/**
 * Subscriptions and Microsoft.KeyVault resources: vault lists (filtered, as ARM filters collection
 * reads, to the vaults the caller may read), vault get, ARM keys and secrets (metadata only; ARM
 * never returns a secret value), deleted vaults and managed HSMs. Each names the RBAC action it needs.
 */
final class ArmVaultRoutes {
    private final ArmCalls calls;
    private final SandboxContext ctx;

    ArmVaultRoutes(SandboxContext ctx) {
        this.ctx = ctx;
        this.calls = new ArmCalls(ctx);
    }

    /** GET /subscriptions: those of the token's tenant where the caller holds any role assignment. */
    SandboxResponse subscriptions(SandboxRequest req) {
        String op = "arm:subscriptions.list";
        Call call = calls.open(req, null, "subscriptions", ArmHandler.SUBSCRIPTION_VERSIONS, op);
        if (call.refused()) {
            return call.refusal();
        }
        List<SubscriptionDef> visible = call.tenant().subscriptions().stream()
                .filter(s -> calls.authorizer.canSeeSubscription(call.principal(), call.tenant(), s)).toList();
        return calls.finish(call, calls.page(req, "subscriptions", "subs|" + call.principal().objectId(), visible, false,
                null, s -> ArmJson.subscription(call.tenant(), s)), op);
    }

    SandboxResponse subscription(SandboxRequest req, String subscriptionId) {
        String op = "arm:subscriptions.get";
        Call call = calls.open(req, subscriptionId, "subscriptions", ArmHandler.SUBSCRIPTION_VERSIONS, op);
        if (call.refused()) {
            return call.refusal();
        }
        if (!calls.authorizer.canSeeSubscription(call.principal(), call.tenant(), call.subscription())) {
            return calls.finish(call, ArmErrors.subscriptionNotFound(subscriptionId), op);
        }
        return calls.finish(call, SandboxResponse.json(200, ArmJson.subscription(call.tenant(), call.subscription())), op);
    }

    /** Vaults by subscription or resource group; needs Microsoft.KeyVault/vaults/read per vault. */
    SandboxResponse vaults(SandboxRequest req, String subscriptionId, String groupName) {
        String op = groupName == null ? "arm:vaults.listBySubscription" : "arm:vaults.listByResourceGroup";
        Call call = calls.open(req, subscriptionId, "vaults", ArmHandler.KEYVAULT_VERSIONS, op);
        if (call.refused()) {
            return call.refusal();
        }
        List<VaultRef> all;
        if (groupName == null) {
            all = ctx.store().vaults(call.tenant(), call.subscription());
        } else {
            Optional<ResourceGroupDef> group = ctx.store().resourceGroup(call.subscription(), groupName);
            if (group.isEmpty()) {
                return calls.finish(call, ArmErrors.resourceGroupNotFound(groupName), op);
            }
            all = ctx.store().vaults(call.tenant(), call.subscription(), group.get());
        }
        if (!calls.authorizer.canSeeSubscription(call.principal(), call.tenant(), call.subscription())) {
            return calls.forbidden(call, "Microsoft.KeyVault/vaults/read", "/subscriptions/" + subscriptionId, op);
        }
        List<VaultRef> readable = new ReadableVaults(all, v -> calls.authorizer.allowsOnVault(call.principal(), v,
                "Microsoft.KeyVault/vaults/read"));
        return calls.finish(call, calls.page(req, "vaults", "vaults|" + subscriptionId + "|" + groupName + "|"
                + call.principal().objectId(), readable, true, null, calls.json::vault), op);
    }

    SandboxResponse vault(SandboxRequest req, String subscriptionId, String groupName, String vaultName) {
        String op = "arm:vaults.get";
        Call call = calls.open(req, subscriptionId, "vaults", ArmHandler.KEYVAULT_VERSIONS, op);
        if (call.refused()) {
            return call.refusal();
        }
        Optional<VaultRef> vault = find(call, groupName, vaultName);
        if (vault.isEmpty()) {
            return calls.missingVault(call, groupName, vaultName, "Microsoft.KeyVault/vaults/read", op);
        }
        if (!calls.authorizer.allowsOnVault(call.principal(), vault.get(), "Microsoft.KeyVault/vaults/read")) {
            return calls.forbidden(call, "Microsoft.KeyVault/vaults/read", vault.get().armId(), op);
        }
        return calls.finish(call, SandboxResponse.json(200, calls.json.vault(vault.get())), op);
    }

    /** ARM keys or secrets of a vault: list (or get one by name); needs .../vaults/keys/read or secrets/read. */
    SandboxResponse objects(SandboxRequest req, String subscriptionId, String groupName, String vaultName,
                            String kind, String objectName) {
        boolean keys = kind.equalsIgnoreCase("keys");
        String op = "arm:" + (keys ? "keys" : "secrets") + (objectName == null ? ".list" : ".get");
        Call call = calls.open(req, subscriptionId, "vaults/" + kind, ArmHandler.KEYVAULT_VERSIONS, op);
        if (call.refused()) {
            return call.refusal();
        }
        String action = "Microsoft.KeyVault/vaults/" + (keys ? "keys" : "secrets") + "/read";
        Optional<VaultRef> found = find(call, groupName, vaultName);
        if (found.isEmpty()) {
            return calls.missingVault(call, groupName, vaultName, action, op);
        }
        VaultRef v = found.get();
        if (!calls.authorizer.allowsOnVault(call.principal(), v, action)) {
            return calls.forbidden(call, action, v.armId(), op);
        }
        if (objectName != null) {
            Optional<Object> one = keys
                    ? v.vault().keys().stream().filter(k -> k.name().equalsIgnoreCase(objectName)).findFirst()
                        .map(k -> calls.json.key(v, k))
                    : v.vault().secrets().stream().filter(s -> s.name().equalsIgnoreCase(objectName)).findFirst()
                        .map(s -> calls.json.secret(v, s));
            return calls.finish(call, one.map(o -> SandboxResponse.json(200, o)).orElseGet(() -> ArmErrors.resourceNotFound(
                    "Microsoft.KeyVault/vaults/" + kind, vaultName + "/" + objectName, groupName)), op);
        }
        String list = keys ? "arm-keys" : "arm-secrets";
        ListFault fault = v.vault().faults().get(list);
        String key = list + "|" + v.name();
        // Keys_List has no $top; Secrets_List honours it (Microsoft.KeyVault 2023-07-01+ spec)
        SandboxResponse page = keys
                ? calls.page(req, list, key, v.vault().keys(), false, fault, k -> calls.json.key(v, k))
                : calls.page(req, list, key, v.vault().secrets(), true, fault, s -> calls.json.secret(v, s));
        return calls.finish(call, page, op);
    }

    /** Deleted vaults of a subscription; needs Microsoft.KeyVault/deletedVaults/read at the subscription. */
    SandboxResponse deletedVaults(SandboxRequest req, String subscriptionId) {
        String op = "arm:deletedVaults.list";
        Call call = calls.open(req, subscriptionId, "deletedVaults", ArmHandler.KEYVAULT_VERSIONS, op);
        if (call.refused()) {
            return call.refusal();
        }
        SubscriptionDef sub = call.subscription();
        String action = "Microsoft.KeyVault/deletedVaults/read";
        if (!calls.authorizer.allows(call.principal(), calls.authorizer.atOrAbove(call.tenant(), sub), action, List.of())) {
            return calls.forbidden(call, action, "/subscriptions/" + subscriptionId, op);
        }
        return calls.finish(call, calls.page(req, "deleted-vaults", "deleted|" + subscriptionId, sub.deletedVaults(),
                false, null, d -> calls.json.deletedVault(sub, d)), op);
    }

    /** Managed HSMs by subscription, resource group, or one by name; needs Microsoft.KeyVault/managedHSMs/read. */
    SandboxResponse managedHsms(SandboxRequest req, String subscriptionId, String groupName, String name) {
        String op = name == null ? "arm:managedHsms.list" : "arm:managedHsms.get";
        Call call = calls.open(req, subscriptionId, "managedHSMs", ArmHandler.KEYVAULT_VERSIONS, op);
        if (call.refused()) {
            return call.refusal();
        }
        SubscriptionDef sub = call.subscription();
        String action = "Microsoft.KeyVault/managedHSMs/read";
        if (!calls.authorizer.allows(call.principal(), calls.authorizer.atOrAbove(call.tenant(), sub), action, List.of())) {
            return calls.forbidden(call, action, "/subscriptions/" + subscriptionId, op);
        }
        List<ManagedHsmDef> hsms = sub.managedHsms().stream()
                .filter(h -> groupName == null || groupName.equalsIgnoreCase(h.resourceGroup()))
                .filter(h -> name == null || name.equalsIgnoreCase(h.name())).toList();
        if (name != null) {
            return calls.finish(call, hsms.isEmpty()
                    ? ArmErrors.resourceNotFound("Microsoft.KeyVault/managedHSMs", name, groupName)
                    : SandboxResponse.json(200, calls.json.managedHsm(call.tenant(), sub, hsms.get(0))), op);
        }
        return calls.finish(call, calls.page(req, "managed-hsms", "hsms|" + subscriptionId + "|" + groupName, hsms,
                true, null, h -> calls.json.managedHsm(call.tenant(), sub, h)), op);
    }

    private Optional<VaultRef> find(Call call, String groupName, String vaultName) {
        return ctx.store().vault(vaultName).filter(v -> v.subscriptionId().equalsIgnoreCase(call.subscription().subscriptionId())
                && v.resourceGroupName().equalsIgnoreCase(groupName));
    }
}
