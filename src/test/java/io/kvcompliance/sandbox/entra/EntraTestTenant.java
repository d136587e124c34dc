package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.model.ApplicationDef;
import io.kvcompliance.sandbox.model.TenantDef;
import io.kvcompliance.sandbox.model.TenantFixture;
import io.kvcompliance.sandbox.model.UserDef;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small two-tenant fixture built in code for the Entra tests. Every id is random per instance:
 * msal4j keeps JVM-wide static caches (InteractionRequiredCache keyed by client, authority, account
 * and scopes), so test classes must not share tenants, users or clients.
 */
final class EntraTestTenant {
    static final String ARM_SCOPE = "https://management.azure.com/user_impersonation";
    static final String ARM_DEFAULT = "https://management.azure.com/.default";
    static final String VAULT_SCOPE = "https://vault.azure.net/user_impersonation";
    static final String VAULT_DEFAULT = "https://vault.azure.net/.default";
    static final String LOOPBACK_REDIRECT = "http://localhost:53682/callback";
    static final String WEB_REDIRECT = "https://app.contoso.test/signin-oidc";

    final String tenantId = UUID.randomUUID().toString();
    final String domain = "contoso-" + tenantId.substring(0, 8) + ".onmicrosoft.com";
    final String otherTenantId = UUID.randomUUID().toString();
    final String aliceOid = UUID.randomUUID().toString();
    final String bobOid = UUID.randomUUID().toString();
    final String carolOid = UUID.randomUUID().toString();
    final String alice = "alice@" + domain;
    final String bob = "bob@" + domain;
    final String carol = "carol@fabrikam-" + otherTenantId.substring(0, 8) + ".onmicrosoft.com";
    final String cliAppId = UUID.randomUUID().toString();
    final String daemonAppId = UUID.randomUUID().toString();
    final String webAppId = UUID.randomUUID().toString();
    final String daemonSpId = UUID.randomUUID().toString();
    /** Sandbox-only credential values, generated per run. */
    final String daemonSecret = "sbx~" + UUID.randomUUID();
    final String webSecret = "sbx~" + UUID.randomUUID();

    TenantFixture fixture() {
        List<UserDef> users = List.of(
                new UserDef(aliceOid, alice, "Alice Admin", true, List.of()),
                new UserDef(bobOid, bob, "Bob Blocked", false, List.of("https://vault.azure.net")));
        List<ApplicationDef> apps = List.of(
                new ApplicationDef(cliAppId, "kv-collector-cli", UUID.randomUUID().toString(), true,
                        List.of("http://localhost"), List.of(), List.of()),
                new ApplicationDef(daemonAppId, "kv-collector-daemon", daemonSpId, false, List.of(),
                        List.of(daemonSecret), List.of()),
                new ApplicationDef(webAppId, "kv-collector-web", UUID.randomUUID().toString(), false,
                        List.of(WEB_REDIRECT, "http://localhost:8080/callback"), List.of(webSecret), List.of()));
        TenantDef contoso = new TenantDef(tenantId, "Contoso", domain, users, List.of(), apps, List.of(), List.of(),
                List.of());
        TenantDef fabrikam = new TenantDef(otherTenantId, "Fabrikam", "fabrikam-" + otherTenantId.substring(0, 8)
                + ".onmicrosoft.com", List.of(new UserDef(carolOid, carol, "Carol", true, List.of())), List.of(),
                List.of(), List.of(), List.of(), List.of());
        return new TenantFixture("entra tests", List.of(contoso, fabrikam), Map.of());
    }
}
