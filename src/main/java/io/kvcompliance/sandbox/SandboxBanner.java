package io.kvcompliance.sandbox;

import io.kvcompliance.sandbox.model.ApplicationDef;
import io.kvcompliance.sandbox.model.TenantDef;
import io.kvcompliance.sandbox.model.UserDef;
import io.kvcompliance.sandbox.tls.SandboxTls;
import java.nio.file.Path;

/** What the sandbox command prints at start: endpoints, how to trust it, who can sign in, a config snippet. */
final class SandboxBanner {
    private final Sandbox sandbox;
    private final Path trustDir;

    SandboxBanner(Sandbox sandbox, Path trustDir) {
        this.sandbox = sandbox;
        this.trustDir = trustDir.toAbsolutePath();
    }

    String render() {
        TenantDef tenant = sandbox.defaultTenant();
        StringBuilder out = new StringBuilder();
        out.append("keyvault-compliance sandbox listening on ").append(sandbox.localUrl()).append("\n\n");
        out.append("Endpoints (port-less names; every *.").append(sandbox.settings().dnsSuffix())
                .append(" host connects to this listener):\n");
        out.append("  index            ").append(sandbox.localUrl()).append("/\n");
        out.append("  authority        ").append(sandbox.authority(tenant.tenantId())).append("\n");
        out.append("  Resource Manager ").append(sandbox.armEndpoint()).append("\n");
        out.append("  Key Vault        https://{vault}").append(sandbox.vaultDnsSuffix()).append("\n");
        out.append("  admin            ").append(sandbox.localUrl()).append("/_sandbox/metrics, /_sandbox/inventory?principal=...\n\n");
        out.append("Trust its certificate (fresh at each start, SHA-256 ").append(sandbox.tls().sha256Fingerprint()).append("):\n");
        out.append("  PEM        ").append(trustDir.resolve(SandboxTls.CA_PEM_FILE)).append("\n");
        out.append("  PKCS12     ").append(trustDir.resolve(SandboxTls.TRUSTSTORE_FILE)).append(" (password ")
                .append(SandboxTls.TRUSTSTORE_PASSWORD).append(")\n");
        out.append("  curl       curl --cacert ").append(trustDir.resolve(SandboxTls.CA_PEM_FILE)).append(" --connect-to ::127.0.0.1:")
                .append(sandbox.port()).append(" https://").append(sandbox.settings().managementHost())
                .append("/subscriptions?api-version=2022-12-01 -H \"Authorization: Bearer $TOKEN\"\n\n");
        String curl = "curl --cacert " + trustDir.resolve(SandboxTls.CA_PEM_FILE) + " --connect-to ::127.0.0.1:" + sandbox.port();
        tenant.applications().stream().filter(a -> !a.clientSecrets().isEmpty()).findFirst().ifPresent(a -> out
                .append("Get a token (client credentials):\n  ").append(curl).append(" ").append(sandbox.authority(tenant.tenantId()))
                .append("oauth2/v2.0/token -d grant_type=client_credentials -d client_id=").append(a.appId())
                .append(" -d client_secret=").append(a.clientSecrets().get(0))
                .append(" -d scope=https://management.azure.com/.default\n\n"));
        out.append("Who can sign in (tenant ").append(tenant.displayName()).append(", ").append(tenant.tenantId()).append("):\n");
        for (UserDef u : tenant.users()) {
            out.append("  user  ").append(u.userPrincipalName()).append(u.isDefault() ? "  (default)" : "").append("\n");
        }
        for (ApplicationDef a : tenant.applications()) {
            out.append("  app   ").append(a.displayName()).append("  appId ").append(a.appId())
                    .append(a.publicClient() ? "  public client" : a.clientSecrets().isEmpty() ? "" : "  client secret: "
                            + a.clientSecrets().get(0)).append("\n");
        }
        out.append("\nConfig snippet (config/local.properties):\n");
        out.append("  kv.cloud.name = custom\n");
        out.append("  kv.cloud.authority-host = ").append(sandbox.authorityHost()).append("\n");
        out.append("  kv.cloud.resource-manager-endpoint = ").append(sandbox.armEndpoint()).append("\n");
        out.append("  kv.cloud.key-vault-dns-suffix = ").append(sandbox.vaultDnsSuffix()).append("\n");
        out.append("  kv.cloud.connect-to = ").append(sandbox.connectToSpec()).append("\n");
        out.append("  kv.cloud.trust-store = ").append(trustDir.resolve(SandboxTls.TRUSTSTORE_FILE)).append("\n");
        out.append("  kv.auth.tenant-id = ").append(tenant.tenantId()).append("\n");
        tenant.applications().stream().filter(a -> !a.clientSecrets().isEmpty()).findFirst().ifPresent(a -> out
                .append("  kv.auth.client-id = ").append(a.appId()).append("\n")
                .append("and in the environment (secrets never go in a file):\n")
                .append("  export KV_AUTH_CLIENT_SECRET=").append(a.clientSecrets().get(0))
                .append(" KV_CLOUD_TRUST_STORE_PASSWORD=").append(SandboxTls.TRUSTSTORE_PASSWORD).append("\n"));
        out.append("\nCtrl-C stops it.");
        return out.toString();
    }
}
