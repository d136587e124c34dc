package io.kvcompliance.sandbox;

import io.kvcompliance.auth.TokenCacheKey;
import io.kvcompliance.sandbox.model.ApplicationDef;
import io.kvcompliance.sandbox.model.TenantDef;
import io.kvcompliance.sandbox.tls.SandboxTls;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The collector configuration that points at a running sandbox: the custom cloud (hosts, connect-to,
 * trust store) and either the default tenant's service principal or delegated sign-in with its public
 * client app. The same keys the banner prints.
 */
public final class SandboxProfile {
    private SandboxProfile() {
    }

    /** Writes the trust material to {@code trustDir} and returns the kv.* properties for this sandbox. */
    public static Map<String, String> collectorProperties(Sandbox sandbox, Path trustDir) {
        TenantDef tenant = sandbox.defaultTenant();
        ApplicationDef app = tenant.applications().stream().filter(a -> !a.clientSecrets().isEmpty()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the sandbox tenant has no app with a client secret"));
        Map<String, String> p = cloudProperties(sandbox, trustDir);
        p.put("kv.auth.mode", "service-principal");
        p.put("kv.auth.tenant-id", tenant.tenantId());
        p.put("kv.auth.client-id", app.appId());
        p.put("kv.auth.client-secret", app.clientSecrets().get(0));
        return p;
    }

    /**
     * Delegated sign-in with the default tenant's public client app, into a token cache under
     * {@code cacheDir} sealed with a fresh random key (given in-process, never written to the environment).
     */
    public static Map<String, String> delegatedProperties(Sandbox sandbox, Path trustDir, Path cacheDir) {
        TenantDef tenant = sandbox.defaultTenant();
        ApplicationDef app = tenant.applications().stream().filter(ApplicationDef::publicClient).findFirst()
                .orElseThrow(() -> new IllegalStateException("the sandbox tenant has no public client app"));
        Map<String, String> p = cloudProperties(sandbox, trustDir);
        p.put("kv.auth.mode", "delegated");
        p.put("kv.auth.tenant-id", tenant.tenantId());
        p.put("kv.auth.client-id", app.appId());
        p.put("kv.auth.token-cache", cacheDir.resolve("token-cache.bin").toAbsolutePath().toString());
        p.put("kv.auth.token-cache-key-file", cacheDir.resolve("token-cache.key").toAbsolutePath().toString());
        p.put("kv.auth.token-cache-key", TokenCacheKey.generate());
        return p;
    }

    private static Map<String, String> cloudProperties(Sandbox sandbox, Path trustDir) {
        sandbox.tls().writeTrustMaterial(trustDir);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kv.cloud.name", "custom");
        p.put("kv.cloud.authority-host", sandbox.authorityHost());
        p.put("kv.cloud.resource-manager-endpoint", sandbox.armEndpoint());
        p.put("kv.cloud.key-vault-dns-suffix", sandbox.vaultDnsSuffix());
        p.put("kv.cloud.connect-to", sandbox.connectToSpec());
        p.put("kv.cloud.trust-store", trustDir.resolve(SandboxTls.TRUSTSTORE_FILE).toAbsolutePath().toString());
        p.put("kv.cloud.trust-store-password", SandboxTls.TRUSTSTORE_PASSWORD);
        return p;
    }
}
