package io.kvcompliance.sandbox.model;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only index over a tenant fixture: look-ups by tenant, subscription and vault name, and the
 * per-subscription vault list. Lists stay whatever the fixture gave (generated tenants give lazy
 * lists), so the index holds names and positions, never the objects of a large tenant.
 */
public final class TenantStore {
    private final TenantFixture fixture;
    private final Map<String, TenantDef> tenantsByKey = new HashMap<>();
    private final Map<String, SubscriptionLoc> subscriptions = new HashMap<>();
    private final Map<String, VaultLoc> vaultsByName = new HashMap<>();

    private record SubscriptionLoc(TenantDef tenant, SubscriptionDef subscription) {
    }

    private record VaultLoc(String subscriptionId, int groupIndex, int vaultIndex) {
    }

    public TenantStore(TenantFixture fixture) {
        this.fixture = fixture;
        for (TenantDef tenant : fixture.tenants()) {
            tenantsByKey.put(key(tenant.tenantId()), tenant);
            if (tenant.defaultDomain() != null) {
                tenantsByKey.put(key(tenant.defaultDomain()), tenant);
            }
            for (SubscriptionDef sub : tenant.subscriptions()) {
                subscriptions.put(key(sub.subscriptionId()), new SubscriptionLoc(tenant, sub));
                indexVaults(sub);
            }
        }
    }

    private void indexVaults(SubscriptionDef sub) {
        List<ResourceGroupDef> groups = sub.resourceGroups();
        for (int g = 0; g < groups.size(); g++) {
            List<VaultDef> vaults = groups.get(g).vaults();
            for (int v = 0; v < vaults.size(); v++) {
                String name = vaults.get(v).name();
                VaultLoc previous = vaultsByName.put(key(name), new VaultLoc(sub.subscriptionId(), g, v));
                if (previous != null) {
                    throw new IllegalArgumentException("Vault name '" + name + "' is used twice in the fixture;"
                            + " vault names are global DNS names and must be unique");
                }
            }
        }
    }

    private static String key(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    public TenantFixture fixture() {
        return fixture;
    }

    public List<TenantDef> tenants() {
        return fixture.tenants();
    }

    /** Tenant by GUID or default domain, case-insensitively. */
    public Optional<TenantDef> tenant(String idOrDomain) {
        return Optional.ofNullable(tenantsByKey.get(key(idOrDomain)));
    }

    public Optional<SubscriptionDef> subscription(String subscriptionId) {
        return Optional.ofNullable(subscriptions.get(key(subscriptionId))).map(SubscriptionLoc::subscription);
    }

    public Optional<TenantDef> tenantOfSubscription(String subscriptionId) {
        return Optional.ofNullable(subscriptions.get(key(subscriptionId))).map(SubscriptionLoc::tenant);
    }

    public Optional<VaultRef> vault(String name) {
        VaultLoc loc = vaultsByName.get(key(name));
        if (loc == null) {
            return Optional.empty();
        }
        SubscriptionLoc sub = subscriptions.get(key(loc.subscriptionId()));
        ResourceGroupDef group = sub.subscription().resourceGroups().get(loc.groupIndex());
        return Optional.of(new VaultRef(sub.tenant(), sub.subscription(), group, group.vaults().get(loc.vaultIndex())));
    }

    public int vaultCount() {
        return vaultsByName.size();
    }

    /** Every vault of a subscription in a stable order, as a lazy view (nothing is copied). */
    public List<VaultRef> vaults(TenantDef tenant, SubscriptionDef sub) {
        List<ResourceGroupDef> groups = sub.resourceGroups();
        int[] offsets = new int[groups.size() + 1];
        for (int g = 0; g < groups.size(); g++) {
            offsets[g + 1] = offsets[g] + groups.get(g).vaults().size();
        }
        return new AbstractList<>() {
            @Override
            public VaultRef get(int index) {
                int g = groupOf(offsets, index);
                ResourceGroupDef group = groups.get(g);
                return new VaultRef(tenant, sub, group, group.vaults().get(index - offsets[g]));
            }

            @Override
            public int size() {
                return offsets[offsets.length - 1];
            }
        };
    }

    /** The vaults of one resource group, as a lazy view. */
    public List<VaultRef> vaults(TenantDef tenant, SubscriptionDef sub, ResourceGroupDef group) {
        List<VaultDef> vaults = group.vaults();
        return new AbstractList<>() {
            @Override
            public VaultRef get(int index) {
                return new VaultRef(tenant, sub, group, vaults.get(index));
            }

            @Override
            public int size() {
                return vaults.size();
            }
        };
    }

    private static int groupOf(int[] offsets, int index) {
        if (index < 0 || index >= offsets[offsets.length - 1]) {
            throw new IndexOutOfBoundsException(index);
        }
        int lo = 0;
        int hi = offsets.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (offsets[mid] <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    public Optional<ResourceGroupDef> resourceGroup(SubscriptionDef sub, String name) {
        for (ResourceGroupDef group : sub.resourceGroups()) {
            if (group.name().equalsIgnoreCase(name)) {
                return Optional.of(group);
            }
        }
        return Optional.empty();
    }

    /** Every principal object id that belongs to a tenant (users, groups, service principals). */
    public List<String> principalIds(TenantDef tenant) {
        List<String> ids = new ArrayList<>();
        tenant.users().forEach(u -> ids.add(u.objectId()));
        tenant.groups().forEach(g -> ids.add(g.objectId()));
        tenant.applications().forEach(a -> ids.add(a.servicePrincipalObjectId()));
        return ids;
    }
}
