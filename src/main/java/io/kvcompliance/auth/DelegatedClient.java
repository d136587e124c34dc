package io.kvcompliance.auth;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.PublicClientApplication;
import io.kvcompliance.azure.CloudEndpoints;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The msal4j public client app of delegated sign-in: the configured authority (tenant id or
 * {@code organizations}), the public client id, the collector's HTTP transport and the protected cache.
 * Shared by {@code connect} (which fills the cache) and {@link DelegatedTokens} (which reads it).
 */
public final class DelegatedClient implements AutoCloseable {
    private static final Set<String> MICROSOFT_AUTHORITIES = Set.of("login.microsoftonline.com",
            "login.chinacloudapi.cn", "login.microsoftonline.us");

    private final CloudEndpoints cloud;
    private final String tenant;
    private final String clientId;
    private final TokenCacheStore store;
    private final MsalHttpClient http;
    private final PublicClientApplication app;
    private final Duration timeout;

    /** @param tenant tenant id or domain; null or blank signs in through {@code organizations} */
    public DelegatedClient(CloudEndpoints cloud, String tenant, String clientId, TokenCacheStore store,
                           Duration timeout) {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("kv.auth.client-id is not set: delegated sign-in needs the application"
                    + " (client) id of a public client app registration");
        }
        this.cloud = cloud;
        this.tenant = tenant == null || tenant.isBlank() ? "organizations" : tenant.trim();
        this.clientId = clientId.trim();
        this.store = store;
        this.timeout = timeout;
        this.http = new MsalHttpClient(cloud.trustStore() == null ? null : cloud.sslContext(), cloud.connectTo(),
                timeout, timeout);
        try {
            this.app = PublicClientApplication.builder(this.clientId)
                    .authority(cloud.authorityHost() + "/" + this.tenant + "/")
                    // discovery would call login.microsoftonline.com about a host it does not know
                    .instanceDiscovery(MICROSOFT_AUTHORITIES.contains(cloud.authorityHost().getHost()))
                    .httpClient(http)
                    .setTokenCacheAccessAspect(store)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("kv.auth.tenant-id '" + tenant + "' does not make a valid authority"
                    + " URL with " + cloud.authorityHost() + ": use the tenant GUID, its domain or organizations", e);
        }
    }

    /**
     * From kv.auth.tenant-id, kv.auth.client-id, kv.auth.token-cache and kv.auth.token-cache-key-file; the
     * key comes from the environment variable KV_TOKEN_CACHE_KEY unless an in-process override
     * (kv.auth.token-cache-key: the sandbox, tests) gives one.
     */
    public static DelegatedClient fromProperties(Function<String, String> property, CloudEndpoints cloud,
                                                 Duration timeout) {
        String override = property.apply("kv.auth.token-cache-key");
        String given = override != null && !override.isBlank() ? override : System.getenv(TokenCacheKey.ENV);
        Path keyFile = path(property, "kv.auth.token-cache-key-file");
        TokenCacheStore store = new TokenCacheStore(path(property, "kv.auth.token-cache"),
                () -> TokenCacheKey.resolve(given, keyFile));
        return new DelegatedClient(cloud, property.apply("kv.auth.tenant-id"), property.apply("kv.auth.client-id"),
                store, timeout);
    }

    private static Path path(Function<String, String> property, String key) {
        String value = property.apply(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is not set: give the file's path in"
                    + " config/application.properties");
        }
        return Path.of(value.trim());
    }

    PublicClientApplication app() {
        return app;
    }

    public TokenCacheStore store() {
        return store;
    }

    public String tenant() {
        return tenant;
    }

    Set<String> scopes(Audience audience) {
        return Set.of(audience == Audience.RESOURCE_MANAGER ? cloud.resourceManagerDelegatedScope()
                : cloud.keyVaultDelegatedScope());
    }

    /** The cached account of the stored connection, if both are there. */
    Optional<IAccount> account(Connection connection) {
        return await(app.getAccounts()).stream()
                .filter(a -> a.homeAccountId().equalsIgnoreCase(connection.homeAccountId())).findFirst();
    }

    /** Stores the signed-in account as the one connection, dropping any other account from the cache. */
    Connection connected(IAuthenticationResult result) {
        IAccount account = result.account();
        for (IAccount other : await(app.getAccounts())) {
            if (!other.homeAccountId().equalsIgnoreCase(account.homeAccountId())) {
                await(app.removeAccount(other));
            }
        }
        String homeAccountId = account.homeAccountId();
        String tenantId = homeAccountId.substring(homeAccountId.indexOf('.') + 1);
        Connection connection = new Connection(tenantId, account.username(), homeAccountId, Instant.now());
        store.connected(connection);
        return connection;
    }

    /** Waits for an msal4j future, bounded by the HTTP timeout; unwraps its failure. */
    <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(timeout.toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new SignInException("Entra ID did not answer within " + timeout.multipliedBy(3).toSeconds()
                    + " s: check kv.cloud.authority-host (" + cloud.authorityHost() + ") and the network path to it.",
                    "timeout", false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInException("sign-in interrupted", null, false, null);
        }
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            // closing idle connections to the authority; nothing left to save
        }
    }
}
