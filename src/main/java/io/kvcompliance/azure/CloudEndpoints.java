package io.kvcompliance.azure;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * One Azure cloud's hosts, token audiences and trust: where bearer tokens may go and which scopes to request.
 *
 * @param authorityHost           Entra ID host, {@code https://host} without path (msal4j adds the tenant)
 * @param resourceManagerEndpoint Resource Manager origin, without trailing slash
 * @param keyVaultDnsSuffix       vault host suffix with its leading dot, lower case
 * @param resourceManagerResource ARM token audience, e.g. {@code https://management.azure.com/}
 * @param keyVaultResource        Key Vault token audience, e.g. {@code https://vault.azure.net}
 * @param connectTo               connect-to host overrides (empty: system DNS for every host)
 * @param trustStore              PKCS12/JKS trust store, or null for the JVM's default trust
 */
public record CloudEndpoints(String name, URI authorityHost, URI resourceManagerEndpoint, String keyVaultDnsSuffix,
                             String resourceManagerResource, String keyVaultResource, HostOverrides connectTo,
                             Path trustStore, String trustStorePassword) {
    // the vaultName pattern of the Microsoft.KeyVault OpenAPI spec: ^[a-zA-Z0-9-]{3,24}$
    private static final Pattern VAULT_NAME = Pattern.compile("[a-zA-Z0-9-]{3,24}");

    // as in the Azure SDKs' environment tables (Azure PowerShell AzureEnvironment, hashicorp/go-azure-sdk
    // environments); each cloud's ARM token audience is its Resource Manager URL with a trailing slash
    public static final CloudEndpoints AZURE_CLOUD = named("AzureCloud", "https://login.microsoftonline.com",
            "https://management.azure.com", ".vault.azure.net", "https://management.azure.com/",
            "https://vault.azure.net");
    public static final CloudEndpoints AZURE_CHINA_CLOUD = named("AzureChinaCloud", "https://login.chinacloudapi.cn",
            "https://management.chinacloudapi.cn", ".vault.azure.cn", "https://management.chinacloudapi.cn/",
            "https://vault.azure.cn");
    public static final CloudEndpoints AZURE_US_GOVERNMENT = named("AzureUSGovernment",
            "https://login.microsoftonline.us", "https://management.usgovcloudapi.net", ".vault.usgovcloudapi.net",
            "https://management.usgovcloudapi.net/", "https://vault.usgovcloudapi.net");
    public static final List<CloudEndpoints> NAMED = List.of(AZURE_CLOUD, AZURE_CHINA_CLOUD, AZURE_US_GOVERNMENT);

    public CloudEndpoints {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(resourceManagerResource, "resourceManagerResource");
        Objects.requireNonNull(keyVaultResource, "keyVaultResource");
        Objects.requireNonNull(authorityHost, "authorityHost");
        Objects.requireNonNull(resourceManagerEndpoint, "resourceManagerEndpoint");
        Objects.requireNonNull(keyVaultDnsSuffix, "keyVaultDnsSuffix");
        authorityHost = CloudProperties.origin("authorityHost", authorityHost.toString());
        resourceManagerEndpoint = CloudProperties.origin("resourceManagerEndpoint", resourceManagerEndpoint.toString());
        keyVaultDnsSuffix = CloudProperties.dnsSuffix("keyVaultDnsSuffix", keyVaultDnsSuffix);
        connectTo = connectTo == null ? new HostOverrides(List.of()) : connectTo;
    }

    private static CloudEndpoints named(String name, String authority, String arm, String suffix, String armResource,
                                        String vaultResource) {
        return new CloudEndpoints(name, URI.create(authority), URI.create(arm), suffix, armResource, vaultResource,
                null, null, null);
    }

    /**
     * A cloud whose hosts are not Azure's but whose tokens carry Azure's public audiences, as the sandbox
     * mints them (README "Hosts"); Azure Stack-like clouds with other audiences are not supported yet.
     */
    public static CloudEndpoints custom(URI authorityHost, URI resourceManagerEndpoint, String keyVaultDnsSuffix) {
        return new CloudEndpoints("custom", authorityHost, resourceManagerEndpoint, keyVaultDnsSuffix,
                AZURE_CLOUD.resourceManagerResource, AZURE_CLOUD.keyVaultResource, null, null, null);
    }

    /** The named cloud (AzureCloud, AzureChinaCloud, AzureUSGovernment; case-insensitive), if any. */
    public static Optional<CloudEndpoints> named(String name) {
        return NAMED.stream().filter(c -> c.name.equalsIgnoreCase(name)).findFirst();
    }

    /** Reads and checks the kv.cloud.* keys; fails naming the key and the fix (see {@link CloudProperties}). */
    public static CloudEndpoints fromProperties(Function<String, String> property) {
        return CloudProperties.read(property);
    }

    public CloudEndpoints withConnectTo(HostOverrides overrides) {
        return new CloudEndpoints(name, authorityHost, resourceManagerEndpoint, keyVaultDnsSuffix,
                resourceManagerResource, keyVaultResource, overrides, trustStore, trustStorePassword);
    }

    public CloudEndpoints withTrustStore(Path store, String password) {
        return new CloudEndpoints(name, authorityHost, resourceManagerEndpoint, keyVaultDnsSuffix,
                resourceManagerResource, keyVaultResource, connectTo, store, password);
    }

    /** App-only (client credentials) scope for Resource Manager: {@code <audience>/.default}. */
    public String resourceManagerAppScope() {
        return scope(resourceManagerResource, ".default");
    }

    /** Delegated (signed-in user) scope for Resource Manager, e.g. https://management.azure.com/user_impersonation. */
    public String resourceManagerDelegatedScope() {
        return scope(resourceManagerResource, "user_impersonation");
    }

    public String keyVaultAppScope() {
        return scope(keyVaultResource, ".default");
    }

    public String keyVaultDelegatedScope() {
        return scope(keyVaultResource, "user_impersonation");
    }

    private static String scope(String resource, String permission) {
        return resource.endsWith("/") ? resource + permission : resource + "/" + permission;
    }

    /** Same scheme and host (case-insensitive) as the configured Resource Manager, on the same effective port. */
    public boolean isResourceManager(URI uri) {
        return uri != null && uri.getHost() != null && uri.getRawUserInfo() == null
                && resourceManagerEndpoint.getScheme().equalsIgnoreCase(uri.getScheme())
                && resourceManagerEndpoint.getHost().equalsIgnoreCase(uri.getHost())
                && effectivePort(uri) == effectivePort(resourceManagerEndpoint);
    }

    /** An https URL on {@code <vault name><suffix>} on the default port. */
    public boolean isVault(URI uri) {
        return vaultName(uri).isPresent();
    }

    /** The vault a data-plane URL addresses, lower case (DNS names are case-insensitive). */
    public Optional<String> vaultName(URI uri) {
        if (uri == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || !"https".equalsIgnoreCase(uri.getScheme()) || effectivePort(uri) != 443) {
            return Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!host.endsWith(keyVaultDnsSuffix)) {
            return Optional.empty();
        }
        String label = host.substring(0, host.length() - keyVaultDnsSuffix.length());
        return VAULT_NAME.matcher(label).matches() ? Optional.of(label) : Optional.empty();
    }

    /** The vault's data-plane URL with a trailing slash, the form ARM's {@code properties.vaultUri} has. */
    public URI vaultUri(String vaultName) {
        if (vaultName == null || !VAULT_NAME.matcher(vaultName).matches()) {
            throw new IllegalArgumentException("'" + vaultName + "' is not a Key Vault name (3-24 letters, digits"
                    + " and hyphens)");
        }
        return URI.create("https://" + vaultName.toLowerCase(Locale.ROOT) + keyVaultDnsSuffix + "/");
    }

    static int effectivePort(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    /** TLS trust for every Azure call: the configured trust store, else the JVM's default trust. */
    public SSLContext sslContext() {
        return TrustStores.sslContext(trustStore, trustStorePassword);
    }

    /** Never prints the trust store password. */
    @Override
    public String toString() {
        return "CloudEndpoints[name=" + name + ", authorityHost=" + authorityHost + ", resourceManagerEndpoint="
                + resourceManagerEndpoint + ", keyVaultDnsSuffix=" + keyVaultDnsSuffix + ", connectTo="
                + connectTo.rules() + ", trustStore=" + trustStore + "]";
    }
}
