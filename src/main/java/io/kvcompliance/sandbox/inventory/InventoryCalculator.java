package io.kvcompliance.sandbox.inventory;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.arm.Authorizer;
import io.kvcompliance.sandbox.dataplane.VaultAccess;
import io.kvcompliance.sandbox.dataplane.VaultAccess.Operation;
import io.kvcompliance.sandbox.dataplane.VaultAccess.Verdict;
import io.kvcompliance.sandbox.entra.AzureResources;
import io.kvcompliance.sandbox.inventory.ExpectedInventory.Coverage;
import io.kvcompliance.sandbox.model.ListFault;
import io.kvcompliance.sandbox.model.Principal;
import io.kvcompliance.sandbox.model.Principals;
import io.kvcompliance.sandbox.model.SubscriptionDef;
import io.kvcompliance.sandbox.model.TenantDef;
import io.kvcompliance.sandbox.model.UserDef;
import io.kvcompliance.sandbox.model.VaultRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Computes the expected inventory with the same authorization rules the handlers enforce
 * (Authorizer for ARM, VaultAccess for the data plane). Keys and secrets are expected through ARM,
 * certificates through the data plane, as the collector reads them.
 */
public final class InventoryCalculator {
    private final SandboxContext ctx;
    private final Authorizer authorizer;
    private final VaultAccess access;

    public InventoryCalculator(SandboxContext ctx) {
        this.ctx = ctx;
        this.authorizer = new Authorizer(ctx.store());
        this.access = new VaultAccess(authorizer);
    }

    public ExpectedInventory forPrincipal(String key) {
        Principal p = new Principals(ctx.store()).find(key).orElseThrow(() -> new IllegalArgumentException(
                "No principal '" + key + "' in the sandbox tenant: give a user's UPN or object id, or an app id"));
        TenantDef tenant = p.tenant();
        List<ExpectedInventory.Subscription> subs = new ArrayList<>();
        List<ExpectedInventory.Vault> vaults = new ArrayList<>();
        for (SubscriptionDef sub : tenant.subscriptions()) {
            if (!authorizer.canSeeSubscription(p, tenant, sub)) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (VaultRef v : ctx.store().vaults(tenant, sub)) {
                if (authorizer.allowsOnVault(p, v, "Microsoft.KeyVault/vaults/read")) {
                    names.add(v.name());
                    vaults.add(vault(p, v));
                }
            }
            subs.add(subscription(p, tenant, sub, names));
        }
        return new ExpectedInventory(key, tenant.tenantId(), subs, vaults);
    }

    private ExpectedInventory.Subscription subscription(Principal p, TenantDef tenant, SubscriptionDef sub,
                                                        List<String> vaultNames) {
        var above = authorizer.atOrAbove(tenant, sub);
        Map<String, Coverage> coverage = new LinkedHashMap<>();
        coverage.put("vaults", Coverage.collected(vaultNames.size()));
        boolean deleted = authorizer.allows(p, above, "Microsoft.KeyVault/deletedVaults/read", List.of());
        boolean hsms = authorizer.allows(p, above, "Microsoft.KeyVault/managedHSMs/read", List.of());
        coverage.put("deletedVaults", deleted ? Coverage.collected(sub.deletedVaults().size()) : denied());
        coverage.put("managedHsms", hsms ? Coverage.collected(sub.managedHsms().size()) : denied());
        return new ExpectedInventory.Subscription(sub.subscriptionId(), sub.displayName(), sub.state(), vaultNames,
                deleted ? sub.deletedVaults().stream().map(d -> d.name()).toList() : List.of(),
                hsms ? sub.managedHsms().stream().map(h -> h.name()).toList() : List.of(), coverage);
    }

    private ExpectedInventory.Vault vault(Principal p, VaultRef v) {
        Map<String, Coverage> coverage = new LinkedHashMap<>();
        coverage.put("vault", Coverage.collected(1));
        coverage.put("accessPolicies", Coverage.collected(v.vault().accessPolicies().size()));
        armCoverage(p, v, "keys", "arm-keys", v.vault().keys().size(), coverage);
        armCoverage(p, v, "secrets", "arm-secrets", v.vault().secrets().size(), coverage);
        List<String> certificates = certificates(p, v, coverage);
        var assignments = authorizer.atOrAbove(v);
        boolean ra = authorizer.allowsOnVault(p, v, "Microsoft.Authorization/roleAssignments/read");
        coverage.put("roleAssignments", ra ? faultOr(v, "role-assignments", assignments.size()) : denied());
        boolean diag = authorizer.allowsOnVault(p, v, "Microsoft.Insights/diagnosticSettings/read");
        coverage.put("diagnosticSettings", diag ? Coverage.collected(v.vault().diagnosticSettings().size()) : denied());
        return new ExpectedInventory.Vault(v.subscriptionId(), v.resourceGroupName(), v.name(), v.armId(), v.vault().rbac(),
                coverage,
                coverage.get("keys").collected() ? names(v.vault().keys(), k -> k.name()) : List.of(),
                coverage.get("secrets").collected() ? names(v.vault().secrets(), s -> s.name()) : List.of(),
                certificates,
                ra && coverage.get("roleAssignments").collected() ? assignments.stream().map(a -> a.id()).toList() : List.of(),
                v.vault().accessPolicies().stream().map(a -> a.objectId()).toList(),
                diag ? v.vault().diagnosticSettings().stream().map(d -> d.name()).toList() : List.of());
    }

    private void armCoverage(Principal p, VaultRef v, String type, String list, int size, Map<String, Coverage> coverage) {
        boolean allowed = authorizer.allowsOnVault(p, v, "Microsoft.KeyVault/vaults/" + type + "/read");
        coverage.put(type, allowed ? faultOr(v, list, size) : denied());
    }

    private List<String> certificates(Principal p, VaultRef v, Map<String, Coverage> coverage) {
        if (p.isUser() && blocksVaultConsent(p)) {
            coverage.put("certificates", Coverage.gap("CONSENT_REQUIRED", 400, "consent_required"));
            return List.of();
        }
        Verdict verdict = access.check(v, p, p.appId(), "127.0.0.1", Operation.list("certificates"));
        switch (verdict) {
            case ALLOWED -> coverage.put("certificates", faultOr(v, "dp-certificates", v.vault().certificates().size()));
            case FORBIDDEN_BY_CONNECTION, FORBIDDEN_BY_FIREWALL ->
                    coverage.put("certificates", Coverage.gap("BLOCKED_BY_NETWORK", 403, verdict.innerCode));
            default -> coverage.put("certificates", Coverage.gap("DENIED", 403, verdict.innerCode));
        }
        return coverage.get("certificates").collected() ? names(v.vault().certificates(), c -> c.name()) : List.of();
    }

    private static boolean blocksVaultConsent(Principal p) {
        return p.tenant().users().stream().filter(u -> u.objectId().equalsIgnoreCase(p.objectId()))
                .map(UserDef::blockedConsentResources).flatMap(List::stream)
                .anyMatch(r -> AzureResources.isKeyVaultAudience(r));
    }

    /** A targeted paging fault makes the partition FAILED: a correct collector cannot finish that list. */
    private static Coverage faultOr(VaultRef v, String list, int count) {
        ListFault fault = v.vault().faults().get(list);
        if (fault == null) {
            return Coverage.collected(count);
        }
        String code = switch (fault) {
            case MALFORMED_PAGE -> "MalformedPage";
            case LOOPING_NEXT_LINK -> "NextLinkLoop";
            case FOREIGN_NEXT_LINK -> "ForeignNextLink";
        };
        return new Coverage("FAILED", fault == ListFault.MALFORMED_PAGE ? 200 : null, code, null);
    }

    private static Coverage denied() {
        return Coverage.gap("DENIED", 403, "AuthorizationFailed");
    }

    private static <T> List<String> names(List<T> items, Function<T, String> name) {
        List<String> out = new ArrayList<>(items.size());
        for (T item : items) {
            out.add(name.apply(item));
        }
        return out;
    }
}
