package io.kvcompliance.sandbox.model;

import java.util.Set;

/**
 * A signed-in identity as authorization sees it: its tenant, object id, the client app it acts
 * through (service principals), and every object id that grants it rights (itself and its groups).
 */
public record Principal(TenantDef tenant, String objectId, String type, String displayName, String userPrincipalName,
                        String appId, Set<String> memberOf) {

    /** Object ids whose role assignments and access policies apply to this principal. */
    public Set<String> grantees() {
        return memberOf;
    }

    public boolean isUser() {
        return "User".equals(type);
    }
}
