package io.kvcompliance.sandbox;

import io.kvcompliance.sandbox.http.SandboxSettings;
import io.kvcompliance.sandbox.model.ApplicationDef;
import io.kvcompliance.sandbox.model.TenantDef;
import io.kvcompliance.sandbox.model.UserDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON index served at {@code GET /}: endpoints, host mapping, tenants and who can sign in. */
final class SandboxIndex {
    private final SandboxContext ctx;

    SandboxIndex(SandboxContext ctx) {
        this.ctx = ctx;
    }

    Map<String, Object> describe(String listenerAuthority) {
        SandboxSettings s = ctx.settings();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", "keyvault-compliance sandbox");
        out.put("listener", "https://" + listenerAuthority);
        out.put("authorityHost", "https://" + s.loginHost());
        out.put("authority", "https://" + s.loginHost() + "/{tenantId}/");
        out.put("armEndpoint", "https://" + s.managementHost());
        out.put("dataPlaneHostPattern", "https://{vault}" + s.vaultDnsSuffix());
        out.put("keyVaultDnsSuffix", s.vaultDnsSuffix());
        out.put("hostMapping", "every *." + s.dnsSuffix() + " name connects to this listener (port-less URLs, like"
                + " curl --connect-to ::127.0.0.1:<port>); the Host header selects Entra ID, Resource Manager or a vault");
        out.put("scopes", Map.of("resourceManager", "https://management.azure.com/user_impersonation",
                "keyVault", "https://vault.azure.net/user_impersonation"));
        List<Object> tenants = new ArrayList<>();
        for (TenantDef t : ctx.store().tenants()) {
            tenants.add(tenant(t));
        }
        out.put("tenants", tenants);
        out.put("admin", adminPaths());
        return out;
    }

    private static Map<String, Object> tenant(TenantDef t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tenantId", t.tenantId());
        out.put("displayName", t.displayName());
        out.put("defaultDomain", t.defaultDomain());
        out.put("subscriptions", t.subscriptions().size());
        List<Object> principals = new ArrayList<>();
        for (UserDef u : t.users()) {
            principals.add(Map.of("type", "User", "userPrincipalName", u.userPrincipalName(), "objectId", u.objectId(),
                    "default", u.isDefault()));
        }
        for (ApplicationDef a : t.applications()) {
            Map<String, Object> app = new LinkedHashMap<>();
            app.put("type", a.publicClient() ? "PublicClient" : "ServicePrincipal");
            app.put("displayName", a.displayName());
            app.put("appId", a.appId());
            app.put("servicePrincipalObjectId", a.servicePrincipalObjectId());
            app.put("credentials", a.publicClient() ? "none (delegated sign-in: authorization code, device code)"
                    : (a.clientSecrets().isEmpty() ? "" : "client secret ") + (a.certificates().isEmpty() ? "" : "certificate"));
            principals.add(app);
        }
        out.put("principals", principals);
        return out;
    }

    List<String> adminPaths() {
        return List.of("GET /_sandbox/metrics", "POST /_sandbox/metrics/reset", "GET /_sandbox/inventory?principal=<upn|objectId|appId>",
                "GET|POST /_sandbox/settings", "GET /_sandbox/trust", "POST /_sandbox/device/approve?user_code=<code>&user=<upn>",
                "POST /_sandbox/revoke?principal=<upn|objectId>",
                "POST /_sandbox/token?principal=<upn|objectId|appId>&resource=<arm|vault>");
    }
}
