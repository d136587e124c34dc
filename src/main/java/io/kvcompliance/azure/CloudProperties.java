package io.kvcompliance.azure;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The kv.cloud.* configuration keys and their start-up checks, each failure naming the key and the fix. */
public final class CloudProperties {
    public static final String NAME = "kv.cloud.name";
    public static final String AUTHORITY_HOST = "kv.cloud.authority-host";
    public static final String RESOURCE_MANAGER_ENDPOINT = "kv.cloud.resource-manager-endpoint";
    public static final String KEY_VAULT_DNS_SUFFIX = "kv.cloud.key-vault-dns-suffix";
    public static final String CONNECT_TO = "kv.cloud.connect-to";
    public static final String TRUST_STORE = "kv.cloud.trust-store";
    public static final String TRUST_STORE_PASSWORD = "kv.cloud.trust-store-password";
    public static final String DEFAULT_NAME = "AzureCloud";
    public static final String CUSTOM = "custom";

    private static final Pattern DNS_SUFFIX = Pattern.compile("(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?){2,}");

    private CloudProperties() {
    }

    static CloudEndpoints read(Function<String, String> property) {
        String name = Objects.requireNonNullElse(value(property, NAME), DEFAULT_NAME);
        String authority = value(property, AUTHORITY_HOST);
        String arm = value(property, RESOURCE_MANAGER_ENDPOINT);
        String suffix = value(property, KEY_VAULT_DNS_SUFFIX);
        CloudEndpoints cloud;
        if (name.equalsIgnoreCase(CUSTOM)) {
            cloud = CloudEndpoints.custom(origin(AUTHORITY_HOST, required(authority, AUTHORITY_HOST,
                    "https://login.sandbox.test")), origin(RESOURCE_MANAGER_ENDPOINT, required(arm,
                    RESOURCE_MANAGER_ENDPOINT, "https://management.sandbox.test")), dnsSuffix(KEY_VAULT_DNS_SUFFIX,
                    required(suffix, KEY_VAULT_DNS_SUFFIX, ".vault.sandbox.test")));
        } else {
            cloud = CloudEndpoints.named(name).orElseThrow(() -> new IllegalArgumentException(NAME + "=" + name
                    + " is not a known cloud: use AzureCloud, AzureChinaCloud, AzureUSGovernment, or custom together"
                    + " with " + AUTHORITY_HOST + ", " + RESOURCE_MANAGER_ENDPOINT + " and " + KEY_VAULT_DNS_SUFFIX));
            // a named cloud's hosts are facts; an override that differs is a mistake, not a customisation
            agree(cloud, AUTHORITY_HOST, authority == null ? null : origin(AUTHORITY_HOST, authority).toString(),
                    cloud.authorityHost().toString());
            agree(cloud, RESOURCE_MANAGER_ENDPOINT, arm == null ? null : origin(RESOURCE_MANAGER_ENDPOINT, arm)
                    .toString(), cloud.resourceManagerEndpoint().toString());
            agree(cloud, KEY_VAULT_DNS_SUFFIX, suffix == null ? null : dnsSuffix(KEY_VAULT_DNS_SUFFIX, suffix),
                    cloud.keyVaultDnsSuffix());
        }
        cloud = cloud.withConnectTo(connectTo(value(property, CONNECT_TO)));
        return withTrust(cloud, value(property, TRUST_STORE), value(property, TRUST_STORE_PASSWORD));
    }

    private static String value(Function<String, String> property, String key) {
        String v = property.apply(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String required(String value, String key, String example) {
        if (value == null) {
            throw new IllegalArgumentException(NAME + "=custom needs " + key + " (e.g. " + example + "); set it, or"
                    + " choose a named cloud: AzureCloud, AzureChinaCloud or AzureUSGovernment");
        }
        return value;
    }

    private static void agree(CloudEndpoints cloud, String key, String given, String expected) {
        if (given != null && !given.equalsIgnoreCase(expected)) {
            throw new IllegalArgumentException(key + "=" + given + " contradicts " + NAME + "=" + cloud.name()
                    + ", which uses " + expected + ": remove " + key + ", or set " + NAME + "=custom to use your own"
                    + " hosts");
        }
    }

    /** An https origin ({@code https://host[:port]}, lower-case host, no path, query or user info). */
    static URI origin(String key, String value) {
        String fix = key + "=" + value + " must be an https URL with a host and no path, e.g."
                + " https://login.microsoftonline.com";
        try {
            URI uri = new URI(value);
            String path = uri.getRawPath();
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || !(path == null || path.isEmpty() || path.equals("/"))) {
                throw new IllegalArgumentException(fix);
            }
            String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
            return URI.create("https://" + uri.getHost().toLowerCase(Locale.ROOT) + port);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(fix, e);
        }
    }

    /** Lower case with a leading dot, so "vault.azure.net" and ".vault.azure.net" are the same suffix. */
    static String dnsSuffix(String key, String value) {
        String s = value.trim().toLowerCase(Locale.ROOT);
        s = s.startsWith(".") ? s : "." + s;
        if (!DNS_SUFFIX.matcher(s).matches()) {
            throw new IllegalArgumentException(key + "=" + value + " is not a DNS suffix: use the part of a vault"
                    + " host after its name, e.g. .vault.azure.net");
        }
        return s;
    }

    private static HostOverrides connectTo(String spec) {
        try {
            return HostOverrides.parse(spec);
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new IllegalArgumentException(CONNECT_TO + "=" + spec + " is invalid (" + e.getMessage()
                    + "): use comma-separated pattern=host:port entries, e.g. *.sandbox.test=127.0.0.1:8443", e);
        }
    }

    private static CloudEndpoints withTrust(CloudEndpoints cloud, String store, String password) {
        if (store == null) {
            if (password != null) {
                throw new IllegalArgumentException(TRUST_STORE_PASSWORD + " is set but " + TRUST_STORE + " is not:"
                        + " set " + TRUST_STORE + " to the trust store file, or remove the password");
            }
            return cloud;
        }
        Path path;
        try {
            path = Path.of(store);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(TRUST_STORE + "=" + store + " is not a file path", e);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException(TRUST_STORE + "=" + store + " is not a readable file: point it at a"
                    + " PKCS12 or JKS trust store (the sandbox writes data/sandbox/sandbox-truststore.p12)");
        }
        CloudEndpoints trusted = cloud.withTrustStore(path, password);
        trusted.sslContext(); // a wrong password or a corrupt file fails at start-up, not on the first call
        return trusted;
    }
}
