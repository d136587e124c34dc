package io.kvcompliance.sandbox.model;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Finds principals in a tenant store by UPN, object id or app id, with their group memberships. */
public final class Principals {
    private final TenantStore store;

    public Principals(TenantStore store) {
        this.store = store;
    }

    /** A user or service principal named by UPN, object id or app id, in any tenant. */
    public Optional<Principal> find(String key) {
        for (TenantDef tenant : store.tenants()) {
            Optional<Principal> p = find(tenant, key);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    public Optional<Principal> find(TenantDef tenant, String key) {
        if (key == null) {
            return Optional.empty();
        }
        String k = key.toLowerCase(Locale.ROOT);
        for (UserDef u : tenant.users()) {
            if (k.equals(lower(u.objectId())) || k.equals(lower(u.userPrincipalName()))) {
                return Optional.of(user(tenant, u));
            }
        }
        for (ApplicationDef a : tenant.applications()) {
            if (k.equals(lower(a.appId())) || k.equals(lower(a.servicePrincipalObjectId()))) {
                return Optional.of(servicePrincipal(tenant, a));
            }
        }
        return Optional.empty();
    }

    /** The tenant's default user (the one the quick start signs in), if the fixture marks one. */
    public Optional<Principal> defaultUser(TenantDef tenant) {
        return tenant.users().stream().filter(UserDef::isDefault).findFirst().map(u -> user(tenant, u));
    }

    public Principal user(TenantDef tenant, UserDef u) {
        return new Principal(tenant, u.objectId(), "User", u.displayName(), u.userPrincipalName(), null,
                grantees(tenant, u.objectId()));
    }

    public Principal servicePrincipal(TenantDef tenant, ApplicationDef a) {
        return new Principal(tenant, a.servicePrincipalObjectId(), "ServicePrincipal", a.displayName(), null,
                a.appId(), grantees(tenant, a.servicePrincipalObjectId()));
    }

    private static Set<String> grantees(TenantDef tenant, String objectId) {
        Set<String> ids = new HashSet<>();
        ids.add(lower(objectId));
        for (GroupDef g : tenant.groups()) {
            if (g.members().stream().anyMatch(m -> m.equalsIgnoreCase(objectId))) {
                ids.add(lower(g.objectId()));
            }
        }
        return Set.copyOf(ids);
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
