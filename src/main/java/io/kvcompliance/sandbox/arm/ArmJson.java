package io.kvcompliance.sandbox.arm;

import io.kvcompliance.sandbox.fixture.FixtureClock;
import io.kvcompliance.sandbox.http.Seeded;
import io.kvcompliance.sandbox.model.AccessPolicyDef;
import io.kvcompliance.sandbox.model.DeletedVaultDef;
import io.kvcompliance.sandbox.model.KeyDef;
import io.kvcompliance.sandbox.model.ManagedHsmDef;
import io.kvcompliance.sandbox.model.NetworkAclsDef;
import io.kvcompliance.sandbox.model.PrivateEndpointConnectionDef;
import io.kvcompliance.sandbox.model.SecretDef;
import io.kvcompliance.sandbox.model.SubscriptionDef;
import io.kvcompliance.sandbox.model.TenantDef;
import io.kvcompliance.sandbox.model.VaultDef;
import io.kvcompliance.sandbox.model.VaultRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resource Manager JSON shapes for Microsoft.KeyVault resources and subscriptions, as the 2023-07-01
 * to 2026-02-01 specs define them. Absent fixture values stay absent, the way ARM omits them.
 */
final class ArmJson {
    private final FixtureClock clock;
    private final long seed;
    private final String vaultDnsSuffix;

    ArmJson(FixtureClock clock, long seed, String vaultDnsSuffix) {
        this.clock = clock;
        this.seed = seed;
        this.vaultDnsSuffix = vaultDnsSuffix;
    }

    static Map<String, Object> subscription(TenantDef tenant, SubscriptionDef s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", "/subscriptions/" + s.subscriptionId());
        out.put("authorizationSource", "RoleBased");
        out.put("managedByTenants", List.of());
        out.put("subscriptionId", s.subscriptionId());
        out.put("tenantId", tenant.tenantId());
        out.put("displayName", s.displayName());
        out.put("state", s.state());
        out.put("subscriptionPolicies", Map.of("locationPlacementId", "Public_2014-09-01",
                "quotaId", "PayAsYouGo_2014-09-01", "spendingLimit", "Off"));
        if (!s.tags().isEmpty()) {
            out.put("tags", s.tags());
        }
        return out;
    }

    Map<String, Object> vault(VaultRef ref) {
        VaultDef v = ref.vault();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sku", Map.of("family", "A", "name", v.sku()));
        p.put("tenantId", ref.tenant().tenantId());
        p.put("accessPolicies", v.accessPolicies().stream().map(a -> accessPolicy(ref, a)).toList());
        p.put("vaultUri", "https://" + v.name() + vaultDnsSuffix + "/");
        putIfSet(p, "enabledForDeployment", v.enabledForDeployment());
        putIfSet(p, "enabledForDiskEncryption", v.enabledForDiskEncryption());
        putIfSet(p, "enabledForTemplateDeployment", v.enabledForTemplateDeployment());
        putIfSet(p, "enableSoftDelete", v.enableSoftDelete());
        putIfSet(p, "softDeleteRetentionInDays", v.softDeleteRetentionInDays());
        putIfSet(p, "enableRbacAuthorization", v.enableRbacAuthorization());
        putIfSet(p, "enablePurgeProtection", v.enablePurgeProtection());
        if (v.networkAcls() != null) {
            p.put("networkAcls", networkAcls(v.networkAcls()));
        }
        p.put("privateEndpointConnections", v.privateEndpointConnections().stream()
                .map(c -> privateEndpoint(ref, c)).toList());
        putIfSet(p, "publicNetworkAccess", v.publicNetworkAccess());
        p.put("provisioningState", "Succeeded");
        Map<String, Object> out = resource(ref.armId(), v.name(), "Microsoft.KeyVault/vaults", ref.location(), v.tags());
        if (v.createdAt() != null) {
            String at = clock.resolve(v.createdAt()).toString();
            out.put("systemData", Map.of("createdBy", "deploy-pipeline", "createdByType", "Application",
                    "createdAt", at, "lastModifiedBy", "deploy-pipeline", "lastModifiedByType", "Application",
                    "lastModifiedAt", at));
        }
        out.put("properties", p);
        return out;
    }

    private static Map<String, Object> accessPolicy(VaultRef ref, AccessPolicyDef a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tenantId", a.tenantId() != null ? a.tenantId() : ref.tenant().tenantId());
        out.put("objectId", a.objectId());
        putIfSet(out, "applicationId", a.applicationId());
        out.put("permissions", Map.of("keys", a.keys(), "secrets", a.secrets(), "certificates", a.certificates(),
                "storage", a.storage()));
        return out;
    }

    private static Map<String, Object> networkAcls(NetworkAclsDef n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bypass", n.bypass());
        out.put("defaultAction", n.defaultAction());
        out.put("ipRules", n.ipRules().stream().map(ip -> Map.of("value", ip)).toList());
        out.put("virtualNetworkRules", n.virtualNetworkRules().stream()
                .map(id -> Map.of("id", id, "ignoreMissingVnetServiceEndpoint", false)).toList());
        return out;
    }

    private static Map<String, Object> privateEndpoint(VaultRef ref, PrivateEndpointConnectionDef c) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("privateEndpoint", Map.of("id", c.privateEndpointId()));
        props.put("privateLinkServiceConnectionState", Map.of("status", c.status(), "description", "",
                "actionsRequired", "None"));
        props.put("provisioningState", "Succeeded");
        return Map.of("id", ref.armId() + "/privateEndpointConnections/" + c.name(), "etag", "\"" + c.name() + "\"",
                "properties", props);
    }

    Map<String, Object> key(VaultRef ref, KeyDef k) {
        String version = Seeded.hex32(seed, ref.name(), "key", k.name());
        String uri = "https://" + ref.name() + vaultDnsSuffix + "/keys/" + k.name();
        Map<String, Object> p = new LinkedHashMap<>();
        Map<String, Object> attributes = attributes(k.enabled(), k.notBefore(), k.expires(), k.created(), k.updated());
        attributes.put("recoveryLevel", k.recoveryLevel());
        putIfSet(attributes, "exportable", k.exportable());
        p.put("attributes", attributes);
        p.put("kty", k.kty());
        p.put("keyOps", k.keyOps());
        putIfSet(p, "keySize", k.keySize());
        putIfSet(p, "curveName", k.curveName());
        p.put("keyUri", uri);
        p.put("keyUriWithVersion", uri + "/" + version);
        if (k.rotationPolicy() != null) {
            Map<String, Object> rotation = new LinkedHashMap<>();
            Map<String, Object> ra = new LinkedHashMap<>();
            putIfSet(ra, "created", clock.epochSeconds(k.created()));
            putIfSet(ra, "updated", clock.epochSeconds(k.updated()));
            putIfSet(ra, "expiryTime", k.rotationPolicy().expiryTime());
            rotation.put("attributes", ra);
            rotation.put("lifetimeActions", k.rotationPolicy().lifetimeActions().stream().map(a -> {
                Map<String, Object> trigger = new LinkedHashMap<>();
                putIfSet(trigger, "timeAfterCreate", a.timeAfterCreate());
                putIfSet(trigger, "timeBeforeExpiry", a.timeBeforeExpiry());
                return Map.of("trigger", trigger, "action", Map.of("type", a.action()));
            }).toList());
            p.put("rotationPolicy", rotation);
        }
        Map<String, Object> out = resource(ref.armId() + "/keys/" + k.name(), k.name(), "Microsoft.KeyVault/vaults/keys",
                ref.location(), k.tags());
        out.put("properties", p);
        return out;
    }

    Map<String, Object> secret(VaultRef ref, SecretDef s) {
        String uri = "https://" + ref.name() + vaultDnsSuffix + "/secrets/" + s.name();
        Map<String, Object> p = new LinkedHashMap<>();
        putIfSet(p, "contentType", s.contentType());
        p.put("attributes", attributes(s.enabled(), s.notBefore(), s.expires(), s.created(), s.updated()));
        p.put("secretUri", uri);
        p.put("secretUriWithVersion", uri + "/" + Seeded.hex32(seed, ref.name(), "secret", s.name()));
        Map<String, Object> out = resource(ref.armId() + "/secrets/" + s.name(), s.name(),
                "Microsoft.KeyVault/vaults/secrets", ref.location(), s.tags());
        out.put("properties", p);
        return out;
    }

    /** Key Vault attributes in Unix seconds, as both ARM and the data plane carry them. */
    Map<String, Object> attributes(Boolean enabled, String nbf, String exp, String created, String updated) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("enabled", enabled);
        putIfSet(a, "nbf", clock.epochSeconds(nbf));
        putIfSet(a, "exp", clock.epochSeconds(exp));
        putIfSet(a, "created", clock.epochSeconds(created));
        putIfSet(a, "updated", clock.epochSeconds(updated != null ? updated : created));
        return a;
    }

    Map<String, Object> deletedVault(SubscriptionDef sub, DeletedVaultDef d) {
        String rg = d.resourceGroup() != null ? d.resourceGroup() : "rg-deleted";
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("vaultId", "/subscriptions/" + sub.subscriptionId() + "/resourceGroups/" + rg
                + "/providers/Microsoft.KeyVault/vaults/" + d.name());
        p.put("location", d.location());
        putIfSet(p, "deletionDate", instant(d.deletionDate()));
        putIfSet(p, "scheduledPurgeDate", instant(d.scheduledPurgeDate()));
        p.put("tags", d.tags());
        putIfSet(p, "purgeProtectionEnabled", d.purgeProtectionEnabled());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", "/subscriptions/" + sub.subscriptionId() + "/providers/Microsoft.KeyVault/locations/"
                + d.location() + "/deletedVaults/" + d.name());
        out.put("name", d.name());
        out.put("type", "Microsoft.KeyVault/deletedVaults");
        out.put("properties", p);
        return out;
    }

    Map<String, Object> managedHsm(TenantDef tenant, SubscriptionDef sub, ManagedHsmDef h) {
        String id = "/subscriptions/" + sub.subscriptionId() + "/resourceGroups/" + h.resourceGroup()
                + "/providers/Microsoft.KeyVault/managedHSMs/" + h.name();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tenantId", tenant.tenantId());
        p.put("initialAdminObjectIds", h.initialAdminObjectIds());
        p.put("hsmUri", "https://" + h.name() + ".managedhsm." + vaultDnsSuffix.substring(".vault.".length()) + "/");
        putIfSet(p, "enableSoftDelete", h.enableSoftDelete());
        putIfSet(p, "softDeleteRetentionInDays", h.softDeleteRetentionInDays());
        putIfSet(p, "enablePurgeProtection", h.enablePurgeProtection());
        putIfSet(p, "publicNetworkAccess", h.publicNetworkAccess());
        p.put("provisioningState", h.provisioningState());
        putIfSet(p, "statusMessage", h.statusMessage());
        Map<String, Object> out = resource(id, h.name(), "Microsoft.KeyVault/managedHSMs", h.location(), h.tags());
        out.put("sku", Map.of("family", "B", "name", h.sku()));
        out.put("properties", p);
        return out;
    }

    private String instant(String expression) {
        return expression == null ? null : clock.resolve(expression).toString();
    }

    private static Map<String, Object> resource(String id, String name, String type, String location,
                                                Map<String, String> tags) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", name);
        out.put("type", type);
        putIfSet(out, "location", location);
        out.put("tags", tags);
        return out;
    }

    static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
