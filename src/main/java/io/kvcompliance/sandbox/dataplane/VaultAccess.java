package io.kvcompliance.sandbox.dataplane;

import io.kvcompliance.sandbox.arm.Authorizer;
import io.kvcompliance.sandbox.model.AccessPolicyDef;
import io.kvcompliance.sandbox.model.NetworkAclsDef;
import io.kvcompliance.sandbox.model.Principal;
import io.kvcompliance.sandbox.model.VaultRef;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Whether the data plane lets a caller in: first the vault's network rules (public access, firewall),
 * then its permission model (RBAC data actions, or access policies). Shared with the expected
 * inventory so the sandbox's answers and its expectations cannot drift apart.
 */
public final class VaultAccess {
    /** The data plane's verdict, with the 403 inner error code when refused. */
    public enum Verdict {
        ALLOWED(null), FORBIDDEN_BY_CONNECTION("ForbiddenByConnection"), FORBIDDEN_BY_FIREWALL("ForbiddenByFirewall"),
        FORBIDDEN_BY_RBAC("ForbiddenByRbac"), FORBIDDEN_BY_POLICY("ForbiddenByPolicy");

        public final String innerCode;

        Verdict(String innerCode) {
            this.innerCode = innerCode;
        }
    }

    /** One data-plane operation: the RBAC data action and the access-policy permission it needs. */
    public record Operation(String objectType, String permission, String dataAction) {
        public static Operation list(String objectType) {
            return new Operation(objectType, "list", dataAction(objectType));
        }

        public static Operation get(String objectType) {
            return new Operation(objectType, "get", objectType.equals("secrets")
                    ? "Microsoft.KeyVault/vaults/secrets/getSecret/action" : dataAction(objectType));
        }

        private static String dataAction(String objectType) {
            return objectType.equals("secrets") ? "Microsoft.KeyVault/vaults/secrets/readMetadata/action"
                    : "Microsoft.KeyVault/vaults/" + objectType + "/read";
        }
    }

    private final Authorizer authorizer;

    public VaultAccess(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    /** Network rules only (checked before permissions, as the service does). */
    public Verdict network(VaultRef vault, String clientAddress) {
        if ("disabled".equalsIgnoreCase(vault.vault().publicNetworkAccess())) {
            return Verdict.FORBIDDEN_BY_CONNECTION;
        }
        NetworkAclsDef acls = vault.vault().networkAcls();
        if (acls != null && "deny".equalsIgnoreCase(acls.defaultAction())
                && acls.ipRules().stream().noneMatch(rule -> covers(rule, clientAddress))) {
            return Verdict.FORBIDDEN_BY_FIREWALL;
        }
        return Verdict.ALLOWED;
    }

    public Verdict permission(VaultRef vault, Principal p, String appId, Operation op) {
        if (vault.vault().rbac()) {
            return authorizer.allowsData(p, vault, op.dataAction()) ? Verdict.ALLOWED : Verdict.FORBIDDEN_BY_RBAC;
        }
        for (AccessPolicyDef policy : vault.vault().accessPolicies()) {
            boolean mine = p.grantees().contains(policy.objectId().toLowerCase(Locale.ROOT))
                    && (policy.applicationId() == null || policy.applicationId().equalsIgnoreCase(appId));
            if (mine && grants(permissions(policy, op.objectType()), op.permission())) {
                return Verdict.ALLOWED;
            }
        }
        return Verdict.FORBIDDEN_BY_POLICY;
    }

    public Verdict check(VaultRef vault, Principal p, String appId, String clientAddress, Operation op) {
        Verdict net = network(vault, clientAddress);
        return net != Verdict.ALLOWED ? net : permission(vault, p, appId, op);
    }

    private static List<String> permissions(AccessPolicyDef policy, String objectType) {
        return switch (objectType) {
            case "keys" -> policy.keys();
            case "secrets" -> policy.secrets();
            default -> policy.certificates();
        };
    }

    private static boolean grants(List<String> permissions, String wanted) {
        return permissions.stream().anyMatch(x -> x.equalsIgnoreCase(wanted) || x.equalsIgnoreCase("all"));
    }

    /** IPv4 CIDR or single-address rule check. */
    static boolean covers(String rule, String address) {
        try {
            String[] parts = rule.split("/");
            byte[] net = InetAddress.getByName(parts[0]).getAddress();
            byte[] addr = InetAddress.getByName(address).getAddress();
            if (net.length != addr.length) {
                return false;
            }
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : net.length * 8;
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((net[i / 8] & mask) != (addr[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
